/**
 * `GET /media/<signature>/<encoded URL>`: the only way an outside image reaches a wall, the web view or the
 * console. Served from the cache, fetched once otherwise (concurrent requests for one image share the fetch),
 * and a failed image is not retried for a minute so a dead host is not hammered by every screen. Before it is
 * cached an image is decoded and written again (images.ts): 20 to 60 ms of one core per image of up to 2048 px,
 * once, for a file that decodes, carries no metadata (an outside photo's GPS included) and is no larger than a
 * wall needs.
 */
import { join, resolve } from 'node:path';
import { Router, type Response } from 'express';
import type { Config } from '../config/index.js';
import { BadGatewayError, ForbiddenError } from '../errors.js';
import type { Logger } from '../log.js';
import { createImageCache, type CachedImage } from './cache.js';
import { fetchImage, type FetchLimits } from './fetch-image.js';
import { FULL_SIZE, renderImage } from './images.js';
import type { MediaSigner } from './signer.js';

const FAILURE_TTL_MS = 60_000;

export function mediaRouter(config: Config, signer: MediaSigner, log: Logger): Router {
  const cache = createImageCache(
    join(resolve(config.dataDir), 'media', 'cache'),
    config.media.cacheMegabytes * 1024 * 1024,
  );
  const limits: FetchLimits = {
    maxBytes: config.media.maxBytes,
    timeoutMs: config.media.timeoutSeconds * 1000,
    allowPrivateNetworks: config.media.allowPrivateNetworks,
  };
  const inFlight = new Map<string, Promise<CachedImage>>();
  const failures = new Map<string, { until: number; message: string }>();

  async function load(url: string): Promise<CachedImage> {
    const cached = await cache.get(url);
    if (cached) return cached;
    const failed = failures.get(url);
    if (failed && failed.until > Date.now()) throw new BadGatewayError(failed.message);
    let pending = inFlight.get(url);
    if (!pending) {
      pending = fetchImage(url, limits)
        .then(({ body }) => renderImage(body, { maxSide: FULL_SIZE }))
        .then((image) => cache.put(url, image.data, image.type))
        .catch((error: unknown) => {
          const message = `Image unavailable: ${(error as Error).message}.`;
          failures.set(url, { until: Date.now() + FAILURE_TTL_MS, message });
          log.info({ url, err: (error as Error).message }, 'media fetch failed');
          throw new BadGatewayError(message);
        })
        .finally(() => inFlight.delete(url));
      inFlight.set(url, pending);
    }
    return pending;
  }

  const router = Router();
  router.get('/media/:signature/:encoded', async (req, res) => {
    const url = signer.verify(req.params.signature, req.params.encoded);
    if (!url) throw new ForbiddenError('This media link was not made by this server.');
    send(res, await load(url));
  });
  return router;
}

export function send(res: Response, image: CachedImage): void {
  imageHeaders(res, image.contentType);
  res.sendFile(image.file, { headers: { 'X-Content-Type-Options': 'nosniff' } });
}

/** The same answer for an image held in memory (an uploaded photo read from the database). */
export function sendBytes(res: Response, data: Buffer, contentType: string): void {
  imageHeaders(res, contentType);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.end(data);
}

function imageHeaders(res: Response, contentType: string): void {
  res.setHeader('Content-Type', contentType);
  res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  // An image opened on its own must not run anything, whatever is inside it.
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
}
