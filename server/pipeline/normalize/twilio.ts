/** Twilio Programmable Messaging inbound webhook (SMS or MMS form fields) to an item. */
import { z } from 'zod';
import type { Media } from '../../protocol/items.js';
import { IgnoredPayloadError } from '../types.js';
import type { NormalizeContext, NormalizedItem, RawPayload } from '../types.js';
import { parsePayload } from './common.js';
import { smsItem } from './sms-common.js';

/** Twilio sends at most 10 media per MMS; the bound also keeps a forged `NumMedia` from looping long. */
const MAX_MEDIA = 10;

const Form = z.looseObject({
  MessageSid: z.string().min(1),
  From: z.string().min(1),
  Body: z.string().optional(),
  NumMedia: z.string().optional(),
  OptOutType: z.string().optional(),
});

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
      media: mmsImages(form),
      createdAt: ctx.now(),
    },
    ctx,
  );
}

/** MMS images, as Twilio URLs: fetching them (with credentials) is the media proxy's job. */
function mmsImages(form: Record<string, unknown>): Media[] {
  const count = Math.min(Number(form.NumMedia) || 0, MAX_MEDIA);
  const media: Media[] = [];
  for (let n = 0; n < count; n++) {
    const url = form[`MediaUrl${n}`];
    const type = form[`MediaContentType${n}`];
    if (typeof url === 'string' && typeof type === 'string' && type.startsWith('image/')) {
      media.push({ type: 'image', url });
    }
  }
  return media;
}
