/**
 * Twilio inbound SMS/MMS webhook, `POST /hooks/:slug/sms/twilio` (application/x-www-form-urlencoded).
 *
 * Every request is checked against its `X-Twilio-Signature` (HMAC of the URL Twilio posted to and every POST
 * parameter, keyed with the auth token) before anything else happens. The answer is TwiML: an acknowledgement in
 * the event's languages, or an empty `<Response/>` for keywords, opted-out numbers and ignored messages. Each
 * answer is remembered by `MessageSid`, so a retry gets the same TwiML and stores nothing new.
 */
import express, { Router, type Request, type RequestHandler } from 'express';
// Only the webhook helpers: the package's entry point loads the whole REST client (hundreds of modules).
import { validateRequest } from 'twilio/lib/webhooks/webhooks.js';
import type { SourceConfig } from '../config/sources.js';
import { BadRequestError, ForbiddenError, NotFoundError } from '../errors.js';
import type { Language } from '../protocol/event.js';
import {
  applyKeyword,
  createSmsRateLimiter,
  keywordOf,
  optedOut,
  smsAuthorKey,
  type SmsHookDeps,
} from './sms-intake.js';
import { mmsImageUrls, storeMmsImages } from './sms-twilio-media.js';

type TwilioConfig = Extract<SourceConfig, { kind: 'twilio' }>;

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
export const EMPTY_TWIML = `${XML_DECLARATION}<Response/>`;
/** Said once per window to a number over its rate limit. */
const TOO_MANY: Record<Language, string> = {
  fr: 'Trop de messages\u00a0: réessayez dans quelques minutes.',
  en: 'Too many messages: please try again in a few minutes.',
};
/** Remembered answers are kept a week: Twilio retries within minutes, never days. */
const REPLY_DAYS = 7;
const DAY = 24 * 60 * 60 * 1000;

/**
 * A TwiML answer sending `text` back as an SMS, XML-escaped; empty text gives an empty `<Response/>`. French
 * non-breaking spaces become plain ones: GSM-7 has none, and a single one would send the whole reply as UCS-2,
 * 70 characters a part instead of 160.
 */
export function twimlMessage(text: string): string {
  if (text.trim() === '') return EMPTY_TWIML;
  const sms = text.replace(/[\u00a0\u202f]/g, ' ');
  return `${XML_DECLARATION}<Response><Message>${escapeXml(sms)}</Message></Response>`;
}

