/**
 * MMS images of a Twilio message: fetched with the account's credentials from the configured API origin only,
 * then stored like the web form's photos (type checked, metadata such as GPS stripped) and served from
 * /media/uploads/. Twilio answers a media URL with a redirect to its CDN, which is followed WITHOUT the
 * credentials: they go to the configured API origin only.
 */
import http from 'node:http';
import https from 'node:https';
import type { Logger } from '../log.js';
import { IMAGE_TYPES, ImageFetchError, type FetchedImage } from '../media/fetch-image.js';
import type { UploadStore } from '../media/uploads.js';

/** Twilio sends at most 10 media per MMS; the bound also keeps a forged `NumMedia` from looping long. */
const MAX_MEDIA = 10;
const MAX_REDIRECTS = 3;

export interface TwilioMediaOptions {
  apiBase: string;
  accountSid: string;
  authToken: string;
  limits: { maxBytes: number; timeoutMs: number };
}

export interface StoredPhoto {
  url: string;
  bytes: number;
}

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
    if (result.status === 'fulfilled') photos.push({ url: result.value.url, bytes: result.value.bytes });
    else log.warn({ media: index, err: errorMessage(result.reason) }, 'MMS image not fetched; the text is kept');
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
  // The socket timeout alone would let a host dribble bytes for ever: this bounds the whole fetch, redirects included.
  return get(target, { ...options, signal: AbortSignal.timeout(options.limits.timeoutMs) }, origin, 0);
}

type Fetching = TwilioMediaOptions & { signal: AbortSignal };

function get(target: URL, options: Fetching, apiOrigin: string, redirects: number): Promise<FetchedImage> {
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    return Promise.reject(new ImageFetchError('redirected to a URL that is not http(s)'));
  }
  const headers: Record<string, string> = { accept: 'image/*' };
  if (target.origin === apiOrigin) {
    headers.authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  }
  return new Promise((resolve, reject) => {
    const client = target.protocol === 'https:' ? https : http;
    // No pooled keep-alive socket: nothing stays open once the webhook has answered.
    const settings = { agent: false, timeout: options.limits.timeoutMs, headers, signal: options.signal };
    const request = client.get(target, settings, (response) => {
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location) {
        response.resume();
        if (redirects >= MAX_REDIRECTS) return reject(new ImageFetchError('too many redirects'));
        return resolve(get(new URL(location, target), options, apiOrigin, redirects + 1));
      }
      readImage(response, options.limits.maxBytes).then(resolve, reject);
    });
    request.on('timeout', () =>
      request.destroy(new ImageFetchError(`no answer within ${options.limits.timeoutMs} ms`)),
    );
    request.on('error', (error) => {
      if (error instanceof ImageFetchError) return reject(error);
      reject(
        new ImageFetchError(
          options.signal.aborted ? `not fetched within ${options.limits.timeoutMs} ms` : error.message,
        ),
      );
    });
  });
}

/** The body of a 200 image response, refused past `maxBytes` (counted while reading, whatever it declares). */
function readImage(response: http.IncomingMessage, maxBytes: number): Promise<FetchedImage> {
  return new Promise((resolve, reject) => {
    const fail = (message: string) => {
      response.destroy();
      reject(new ImageFetchError(message));
    };
    const status = response.statusCode ?? 0;
    const contentType = (response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (status !== 200) return fail(`Twilio answered ${status}`);
    if (!IMAGE_TYPES.has(contentType)) return fail(`not an image (${contentType || 'no type'})`);
    if (Number(response.headers['content-length'] ?? 0) > maxBytes) return fail(`larger than ${maxBytes} bytes`);
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return fail(`larger than ${maxBytes} bytes`);
      chunks.push(chunk);
    });
    response.on('end', () => resolve({ body: Buffer.concat(chunks), contentType }));
    // Cut off (timeout, reset) before the end: a promise settles once, so after 'end' this changes nothing.
    response.on('close', () => reject(new ImageFetchError('the connection closed before the image was complete')));
  });
}
