/**
 * Images a source brings in: bytes it received (a web form's photo, an email attachment) or a URL of its own
 * configured API (an MMS image at Twilio's), fetched here, then stored as uploads (uploads.ts: decoded whole,
 * metadata such as GPS stripped, served from /media/uploads/). Sources get these through their context and never
 * open a connection for an image themselves.
 */
import { fetchImage, ImageFetchError } from './fetch-image.js';
import type { StoredUpload, UploadStore } from './uploads.js';

/** A source's own API, as its settings give it. */
export interface ImageApi {
  /** `https://api.twilio.com`: only URLs on this origin are fetched. */
  origin: string;
  /** The `Authorization` header, sent to that origin and nowhere else. */
  authorization: string;
}

export interface SourceImageLimits {
  maxBytes: number;
  timeoutMs: number;
}

export function createSourceImages(uploads: UploadStore, limits: SourceImageLimits) {
  return {
    maxBytes: limits.maxBytes,
    save: (data: Buffer): Promise<StoredUpload> => uploads.save(data),

    /**
     * One image of the source's API: requested on `api.origin` only, with its credentials; redirects (Twilio's CDN)
     * are followed without them. Private addresses are not refused along the way: the URL and its redirects come
     * from an API the admin configured and that authenticated us, not from whoever wrote the message (the media
     * proxy's policy is for those).
     */
    async saveFrom(url: string, api: ImageApi): Promise<StoredUpload> {
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        throw new ImageFetchError('not a URL');
      }
      const origin = new URL(api.origin).origin;
      if (target.origin !== origin) throw new ImageFetchError(`not on the configured API origin ${origin}`);
      const headersFor = (hop: URL): Record<string, string> =>
        hop.origin === origin ? { authorization: api.authorization } : {};
      const { body } = await fetchImage(url, { ...limits, allowPrivateNetworks: true }, { headersFor });
      return uploads.save(body);
    },
  };
}

export type SourceImages = ReturnType<typeof createSourceImages>;
