/**
 * The public web form, a push source: `POST /api/events/:slug/submissions`. Size-limited, rate-limited per client
 * address and event, idempotent by the `Idempotency-Key` header (a phone retrying on venue wifi posts once), and
 * answered only after the message is committed.
 */
import { randomUUID } from 'node:crypto';
import express, { type RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { rateLimitStore } from '../cluster/rate-windows.js';
import type { SourceConfig } from '../config/sources.js';
import type { FieldError, SubmissionResponse } from '../protocol/api.js';
import { BadRequestError, PayloadTooLargeError, RateLimitedError } from '../errors.js';
import type { Language } from '../protocol/event.js';
import { UnsupportedImageError } from '../media/uploads.js';
import { readMultipart } from '../http/multipart.js';
import { message, requestLanguage } from '../http/messages.js';
import type { Source, SourceRoute, SourceRouteContext } from './source.js';

type WebConfig = Extract<SourceConfig, { kind: 'web' }>;

const NAME_MAX = 60;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,100}$/;

/** The path the web view posts to. An event without its web form answers 403 there (server/http/source-routes.ts). */
export const WEB_FORM_PATH = '/api/events/:slug/submissions';

export function createWebForm(config: WebConfig): Source {
  return { routes: (ctx) => webFormRoutes(config, ctx) };
}

function webFormRoutes(config: WebConfig, ctx: SourceRouteContext): SourceRoute[] {
  const body = [express.json({ limit: '16kb' }), express.urlencoded({ extended: false, limit: '16kb' })];
  const maxPhotoBytes = ctx.maxImageBytes;

  const handle: RequestHandler = async (req, res) => {
    const language = requestLanguage(req);
    const idempotencyKey = req.get('Idempotency-Key') ?? randomUUID();
    if (!IDEMPOTENCY_KEY.test(idempotencyKey)) throw new BadRequestError(message('badKey', language));
    const form = req.is('multipart/form-data')
      ? await readMultipart(req, 'photo', maxPhotoBytes).catch((error: unknown) => {
          throw error instanceof PayloadTooLargeError
            ? new PayloadTooLargeError(message('photoTooLarge', language, { max: megabytes(maxPhotoBytes) }))
            : error;
        })
      : { fields: (req.body ?? {}) as Record<string, unknown>, file: null };
    const { name, text } = validate(form.fields, language, config.maxLength);
    const photo = form.file ? await savePhoto(ctx, form.file, language) : undefined;
    const outcome = await ctx.submit({
      format: 'web',
      payload: { name, message: text, ...(photo ? { photo } : {}) },
      // Address and name together: a venue's wifi puts the whole room behind one address, so banning an
      // address alone would silence everyone; a name alone would let anyone impersonate anyone's key.
      meta: { idempotencyKey, clientKey: `${req.ip ?? 'unknown'} ${name.toLowerCase()}` },
    });
    if (outcome.kind === 'malformed' || outcome.kind === 'ignored') {
      throw new BadRequestError(message('invalid', language));
    }
    const status = outcome.kind === 'stored' ? outcome.item.status : outcome.status;
    const answer: SubmissionResponse = {
      status: status === 'approved' ? 'shown' : 'received',
      duplicate: outcome.kind === 'duplicate',
    };
    res.status(outcome.kind === 'stored' ? 202 : 200).json(answer);
  };

  // Before the body is read: a client over its budget costs no parsing.
  return [{ method: 'post', path: WEB_FORM_PATH, handlers: [perClientLimiter(config, ctx), ...body, handle] }];
}

/** The event's budget per client address a minute. */
function perClientLimiter(config: WebConfig, ctx: SourceRouteContext): RequestHandler {
  // Counted per event and address wherever the limits are kept: a restart of the source keeps the counts.
  const store = rateLimitStore(ctx.rateWindows, `web-form\u0000${ctx.event}`, 60_000);
  return rateLimit({
    windowMs: 60_000,
    limit: config.perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store,
    // A source starts when an admin adds it, which may be while the console's request is being answered.
    validate: { creationStack: false },
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? 'unknown'),
    handler: (req, _res, next) => next(new RateLimitedError(message('tooFast', requestLanguage(req)), 60)),
  });
}

async function savePhoto(ctx: SourceRouteContext, data: Buffer, language: Language) {
  try {
    const { url, previewUrl, bytes, width, height } = await ctx.saveImage(data);
    return { url, bytes, width, height, ...(previewUrl ? { previewUrl } : {}) };
  } catch (error) {
    if (!(error instanceof UnsupportedImageError)) throw error;
    const text = message('photoInvalid', language);
    throw new BadRequestError(text, [{ field: 'photo', message: text }]);
  }
}

const megabytes = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;

function validate(raw: Record<string, unknown>, language: Language, maxLength: number): { name: string; text: string } {
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
