/** The express application: JSON API under /api, health check, webhooks and the built screens. */
import type { IncomingMessage } from 'node:http';
import express, { type Express } from 'express';
import type { Config } from '../config/index.js';
import type { EventRegistry } from '../events/registry.js';
import type { Intake } from '../intake/intake.js';
import type { Sessions } from '../auth/sessions.js';
import type { Store } from '../store/index.js';
import type { Logger } from '../log.js';
import { eventsRouter } from './api-events.js';
import { qrRouter } from './api-qr.js';
import { sessionRouter } from './api-session.js';
import type { RateWindows } from '../cluster/rate-windows.js';
import { setupRouter } from './api-setup.js';
import type { FirstRun } from '../auth/first-run.js';
import { adminRouter } from './api-admin.js';
import { setupAdminRouter } from './api-setup-admin.js';
import type { EventCatalog } from '../events/catalog.js';
import type { PublicAddressService } from '../events/public-address.js';
import { publicAddressRouter } from './api-public-address.js';
import { screensRouter } from './screens.js';
import { sourceRoutesRouter } from './source-routes.js';
import type { RouteTable } from '../sources/route-table.js';
import { mediaRouter } from '../media/proxy.js';
import type { MediaSigner } from '../media/signer.js';
import type { UploadStore } from '../media/uploads.js';
import type { PurgeService } from '../moderation/purge.js';
import { securityHeaders } from './security-headers.js';
import { apiNotFound, errorHandler } from './error-handler.js';
import type { OriginPolicy } from './origin.js';
import { sessionRouteGuard } from './session-guard.js';

/**
 * Every route a moderator's session cookie authorises (or that signs one in): only from this server's own pages,
 * JSON bodies only (session-guard.ts). The public routes (items, QR codes, the web form) and the webhooks are
 * meant to be called from anywhere, and carry no session.
 */
const SESSION_ROUTES = [
  '/session',
  '/setup',
  '/admin',
  '/public-address',
  '/events/:slug/export',
  '/events/:slug/data',
];

export interface HttpDeps {
  config: Config;
  store: Store;
  /** Events and sources as stored, which the admin's set-up API edits. */
  catalog: EventCatalog;
  events: EventRegistry;
  intake: Intake;
  sessions: Sessions;
  /** The browser set-up of the first admin (the one-time token's state). */
  firstRun: FirstRun;
  log: Logger;
  media: MediaSigner;
  uploads: UploadStore;
  /** The routes of the running push sources (web form, webhooks), which are served at their public paths. */
  sourceRoutes: RouteTable;
  purge: PurgeService;
  /** Folder of the built Svelte apps (dist/client). */
  clientDir: string;
  /** Which pages may use a moderator's session. */
  origins: OriginPolicy;
  /** The address links and QR codes are made of. */
  publicAddress: PublicAddressService;
  /** Where sign-in and set-up attempts are counted: the database when several nodes share them. */
  rateWindows?: RateWindows;
  /** True once the node is stopping: the proxy in front sends it nothing new. */
  draining?: () => boolean;
}

export function createHttpApp(deps: HttpDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.trustProxy);
  app.use(securityHeaders);

  app.get('/healthz', async (_req, res) => {
    // A stopping node says so first, so that a proxy moves its clients before it closes their sockets.
    if (deps.draining?.()) {
      res.status(503).json({ status: 'stopping' });
      return;
    }
    await deps.store.ping();
    res.json({ status: 'ok', events: deps.events.slugs().length, uptimeSeconds: Math.round(process.uptime()) });
  });

  // One reading of the address a request came in on, the origin check's: links and QR codes use it too.
  const requestOrigin = (req: IncomingMessage) => deps.origins.ownOrigin(req) ?? 'http://localhost';
  // The web form and the webhooks, first: their paths are their own (under /api and /hooks).
  app.use(sourceRoutesRouter(deps.sourceRoutes, deps.events));
  const api = express.Router();
  api.use(SESSION_ROUTES, sessionRouteGuard(deps.origins, deps.log));
  api.use(eventsRouter(deps.store, deps.events));
  api.use(qrRouter(deps.events, deps.publicAddress, requestOrigin));
  api.use(publicAddressRouter({ ...deps, requestOrigin }));
  api.use(sessionRouter(deps.store.moderators, deps.sessions, deps.rateWindows));
  api.use(setupRouter(deps.firstRun, deps.sessions, deps.log, deps.rateWindows));
  api.use(adminRouter(deps));
  api.use(setupAdminRouter({ ...deps, requestOrigin }));
  api.use(apiNotFound);
  app.use('/api', api);

  app.use(deps.uploads.router()); // before the proxy, whose /media/:signature/:url would take /media/uploads/x
  app.use(mediaRouter(deps.config, deps.media, deps.log));
  app.use(screensRouter(deps.clientDir));
  app.use(errorHandler(deps.log));
  return app;
}
