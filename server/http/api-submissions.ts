/**
 * The public web form: `POST /api/events/:slug/submissions`. Size-limited, rate-limited per client address and
 * event, idempotent by the `Idempotency-Key` header (a phone retrying on venue wifi posts once), and answered
 * only after the message is committed.
 */
import { randomUUID } from 'node:crypto';
import express, { Router, type Request, type RequestHandler } from 'express';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import type { FieldError, SubmissionResponse } from '../protocol/api.js';
import { BadRequestError, ForbiddenError, NotFoundError, RateLimitedError } from '../errors.js';
import type { EventRegistry } from '../events/registry.js';
import type { Intake } from '../intake/intake.js';
import { message, requestLanguage } from './messages.js';

const NAME_MAX = 60;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,100}$/;

export function submissionsRouter(events: EventRegistry, intake: Intake): Router {
  const router = Router();
  const limiters = new Map(events.slugs().map((slug) => [slug, limiterFor(events, slug)]));
  const body = [express.json({ limit: '16kb' }), express.urlencoded({ extended: false, limit: '16kb' })];

  const checkEvent: RequestHandler = (req, _res, next) => {
    const slug = String(req.params.slug);
    if (!events.has(slug)) throw new NotFoundError(`No event "${slug}".`);
    if (!webForm(events, slug)) throw new ForbiddenError(message('closed', requestLanguage(req)));
    limiters.get(slug)!(req, _res, next);
  };

  router.post('/events/:slug/submissions', checkEvent, ...body, async (req, res) => {
    const slug = String(req.params.slug);
    const { name, text } = validate(req, webForm(events, slug)!.maxLength);
    const idempotencyKey = req.get('Idempotency-Key') ?? randomUUID();
    if (!IDEMPOTENCY_KEY.test(idempotencyKey)) throw new BadRequestError(message('badKey', requestLanguage(req)));
    const outcome = await intake.submit(
      slug,
      { format: 'web', payload: { name, message: text }, meta: { idempotencyKey, clientKey: req.ip ?? 'unknown' } },
      'web-form',
    );
    if (outcome.kind === 'malformed' || outcome.kind === 'ignored') {
      throw new BadRequestError(message('invalid', requestLanguage(req)));
    }
    const item = outcome.item;
    const body: SubmissionResponse = {
      status: item?.status === 'approved' ? 'shown' : 'received',
      duplicate: outcome.kind === 'duplicate',
    };
    res.status(outcome.kind === 'stored' ? 202 : 200).json(body);
  });

  return router;
}

function webForm(events: EventRegistry, slug: string) {
  return events.config(slug).sources.find((source) => source.kind === 'web' && source.enabled) as
    { kind: 'web'; maxLength: number; perMinute: number } | undefined;
}

function limiterFor(events: EventRegistry, slug: string): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: webForm(events, slug)?.perMinute ?? 5,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => `${slug}:${ipKeyGenerator(req.ip ?? 'unknown')}`,
    handler: (req, _res, next) => next(new RateLimitedError(message('tooFast', requestLanguage(req)), 60)),
  });
}

function validate(req: Request, maxLength: number): { name: string; text: string } {
  const language = requestLanguage(req);
  const raw = (req.body ?? {}) as Record<string, unknown>;
  const name = typeof raw.name === 'string' ? raw.name.trim() : '';
  const text = typeof raw.message === 'string' ? raw.message.trim() : '';
  const details: FieldError[] = [];
  if (name === '') details.push({ field: 'name', message: message('nameRequired', language) });
  else if ([...name].length > NAME_MAX) {
    details.push({ field: 'name', message: message('nameTooLong', language, { max: NAME_MAX }) });
  }
  if (text === '') details.push({ field: 'message', message: message('messageRequired', language) });
  else if ([...text].length > maxLength) {
    details.push({ field: 'message', message: message('messageTooLong', language, { max: maxLength }) });
  }
  if (details.length > 0) throw new BadRequestError(details.map((d) => d.message).join(' '), details);
  return { name, text };
}
