/** Twilio Programmable Messaging inbound webhook (SMS or MMS form fields) to an item. */
import { z } from 'zod';
import type { Media } from '../../protocol/items.js';
import { IgnoredPayloadError } from '../types.js';
import type { NormalizeContext, NormalizedItem, RawPayload } from '../types.js';
import { parsePayload } from './common.js';
import { smsItem } from './sms-common.js';
import { StoredPhoto, storedPhotoMedia } from './stored-photo.js';

const Form = z.object({
  MessageSid: z.string().min(1),
  From: z.string().min(1),
  Body: z.string().optional(),
  NumMedia: z.string().optional(),
  OptOutType: z.string().optional(),
});

/**
 * MMS images the webhook already fetched with the account's credentials and stored (server/media/uploads.ts).
 * Twilio's own `MediaUrlN` are never put in an item: they need those credentials and name the account.
 */
const StoredPhotos = z.array(StoredPhoto).max(10);

/** Normalizes Twilio's decoded form fields; STOP/START/HELP keywords (`OptOutType`) are ignored. */
export function normalizeTwilio(raw: RawPayload, ctx: NormalizeContext): NormalizedItem {
  const form = parsePayload('twilio', Form, raw.payload);
  if (form.OptOutType) throw new IgnoredPayloadError('twilio', `opt-out keyword (${form.OptOutType})`);
  return smsItem(
    {
      format: 'twilio',
      sourceId: form.MessageSid,
      from: form.From,
      body: form.Body ?? '',
      media: storedPhotos(raw.meta),
      createdAt: ctx.now(),
    },
    ctx,
  );
}

function storedPhotos(meta: Record<string, unknown> | undefined): Media[] {
  const photos = parsePayload('twilio', StoredPhotos.optional(), meta?.media) ?? [];
  return photos.map(storedPhotoMedia);
}
