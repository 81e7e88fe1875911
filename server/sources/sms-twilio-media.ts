/**
 * MMS images of a Twilio message: fetched with the account's credentials from the configured API origin only,
 * then stored like the web form's photos (decoded whole, metadata such as GPS stripped) and served from
 * /media/uploads/. Twilio answers a media URL with a redirect to its CDN, which is followed WITHOUT the
 * credentials: they go to the configured API origin only.
 */
import type { Logger } from '../log.js';
import { fetchImage, ImageFetchError, type FetchedImage } from '../media/fetch-image.js';
import type { StoredUpload, UploadStore } from '../media/uploads.js';

/** Twilio sends at most 10 media per MMS; the bound also keeps a forged `NumMedia` from looping long. */
const MAX_MEDIA = 10;

export interface TwilioMediaOptions {
  apiBase: string;
  accountSid: string;
  authToken: string;
  limits: { maxBytes: number; timeoutMs: number };
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
  options: TwilioMediaOptions,
  uploads: UploadStore,
  log: Logger,
): Promise<StoredPhoto[]> {
  const results = await Promise.allSettled(
    urls.map(async (url) => uploads.save((await fetchTwilioMedia(url, options)).body)),
  );
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

/**
 * One media URL: only on the apiBase origin, with Basic credentials there and nowhere else. Its redirects are
 * followed (to Twilio's CDN) without them; private addresses are not refused along the way, since the URL and its
 * redirects come from the configured API that authenticated us, not from the message's sender.
 */
export function fetchTwilioMedia(url: string, options: TwilioMediaOptions): Promise<FetchedImage> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.reject(new ImageFetchError('not a URL'));
  }
  const origin = new URL(options.apiBase).origin;
  if (target.origin !== origin) return Promise.reject(new ImageFetchError(`not on the configured apiBase ${origin}`));
  const credentials = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  const headersFor = (hop: URL): Record<string, string> =>
    hop.origin === origin ? { authorization: credentials } : {};
  return fetchImage(url, { ...options.limits, allowPrivateNetworks: true }, { headersFor });
}
