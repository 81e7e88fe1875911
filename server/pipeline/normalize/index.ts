/** Normalize step: one wire format in, the item model's shape out. */
import { MalformedPayloadError } from '../types.js';
import type { NormalizeContext, NormalizedItem, PayloadFormat, RawPayload } from '../types.js';
import { normalizeEmail } from './email.js';
import { normalizeJetstream } from './jetstream.js';
import { normalizeMastodon } from './mastodon.js';
import { normalizeSmsGateway } from './sms-gateway.js';
import { normalizeTwilio } from './twilio.js';
import { normalizeWeb } from './web.js';
import { normalizeX } from './x.js';

export type { MailMessage } from './email.js';

type Normalizer = (raw: RawPayload, ctx: NormalizeContext) => NormalizedItem;

const NORMALIZERS: Record<PayloadFormat, Normalizer> = {
  x: normalizeX,
  mastodon: normalizeMastodon,
  jetstream: normalizeJetstream,
  twilio: normalizeTwilio,
  'sms-gateway': normalizeSmsGateway,
  email: normalizeEmail,
  web: normalizeWeb,
};

/**
 * Turns a raw payload into a {@link NormalizedItem}. Throws `MalformedPayloadError` for a payload it cannot read
 * and `IgnoredPayloadError` for a well-formed payload that is not an item (a delete, an auto-reply...).
 */
export function normalize(raw: RawPayload, ctx: NormalizeContext): NormalizedItem {
  const normalizer = Object.hasOwn(NORMALIZERS, raw.format) ? NORMALIZERS[raw.format] : undefined;
  if (!normalizer) throw new MalformedPayloadError(raw.format, 'unknown payload format');
  return normalizer(raw, ctx);
}
