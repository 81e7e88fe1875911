/**
 * Generic SMS gateway webhook, `POST /hooks/:slug/sms/gateway`, JSON or form. Authenticated by a shared secret
 * (`X-Murmure-Secret` header, or a `secret` query parameter for gateways such as Vonage that cannot add headers),
 * compared in constant time. Accepts `{ from, to, text, id, timestamp }` and Vonage's inbound fields
 * (`msisdn`, `to`, `messageId`, `text`, `type`, `message-timestamp`).
 *
 * Gateways resend anything not answered 2xx (Vonage for 24 hours), so whatever is understood gets a 200 with
 * what became of it, even when nothing was stored (a keyword, the rate limit); only a request that can never
 * succeed gets a 4xx.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type Request, type RequestHandler } from 'express';
import type { SourceConfig } from '../config/sources.js';
import { AppError, BadRequestError, UnauthorizedError } from '../errors.js';
import { applyKeyword, createSmsRateLimiter, keywordOf, smsAuthorKey } from './sms-intake.js';
import type { Source, SourceRouteContext, SourceRoute } from './source.js';

type GatewayConfig = Extract<SourceConfig, { kind: 'sms-gateway' }>;

/** What became of a message, in the 200 answer. */
export type GatewayStatus = 'stored' | 'duplicate' | 'ignored' | 'rate-limited' | 'opt-out' | 'opt-in' | 'help';

const KEYWORD_STATUS = { stop: 'opt-out', start: 'opt-in', help: 'help' } as const;

/** Equal in constant time whatever the lengths (both sides hashed first, so the length leaks nothing either). */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function givenSecret(req: Request): string | undefined {
  const header = req.get('X-Murmure-Secret');
  if (header) return header;
  const query = req.query.secret;
  return typeof query === 'string' ? query : undefined;
}

function withoutSecret(query: Request['query']): Record<string, unknown> {
  const { secret: _secret, ...fields } = query;
  return fields;
}

/** The fields every gateway must give, or a 400 naming what is missing. */
function readFields(body: Record<string, unknown>) {
  const text = (value: unknown) =>
    typeof value === 'string' || typeof value === 'number' ? String(value).trim() : undefined;
  const id = text(body.messageId) || text(body.id);
  const from = text(body.from) || text(body.msisdn);
  const missing = [id ? null : 'messageId (or id)', from ? null : 'from (or msisdn)'].filter(Boolean);
  if (missing.length > 0) throw new BadRequestError(`Missing field: ${missing.join(', ')}.`);
  if (body.text !== undefined && typeof body.text !== 'string') throw new BadRequestError('text must be a string.');
  return { id: id!, from: from!, text: (body.text as string | undefined) ?? '', binary: body.type === 'binary' };
}

/** The public path gateways are configured with. */
const PATH = '/hooks/:slug/sms/gateway';

export function createGatewaySource(config: GatewayConfig): Source {
  return { routes: (ctx) => gatewayRoutes(config, ctx) };
}

function gatewayRoutes(config: GatewayConfig, ctx: SourceRouteContext): SourceRoute[] {
  const limiter = createSmsRateLimiter(ctx.rateWindows);
  const readBody = [
    express.json({ limit: '16kb' }),
    express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 100 }),
  ];

  const authenticate: RequestHandler = (req, _res, next) => {
    const secret = givenSecret(req);
    if (secret === undefined || !sameSecret(secret, config.secret)) {
      ctx.log.warn({ event: ctx.event, given: secret !== undefined }, 'SMS gateway webhook refused: wrong secret');
      throw new UnauthorizedError(secret === undefined ? 'No X-Murmure-Secret header.' : 'Wrong X-Murmure-Secret.');
    }
    next();
  };

  const handle: RequestHandler = async (req, res) => {
    // Vonage can also be set to send GET requests, the fields in the query string.
    const body: unknown = req.method === 'GET' ? withoutSecret(req.query) : req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new BadRequestError('Send one message as a JSON object or as a form (application/x-www-form-urlencoded).');
    }
    try {
      res.json({ status: await take(body as Record<string, unknown>) });
    } catch (error) {
      if (error instanceof AppError) throw error;
      // Logged here without the URL: it may carry the secret, and the app's error handler would log it.
      ctx.log.error({ err: error, event: ctx.event }, 'SMS gateway webhook failed');
      throw new AppError(500, 'internal', 'Something went wrong on the server.');
    }
  };

  async function take(body: Record<string, unknown>): Promise<GatewayStatus> {
    const fields = readFields(body);
    if (fields.binary) return 'ignored';
    if (await ctx.has('sms', fields.id)) return 'duplicate';
    const authorKey = smsAuthorKey(ctx.contactTag, fields.from);
    const keyword = keywordOf(fields.text);
    if (keyword) {
      await applyKeyword(ctx, authorKey, keyword, fields.text.trim().toUpperCase());
      return KEYWORD_STATUS[keyword];
    }
    if (!(await limiter.take(`${ctx.event}\u0000${authorKey}`, config.rateLimit)).ok) {
      ctx.log.warn({ event: ctx.event, authorKey }, 'SMS over the per-number rate limit: not stored');
      return 'rate-limited';
    }
    const outcome = await ctx.submit({ format: 'sms-gateway', payload: body });
    if (outcome.kind === 'malformed') throw new BadRequestError(outcome.message);
    return outcome.kind;
  }

  return [
    { method: 'post', path: PATH, handlers: [authenticate, ...readBody, handle] },
    { method: 'get', path: PATH, handlers: [authenticate, handle] },
  ];
}
