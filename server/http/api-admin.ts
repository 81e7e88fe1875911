/** Admin-only HTTP routes of an event: export its items, purge its data. */
import { Router, type RequestHandler } from 'express';
import express from 'express';
import { BadRequestError, NotFoundError } from '../errors.js';
import { adminsOnly } from './moderator-access.js';
import type { Sessions } from '../auth/sessions.js';
import type { EventRegistry } from '../events/registry.js';
import type { Store } from '../store/index.js';
import type { PurgeService } from '../moderation/purge.js';
import type { Moderator } from '../protocol/socket.js';
import { csvLines, csvOptions, exportRecord } from './export.js';

export function adminRouter(deps: { sessions: Sessions; events: EventRegistry; store: Store; purge: PurgeService }) {
  const router = Router();
  const eventExists: RequestHandler = (req, _res, next) => {
    if (!deps.events.exists(String(req.params.slug))) throw new NotFoundError(`No event "${req.params.slug}".`);
    next();
  };
  const admin = adminsOnly(deps.sessions, 'Only an admin can do this.');

  router.get('/events/:slug/export', admin, eventExists, async (req, res) => {
    const slug = String(req.params.slug);
    const format = req.query.format ?? 'csv';
    if (format !== 'csv' && format !== 'json') throw new BadRequestError('"format" is csv or json.');
    const csv = format === 'csv' ? csvOptions(req.query, deps.events.wallSettings(slug).languages[0] ?? 'en') : null;
    const date = new Date().toISOString().slice(0, 10);
    res.attachment(`murmure-${slug}-${date}.${format}`);
    res.setHeader('Cache-Control', 'no-store');
    if (csv) {
      res.type('text/csv; charset=utf-8');
      for await (const line of csvLines(deps.store.items.all(slug), csv)) res.write(line);
      res.end();
      return;
    }
    res.type('application/json');
    res.write(`{"event":${JSON.stringify(slug)},"exportedAt":${JSON.stringify(new Date().toISOString())},"items":[`);
    let first = true;
    for await (const item of deps.store.items.all(slug)) {
      res.write((first ? '' : ',') + JSON.stringify(exportRecord(item)));
      first = false;
    }
    res.end(']}');
  });

  router.delete('/events/:slug/data', admin, eventExists, express.json({ limit: '1kb' }), async (req, res) => {
    const slug = String(req.params.slug);
    const confirm = (req.body as { confirm?: unknown } | undefined)?.confirm;
    if (confirm !== slug) throw new BadRequestError(`To purge, send { "confirm": "${slug}" }.`);
    res.json(await deps.purge.event(slug, (res.locals.moderator as Moderator).name));
  });

  return router;
}
