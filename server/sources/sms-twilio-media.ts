/**
 * MMS images of a Twilio message: fetched from the configured API origin only, with the account's credentials
 * there and nowhere else (media/source-images.ts does the fetching), then stored like the web form's photos.
 */
import type { Logger } from '../log.js';
import type { StoredUpload } from '../media/uploads.js';
import type { SourceRouteContext } from './source.js';

/** Twilio sends at most 10 media per MMS; the bound also keeps a forged `NumMedia` from looping long. */
const MAX_MEDIA = 10;

/** The account whose API serves the message's media. */
export interface TwilioAccount {
  apiBase: string;
  accountSid: string;
  authToken: string;
}

export type StoredPhoto = Pick<StoredUpload, 'url' | 'previewUrl' | 'bytes' | 'width' | 'height'>;

/** The image URLs of an MMS form (`NumMedia`, `MediaUrlN`, `MediaContentTypeN`); other media types are skipped. */
export function mmsImageUrls(form: Record<string, string>): string[] {
  const count = Math.min(Number(form.NumMedia) || 0, MAX_MEDIA);
  const urls: string[] = [];
  for (let n = 0; n < count; n++) {
    const url = form[`MediaUrl${n}`];
    const type = form[`MediaContentType${n}`];
    if (url && type?.toLowerCase().startsWith('image/')) urls.push(url);
  }
  return urls;
}

/**
 * Fetches and stores every image of the message, at the same time (Twilio waits 15 s for the answer). A failure
 * is logged and skipped: the message goes in with the images that did arrive.
 */
export async function storeMmsImages(
  urls: string[],
  account: TwilioAccount,
  saveImageFrom: SourceRouteContext['saveImageFrom'],
  log: Logger,
): Promise<StoredPhoto[]> {
  const credentials = Buffer.from(`${account.accountSid}:${account.authToken}`).toString('base64');
  const api = { origin: account.apiBase, authorization: `Basic ${credentials}` };
  const results = await Promise.allSettled(urls.map((url) => saveImageFrom(url, api)));
  const photos: StoredPhoto[] = [];
  results.forEach((result, index) => {
    if (result.status === 'fulfilled') {
      const { url, previewUrl, bytes, width, height } = result.value;
      photos.push({ url, bytes, width, height, ...(previewUrl ? { previewUrl } : {}) });
    } else
      log.warn(
        { media: index, err: errorMessage(result.reason) },
        'MMS image dropped (not fetched, or not a whole image); the text is kept',
      );
  });
  return photos;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
