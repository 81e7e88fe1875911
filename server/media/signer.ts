/**
 * Proxy URLs for outside images: `/media/<signature>/<base64url of the URL>`. Only URLs the server itself put in
 * an item carry a valid signature, so the proxy is not an open relay for anyone who finds it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const MEDIA_PREFIX = '/media/';

export interface MediaSigner {
  /** The proxy path for an outside http(s) URL; local paths and anything else come back unchanged. */
  path(url: string): string;
  /** The original URL of a proxy path's parts, or null when the signature does not match. */
  verify(signature: string, encoded: string): string | null;
}

/**
 * Paths already signed, by URL: every item read from the store (queue pages, wall snapshots, each new item) signs
 * its avatar and media again, and the same avatars come back all day. Emptied when full; a miss only costs a HMAC.
 */
const SIGNED_PATHS_KEPT = 10_000;

export function createMediaSigner(key: Buffer): MediaSigner {
  const sign = (url: string) => createHmac('sha256', key).update(`media:${url}`).digest().subarray(0, 16);
  const signed = new Map<string, string>();
  return {
    path(url: string): string {
      if (!/^https?:\/\//i.test(url)) return url;
      let path = signed.get(url);
      if (path === undefined) {
        path = `${MEDIA_PREFIX}${sign(url).toString('base64url')}/${Buffer.from(url).toString('base64url')}`;
        if (signed.size >= SIGNED_PATHS_KEPT) signed.clear();
        signed.set(url, path);
      }
      return path;
    },
    verify(signature: string, encoded: string): string | null {
      const url = Buffer.from(encoded, 'base64url').toString();
      const given = Buffer.from(signature, 'base64url');
      const expected = sign(url);
      return given.length === expected.length && timingSafeEqual(given, expected) ? url : null;
    },
  };
}
