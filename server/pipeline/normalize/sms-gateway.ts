/**
 * Generic SMS gateway webhook (JSON or form): `{ from, to, text, id | messageId, timestamp }`, and Vonage's inbound
 * fields (`msisdn`, `to`, `messageId`, `text`, `message-timestamp`).
 */
import { z } from 'zod';
import { MalformedPayloadError } from '../types.js';
import type { NormalizeContext, NormalizedItem, RawPayload } from '../types.js';
import { parsePayload, parseTime } from './common.js';
import { smsItem } from './sms-common.js';

const Id = z
  .union([z.string().min(1), z.number()])
  .transform(String)
  .optional();
const Body = z.object({
  from: z.string().min(1).optional(),
  msisdn: z.string().min(1).optional(),
  text: z.string().optional(),
  id: Id,
  messageId: Id,
  timestamp: z.union([z.string(), z.number()]).optional(),
  'message-timestamp': z.string().optional(),
});

/** Normalizes a gateway body; the message id is required (it is what makes webhook retries harmless). */
export function normalizeSmsGateway(raw: RawPayload, ctx: NormalizeContext): NormalizedItem {
  const body = parsePayload('sms-gateway', Body, raw.payload);
  const sourceId = body.messageId ?? body.id;
  if (sourceId === undefined) throw new MalformedPayloadError('sms-gateway', 'messageId: missing (or id)');
  const from = body.from ?? body.msisdn;
  if (from === undefined) throw new MalformedPayloadError('sms-gateway', 'from: missing (or msisdn)');
  return smsItem(
    { format: 'sms-gateway', sourceId, from, body: body.text ?? '', media: [], createdAt: sentAt(body, ctx) },
    ctx,
  );
}

/** Vonage writes `2026-03-12 18:04:05` in UTC without saying so; `Date.parse` would read it as local time. */
function sentAt(body: z.output<typeof Body>, ctx: NormalizeContext): number {
  const vonage = body['message-timestamp'];
  if (vonage !== undefined && /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(vonage)) {
    return parseTime(`${vonage.replace(' ', 'T')}Z`, ctx);
  }
  return parseTime(body.timestamp ?? vonage, ctx);
}
