/**
 * The built Svelte apps: the wall and web view at `/`, `/w/:slug`, `/e/:slug`, the console at `/moderation`.
 * When they are not built (a test or `npm run dev` without a build) the pages say how to build them.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router, type RequestHandler } from 'express';

export function screensRouter(clientDir: string): Router {
  const router = Router();
  router.use(
    '/assets',
    express.static(join(clientDir, 'assets'), { immutable: true, maxAge: '1y', index: false, fallthrough: false }),
  );
  const wall = page(join(clientDir, 'wall', 'index.html'));
  const moderation = page(join(clientDir, 'moderation', 'index.html'));
  router.get(['/', '/w/:slug', '/e/:slug'], wall);
  router.get(['/moderation', '/moderation/*rest'], moderation);
  return router;
}

function page(file: string): RequestHandler {
  return (_req, res) => {
    if (!existsSync(file)) {
      res.status(503).type('text/plain').send('The screens are not built yet: run `npm run build`, then reload.');
      return;
    }
    // The HTML names hashed assets: it must be revalidated, the assets need not be.
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(file);
  };
}
