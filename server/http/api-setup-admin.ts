/**
 * The admin's set-up API: events and their sources, created and changed from the console (see
 * protocol/admin.ts). Every body is checked with the configuration file's schemas by the catalog; a change
 * applies at once (the catalog tells the app, which restarts what needs it). Secrets never leave: a source is
 * answered with its settings minus secrets, and the names of the secrets that are set.
 */
import express, { Router, type Request } from 'express';
import { BadRequestError, NotFoundError } from '../errors.js';
import { adminsOnly } from './moderator-access.js';
import type { Sessions } from '../auth/sessions.js';
import type { PublicAddressService } from '../events/public-address.js';
import { addressKind } from '../network/address-kind.js';
import type { CatalogEvent, CatalogSource, EventCatalog } from '../events/catalog.js';
import type { EventRegistry } from '../events/registry.js';
import type { Logger } from '../log.js';
import type { AdminEvent, AdminEventsResponse, AdminSource, EventSettings } from '../protocol/admin.js';
import { checkSource } from '../sources/checks/index.js';
import { isListening } from '../sources/email/smtp-listener.js';

export interface SetupAdminDeps {
  publicAddress: PublicAddressService;
  /** The origin a request came in on (origin.ts), for when no public address is set. */
  requestOrigin: (req: Request) => string;
  sessions: Sessions;
  catalog: EventCatalog;
  events: EventRegistry;
  log: Logger;
}

/** A Test button waits at most this long, whatever the check does. */
const TEST_TIMEOUT_MS = 10_000;

