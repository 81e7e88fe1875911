/**
 * The public web form: `POST /api/events/:slug/submissions`. Size-limited, rate-limited per client address and
 * event, idempotent by the `Idempotency-Key` header (a phone retrying on venue wifi posts once), and answered
 * only after the message is committed.
 */
import { randomUUID } from 'node:crypto';
import express, { Router, type RequestHandler } from 'express';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import type { FieldError, SubmissionResponse } from '../protocol/api.js';
import { BadRequestError, ForbiddenError, NotFoundError, PayloadTooLargeError, RateLimitedError } from '../errors.js';
import type { Language } from '../protocol/event.js';
import { UnsupportedImageError, type UploadStore } from '../media/uploads.js';
import { readMultipart } from './multipart.js';
import type { EventRegistry } from '../events/registry.js';
import type { Intake } from '../intake/intake.js';
import { message, requestLanguage } from './messages.js';

const NAME_MAX = 60;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,100}$/;

export interface SubmissionDeps {
  events: EventRegistry;
  intake: Intake;
  uploads: UploadStore;
  /** Largest photo accepted, in bytes. */
  maxPhotoBytes: number;
}

export function submissionsRouter({ events, intake, uploads, maxPhotoBytes }: SubmissionDeps): Router {
  const router = Router();
  const limiter = perEventLimiter(events);
  const body = [express.json({ limit: '16kb' }), express.urlencoded({ extended: false, limit: '16kb' })];

  const checkEvent: RequestHandler = (req, _res, next) => {
    const slug = String(req.params.slug);
    if (!events.has(slug)) throw new NotFoundError(`No event "${slug}".`);
    if (!webForm(events, slug)) throw new ForbiddenError(message('closed', requestLanguage(req)));
    limiter(req, _res, next);
  };

  router.post('/events/:slug/submissions', checkEvent, ...body, async (req, res) => {
    const slug = String(req.params.slug);
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
    const { name, text } = validate(form.fields, language, webForm(events, slug)!.maxLength);
    const photo = form.file ? await savePhoto(uploads, form.file, language) : undefined;
    const outcome = await intake.submit(
      slug,
      {
        format: 'web',
        payload: { name, message: text, ...(photo ? { photo } : {}) },
        // Address and name together: a venue's wifi puts the whole room behind one address, so banning an
        // address alone would silence everyone; a name alone would let anyone impersonate anyone's key.
        meta: { idempotencyKey, clientKey: `${req.ip ?? 'unknown'} ${name.toLowerCase()}` },
      },
      'web-form',
    );
    if (outcome.kind === 'malformed' || outcome.kind === 'ignored') {
      throw new BadRequestError(message('invalid', language));
    }
    const status = outcome.kind === 'stored' ? outcome.item.status : outcome.status;
    const body: SubmissionResponse = {
      status: status === 'approved' ? 'shown' : 'received',
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

/** One limiter for every event (they come and go while the server runs), counting per event and per client. */
function perEventLimiter(events: EventRegistry): RequestHandler {
  const slugOf = (req: { params: Record<string, unknown> }) => String(req.params.slug);
  return rateLimit({
    windowMs: 60_000,
    limit: (req) => webForm(events, slugOf(req))?.perMinute ?? 5,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => `${slugOf(req)}:${ipKeyGenerator(req.ip ?? 'unknown')}`,
    handler: (req, _res, next) => next(new RateLimitedError(message('tooFast', requestLanguage(req)), 60)),
  });
}

async function savePhoto(uploads: UploadStore, data: Buffer, language: Language) {
  try {
    const { url, previewUrl, bytes, width, height } = await uploads.save(data);
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