function escapeXml(text: string): string {
  const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
  // Control characters other than tab and newlines are not allowed in XML 1.0 at all.
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/[&<>"']/g, (c) => entities[c]!);
}

/** One text per language of the event, in its order (both for a bilingual event: one SMS, two languages). */
function inLanguages(languages: readonly Language[], texts: Record<Language, string>): string {
  return languages
    .map((language) => texts[language].trim())
    .filter((text) => text !== '')
    .join('\n');
}

/** Every POST parameter as Twilio signed it (repeated names as arrays), and the first value of each. */
export function readForm(body: string): { signed: Record<string, string | string[]>; form: Record<string, string> } {
  const signed: Record<string, string | string[]> = {};
  const form: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(body)) {
    const seen = signed[name];
    signed[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
    form[name] ??= value;
  }
  return { signed, form };
}

/**
 * The URL Twilio signed: the source's publicUrl, else the server's, followed by the path and query Twilio
 * posted to; without either, the URL as the request arrived (scheme and host from X-Forwarded-* when
 * `trustProxy` says to believe them).
 */
export function signedUrl(req: Request, base: string | undefined): string {
  if (base) return `${base.replace(/\/+$/, '')}${req.originalUrl}`;
  return `${req.protocol}://${req.host}${req.originalUrl}`;
}

export function twilioWebhookRouter(deps: SmsHookDeps): Router {
  const router = Router();
  const now = deps.now ?? Date.now;
  const limiter = createSmsRateLimiter(now);
  const inFlight = new Map<string, Promise<string>>();
  const lastCleanup = new Map<string, number>();
  const readBody = express.text({ type: 'application/x-www-form-urlencoded', limit: '64kb' });

  const findSource: RequestHandler = (req, res, next) => {
    const slug = String(req.params.slug);
    const source = deps.events.has(slug) ? deps.events.enabledSource(slug, 'twilio') : undefined;
    if (!source) throw new NotFoundError(`No Twilio webhook for event "${slug}".`);
    res.locals.source = source;
    next();
  };

  router.post('/:slug/sms/twilio', findSource, readBody, async (req, res) => {
    const slug = String(req.params.slug);
    const source = res.locals.source as TwilioConfig;
    if (typeof req.body !== 'string') {
      throw new BadRequestError('Twilio webhooks are application/x-www-form-urlencoded; this body is not.');
    }
    const { signed, form } = readForm(req.body);
    const signature = req.get('X-Twilio-Signature');
    const url = signedUrl(req, source.publicUrl ?? deps.config.publicUrl);
    if (!signature || !validateRequest(source.authToken, signature, url, signed)) {
      // The URL (query left out) is what to compare with the one in the Twilio console when this happens.
      const checked = url.split('?')[0];
      deps.log.warn({ event: slug, url: checked, signed: Boolean(signature) }, 'Twilio webhook refused: bad signature');
      throw new ForbiddenError(signature ? 'The X-Twilio-Signature does not match.' : 'No X-Twilio-Signature.');
    }
    const missing = ['MessageSid', 'From'].filter((name) => !form[name]);
    if (missing.length > 0) throw new BadRequestError(`Missing Twilio parameter: ${missing.join(', ')}.`);
    const sid = form.MessageSid!;
    const key = `${slug}:${sid}`;
    let answer = deps.store.sourceState.get(slug, 'twilio', `reply:${sid}`);
    if (answer === undefined) {
      let pending = inFlight.get(key);
      if (!pending) {
        pending = answerMessage(slug, source, form).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      answer = await pending;
    }
    res.type('text/xml').send(answer);
  });

  /** Handles one new message and remembers the answer under its MessageSid. */
  async function answerMessage(slug: string, source: TwilioConfig, form: Record<string, string>): Promise<string> {
    const answer = await decide(slug, source, form);
    const at = now();
    deps.store.sourceState.set(slug, 'twilio', `reply:${form.MessageSid!}`, answer, at);
    if (at - (lastCleanup.get(slug) ?? 0) > DAY / 24) {
      lastCleanup.set(slug, at);
      deps.store.sourceState.forgetOlder(slug, 'twilio', 'reply:', at - REPLY_DAYS * DAY);
    }
    return answer;
  }

  async function decide(slug: string, source: TwilioConfig, form: Record<string, string>): Promise<string> {
    const authorKey = smsAuthorKey(deps.contactTag, form.From!);
    const body = form.Body ?? '';
    const keyword = keywordOf(body, form.OptOutType);
    if (keyword) {
      applyKeyword(deps, slug, authorKey, keyword, form.OptOutType ?? body.trim().toUpperCase());
      return EMPTY_TWIML;
    }
    const languages = deps.events.wallSettings(slug).languages;
    const rate = limiter.take(`${slug}:${authorKey}`, source.rateLimit);
    if (!rate.ok) {
      deps.log.warn({ event: slug, authorKey, told: rate.notify }, 'SMS over the per-number rate limit: not stored');
      return rate.notify ? twimlMessage(inLanguages(languages, TOO_MANY)) : EMPTY_TWIML;
    }
    const photos = await storeMmsImages(
      mmsImageUrls(form),
      {
        apiBase: source.apiBase,
        accountSid: source.accountSid,
        authToken: source.authToken,
        limits: { maxBytes: deps.config.media.maxBytes, timeoutMs: deps.config.media.timeoutSeconds * 1000 },
      },
      deps.uploads,
      deps.log.child({ event: slug, sid: form.MessageSid }),
    );
    const outcome = await deps.intake.submit(
      slug,
      { format: 'twilio', payload: form, meta: { media: photos } },
      'twilio',
    );
    if (outcome.kind === 'malformed') throw new BadRequestError(outcome.message);
    if (outcome.kind === 'ignored' || optedOut(deps, slug, authorKey)) return EMPTY_TWIML;
    return twimlMessage(inLanguages(languages, source.reply));
  }

  return router;
}
