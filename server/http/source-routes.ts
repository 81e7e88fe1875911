/**
 * The routes push sources serve (the web form, the SMS webhooks), at their public paths: each request goes to the
 * running source of its event that serves that route (sources/route-table.ts), if there is one. Otherwise a
 * precise answer: an unknown event is a 404, an event whose web form is off a 403 in the visitor's language (the
 * web view says the form is closed), any other /hooks path a 404 here rather than reaching the screens.
 */
import { Router, type Request, type RequestHandler } from 'express';
import { ForbiddenError, NotFoundError } from '../errors.js';
import type { EventRegistry } from '../events/registry.js';
import type { RouteTable } from '../sources/route-table.js';
import { WEB_FORM_PATH } from '../sources/web-form.js';
import { message, requestLanguage } from './messages.js';

export function sourceRoutesRouter(table: RouteTable, events: EventRegistry): Router {
  // Routes are added as sources first serve them; the answers for what no source serves come after them all.
  const served = Router();
  table.onPattern((pattern) => {
    served[pattern.method](pattern.path, (req, res, next) => {
      const handle = table.find(String(req.params.slug), pattern);
      if (handle) handle(req, res, next);
      else next();
    });
  });

  const router = Router();
  router.use(served);
  router.post(WEB_FORM_PATH, (req) => {
    const slug = String(req.params.slug);
    if (!events.has(slug)) throw new NotFoundError(`No event "${slug}".`);
    throw new ForbiddenError(message('closed', requestLanguage(req)));
  });
  // With the slug as a parameter, so a malformed one is a 400 here as on the routes sources serve.
  const noHook: RequestHandler = (req, _res, next) => next(new NotFoundError(noHookMessage(req, events)));
  router.use('/hooks/:slug', noHook);
  router.use('/hooks', noHook);
  return router;
}

function noHookMessage(req: Request, events: EventRegistry): string {
  // The path only: a query string may carry a gateway's secret.
  const path = req.originalUrl.split('?')[0];
  const slug = req.params.slug === undefined ? undefined : String(req.params.slug);
  if (slug !== undefined && !events.has(slug)) return `No event "${slug}" for webhook ${req.method} ${path}.`;
  return `No webhook ${req.method} ${path}.`;
}
