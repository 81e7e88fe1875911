/**
 * `GET /api/events/:slug/qr.svg`: a QR code of the event's web view, drawn by the server (no outside service),
 * for the wall's "how to take part" panel and for print; `?for=wall` or `?for=console` draws the wall's or the
 * console's address instead (the set-up page prints all three). The address is the public address (the file's,
 * else the console's), else the one the request came in on (what the wall's own browser used to reach the server).
 * The wall asks for none while its address is a loopback one; the console shows them with a warning.
 */
import { Router } from 'express';
import type { IncomingMessage } from 'node:http';
import QRCode from 'qrcode';
import { BadRequestError, NotFoundError } from '../errors.js';
import type { EventRegistry } from '../events/registry.js';
import type { PublicAddressService } from '../events/public-address.js';

const MAX_CACHED = 64;

export function qrRouter(
  events: EventRegistry,
  publicAddress: PublicAddressService,
  requestOrigin: (req: IncomingMessage) => string,
): Router {
  const router = Router();
  const cache = new Map<string, string>();

  router.get('/events/:slug/qr.svg', async (req, res) => {
    const { slug } = req.params;
    if (!events.has(slug)) throw new NotFoundError(`No event "${slug}".`);
    const target = req.query.for ?? 'web';
    const base = publicAddress.forRequest(requestOrigin(req)).url;
    const path = encodeURIComponent(slug);
    let url: string;
    if (target === 'web') url = events.publicEvent(slug).participation.webUrl ?? `${requestOrigin(req)}/e/${path}`;
    else if (target === 'wall') url = new URL(`/w/${path}`, base).toString();
    else if (target === 'console') url = new URL(`/moderation/?event=${path}`, base).toString();
    else throw new BadRequestError('"for" is web, wall or console.');
    let svg = cache.get(url);
    if (!svg) {
      svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
      cache.set(url, svg);
    }
    // The address is in the path's `?v=`, but the page's own origin may stand in for it: check every time.
    res.type('image/svg+xml').setHeader('Cache-Control', 'no-cache').send(svg);
  });

  return router;
}