export function setupAdminRouter(deps: SetupAdminDeps): Router {
  const { catalog, events } = deps;
  const router = Router();
  const admin = adminsOnly(deps.sessions, 'Only an admin can set up events and sources.');
  const json = express.json({ limit: '64kb' });
  router.use('/admin', admin, (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  const baseOf = (req: Request) => deps.publicAddress.forRequest(deps.requestOrigin(req)).url;
  const present = (req: Request, event: CatalogEvent) => adminEvent(event, events, baseOf(req));
  const slugOf = (req: Request) => String(req.params.slug);
  const idOf = (req: Request) => {
    const id = Number(req.params.id);
    if (!Number.isSafeInteger(id)) throw new BadRequestError('A source id is a number.');
    return id;
  };

  router.get('/admin/events', (req, res) => {
    const body: AdminEventsResponse = { events: catalog.all().map((event) => present(req, event)) };
    res.json(body);
  });

  router.post('/admin/events', json, async (req, res) => {
    const event = await catalog.createEvent(req.body);
    deps.log.info({ event: event.slug, by: moderatorName(res.locals) }, 'event created in the console');
    res.status(201).json(present(req, event));
  });

  router.get('/admin/events/:slug', (req, res) => {
    res.json(present(req, eventOrThrow(catalog, slugOf(req))));
  });

  router.put('/admin/events/:slug', json, async (req, res) => {
    const event = await catalog.updateEvent(slugOf(req), req.body);
    deps.log.info({ event: event.slug, by: moderatorName(res.locals) }, 'event settings changed in the console');
    res.json(present(req, event));
  });

  for (const [path, archived] of [
    ['archive', true],
    ['restore', false],
  ] as const) {
    router.post(`/admin/events/:slug/${path}`, async (req, res) => {
      const event = await catalog.setArchived(slugOf(req), archived);
      deps.log.info(
        { event: event.slug, by: moderatorName(res.locals) },
        archived ? 'event archived' : 'event restored',
      );
      res.json(present(req, event));
    });
  }

  router.post('/admin/events/:slug/sources', json, async (req, res) => {
    const source = await catalog.addSource(slugOf(req), req.body);
    deps.log.info({ event: slugOf(req), source: source.id, kind: source.config.kind }, 'source added in the console');
    res.status(201).json(adminSource(source, slugOf(req), baseOf(req)));
  });

  router.put('/admin/events/:slug/sources/:id', json, async (req, res) => {
    const source = await catalog.updateSource(slugOf(req), idOf(req), req.body);
    deps.log.info({ event: slugOf(req), source: source.id, kind: source.config.kind }, 'source changed in the console');
    res.json(adminSource(source, slugOf(req), baseOf(req)));
  });

  router.delete('/admin/events/:slug/sources/:id', async (req, res) => {
    await catalog.removeSource(slugOf(req), idOf(req));
    deps.log.info({ event: slugOf(req), source: idOf(req) }, 'source removed in the console');
    res.status(204).end();
  });

  router.post('/admin/sources/test', json, async (req, res) => {
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
    const { event: slug, id, ...input } = body;
    if (typeof slug !== 'string') throw new BadRequestError('Say which event the source is for ("event").');
    eventOrThrow(catalog, slug);
    const config = catalog.resolveSource(slug, input, typeof id === 'number' ? id : undefined);
    const controller = new AbortController();
    res.on('close', () => controller.abort()); // the admin gave up: stop checking
    const result = await checkSource(config, {
      signal: controller.signal,
      log: deps.log,
      publicUrl: baseOf(req),
      event: slug,
      smtpListening: isListening,
      timeoutMs: TEST_TIMEOUT_MS,
    });
    res.json(result);
  });

  return router;
}

function eventOrThrow(catalog: EventCatalog, slug: string): CatalogEvent {
  const event = catalog.get(slug);
  if (!event) throw new NotFoundError(`No event "${slug}".`);
  return event;
}

function moderatorName(locals: Record<string, unknown>): string {
  return (locals.moderator as { name?: string } | undefined)?.name ?? 'admin';
}

/** The event as the form shows it: its settings as they apply now (with the console's live wall changes). */
function adminEvent(event: CatalogEvent, events: EventRegistry, base: string): AdminEvent {
  const { slug, config } = event;
  const live = event.archivedAt === null;
  const wall = live ? events.wallSettings(slug) : { ...config.wall, paused: false };
  const rules = live ? events.ruleBook.settings(slug) : config.moderation;
  const settings: EventSettings = {
    slug,
    title: config.title,
    hashtags: config.hashtags,
    moderation: { mode: rules.mode, holdSeconds: rules.holdSeconds, retentionDays: rules.retentionDays },
    wall: {
      layout: wall.layout,
      languages: wall.languages,
      // Image URLs as entered, not as the media proxy presents them.
      theme: {
        ...wall.theme,
        logoUrl: config.wall.theme.logoUrl,
        backgroundImageUrl: config.wall.theme.backgroundImageUrl,
      },
    },
  };
  return {
    settings,
    origin: event.origin,
    archivedAt: event.archivedAt,
    links: eventLinks(slug, base),
    sources: event.sources.map((source) => adminSource(source, slug, base)),
  };
}

function eventLinks(slug: string, base: string): AdminEvent['links'] {
  const at = (path: string) => new URL(path, base).toString();
  const qr = (target: string) => `/api/events/${encodeURIComponent(slug)}/qr.svg?for=${target}`;
  return {
    wall: at(`/w/${encodeURIComponent(slug)}`),
    webView: at(`/e/${encodeURIComponent(slug)}`),
    console: at(`/moderation/?event=${encodeURIComponent(slug)}`),
    qr: { wall: qr('wall'), webView: qr('web'), console: qr('console') },
  };
}

function adminSource(source: CatalogSource, slug: string, base: string): AdminSource {
  const { kind, enabled } = source.config;
  const { kind: _kind, enabled: _enabled, ...settings } = source.shown;
  return {
    id: source.id,
    kind,
    enabled,
    settings,
    secretsSet: source.secretsSet,
    origin: source.origin,
    endpoints: endpointsOf(source, slug, base),
  };
}

function endpointsOf(source: CatalogSource, slug: string, base: string): AdminSource['endpoints'] {
  const hook = (tail: string) => {
    const value = new URL(`/hooks/${encodeURIComponent(slug)}/sms/${tail}`, base).toString();
    // A gateway on the internet calls this address: the console says when it cannot.
    return [{ label: 'webhook' as const, value, reach: addressKind(value) }];
  };
  const config = source.config;
  switch (config.kind) {
    case 'twilio':
      return hook('twilio');
    case 'sms-gateway':
      return hook('gateway');
    case 'email-smtp':
      return config.addresses.map((address) => ({ label: 'smtp' as const, value: address }));
    default:
      return [];
  }
}
