/** The public web form (`{ name, message }`) to an item. */
import { z } from 'zod';
import { IgnoredPayloadError, MalformedPayloadError } from '../types.js';
import type { NormalizeContext, NormalizedItem, RawPayload } from '../types.js';
import { hashtagsInText } from '../text/patterns.js';
import { metaString, parsePayload } from './common.js';
import { StoredPhoto, storedPhotoMedia } from './stored-photo.js';

/** Author name when the form's name field is left empty. */
export const WEB_AUTHOR = 'Web';

const Form = z.object({ name: z.string().optional(), message: z.string(), photo: StoredPhoto.optional() });

/**
 * Normalizes a form submission. `meta.idempotencyKey` (required) is the id, so a double submit is one item;
 * `meta.clientKey` (a per-client hash from the server) keys the author, falling back to the typed name.
 */
export function normalizeWeb(raw: RawPayload, ctx: NormalizeContext): NormalizedItem {
  const form = parsePayload('web', Form, raw.payload);
  const sourceId = metaString(raw.meta, 'idempotencyKey');
  if (sourceId === undefined) throw new MalformedPayloadError('web', 'meta.idempotencyKey: missing');
  const text = form.message.trim();
  if (text === '') throw new IgnoredPayloadError('web', 'empty message');
  const name = (form.name ?? '').replace(/\s+/g, ' ').trim();
  // contactTag only knows phones and emails; 'email' keys it like the other free-text identities.
  const tag = ctx.contactTag('email', metaString(raw.meta, 'clientKey') ?? name.toLowerCase());
  return {
    source: 'web',
    sourceId,
    url: null,
    author: { name: name || WEB_AUTHOR },
    authorKey: `web:${tag}`,
    contact: null,
    text,
    html: null,
    links: { hashtag: null, mention: null },
    media: form.photo ? [storedPhotoMedia(form.photo)] : [],
    lang: null,
    context: null,
    flags: [],
    hashtags: hashtagsInText(text),
    createdAt: ctx.now(),
  };
}
