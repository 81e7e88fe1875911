/** Public read API: the events and their approved items (never anything else). */
import { Router } from 'express';
import type { EventsResponse, ItemsPage } from '../protocol/api.js';
import { BadRequestError, NotFoundError } from '../errors.js';
import type { EventRegistry } from '../events/registry.js';
import { decodeCursor, type Store } from '../store/index.js';

const DEFAULT_PAGE = 20;
const MAX_PAGE = 100;

export function eventsRouter(store: Store, events: EventRegistry): Router {
  const router = Router();

  router.get('/events', (_req, res) => {
    const body: EventsResponse = { events: events.slugs().map(events.publicEvent) };
    res.json(body);
  });

  router.get('/events/:slug/items', async (req, res) => {
    const { slug } = req.params;
    if (!events.has(slug)) throw new NotFoundError(`No event "${slug}".`);
    const limit = parseLimit(req.query.limit);
    const before = typeof req.query.before === 'string' ? decodeCursor(req.query.before) : undefined;
    if (before === null) throw new BadRequestError('"before" is not a cursor from this API.');
    const body: ItemsPage = await store.items.feed(slug, limit, before);
    res.json(body);
  });

  return router;
}

function parseLimit(value: unknown): number {
  if (value === undefined) return DEFAULT_PAGE;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    throw new BadRequestError(`"limit" must be a whole number from 1 to ${MAX_PAGE}.`);
  }
  return limit;
}
