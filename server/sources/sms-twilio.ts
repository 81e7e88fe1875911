/**
 * Twilio inbound SMS/MMS webhook, `POST /hooks/:slug/sms/twilio` (application/x-www-form-urlencoded).
 *
 * Every request is checked against its `X-Twilio-Signature` (HMAC of the URL Twilio posted to and every POST
 * parameter, keyed with the auth token) before anything else happens. The answer is TwiML: an acknowledgement in
 * the event's languages, or an empty `<Response/>` for keywords, opted-out numbers and ignored messages. Each
 * answer is remembered by `MessageSid`, so a retry gets the same TwiML and stores nothing new.
 */
import express, { type Request, type RequestHandler } from 'express';
// Only the webhook helpers: the package's entry point loads the whole REST client (hundreds of modules).
import { validateRequest } from 'twilio/lib/webhooks/webhooks.js';
import type { SourceConfig } from '../config/sources.js';
import { BadRequestError, ForbiddenError } from '../errors.js';
import type { Language } from '../protocol/event.js';
import { applyKeyword, createSmsRateLimiter, keywordOf, smsAuthorKey } from './sms-intake.js';
import { mmsImageUrls, storeMmsImages } from './sms-twilio-media.js';
import type { Source, SourceRoute, SourceRouteContext } from './source.js';

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

export function createTwilioSource(config: TwilioConfig): Source {
  return { routes: (ctx) => twilioRoutes(config, ctx) };
}

function twilioRoutes(config: TwilioConfig, ctx: SourceRouteContext): SourceRoute[] {
  const limiter = createSmsRateLimiter(ctx.rateWindows);
  const inFlight = new Map<string, Promise<string>>();
  let lastCleanup = 0;
  const readBody = express.text({ type: 'application/x-www-form-urlencoded', limit: '64kb' });

  const handle: RequestHandler = async (req, res) => {
    if (typeof req.body !== 'string') {
      throw new BadRequestError('Twilio webhooks are application/x-www-form-urlencoded; this body is not.');
    }
    const { signed, form } = readForm(req.body);
    const signature = req.get('X-Twilio-Signature');
    const url = signedUrl(req, config.publicUrl ?? ctx.publicUrl);
    if (!signature || !validateRequest(config.authToken, signature, url, signed)) {
      // The URL (query left out) is what to compare with the one in the Twilio console when this happens.
      const checked = url.split('?')[0];
      ctx.log.warn(
        { event: ctx.event, url: checked, signed: Boolean(signature) },
        'Twilio webhook refused: bad signature',
      );
      throw new ForbiddenError(signature ? 'The X-Twilio-Signature does not match.' : 'No X-Twilio-Signature.');
    }
    const missing = ['MessageSid', 'From'].filter((name) => !form[name]);
    if (missing.length > 0) throw new BadRequestError(`Missing Twilio parameter: ${missing.join(', ')}.`);
    const sid = form.MessageSid!;
    let answer = ctx.memory.get(`reply:${sid}`);
    if (answer === undefined) {
      let pending = inFlight.get(sid);
      if (!pending) {
        pending = answerMessage(form).finally(() => inFlight.delete(sid));
        inFlight.set(sid, pending);
      }
      answer = await pending;
    }
    res.type('text/xml').send(answer);
  };

  /** Handles one new message and remembers the answer under its MessageSid. */
  async function answerMessage(form: Record<string, string>): Promise<string> {
    const answer = await decide(form);
    ctx.memory.set(`reply:${form.MessageSid!}`, answer);
    const at = Date.now();
    if (at - lastCleanup > DAY / 24) {
      lastCleanup = at;
      ctx.memory.forgetOlder('reply:', at - REPLY_DAYS * DAY);
    }
    return answer;
  }

  async function decide(form: Record<string, string>): Promise<string> {
    const authorKey = smsAuthorKey(ctx.contactTag, form.From!);
    const body = form.Body ?? '';
    const keyword = keywordOf(body, form.OptOutType);
    if (keyword) {
      await applyKeyword(ctx, authorKey, keyword, form.OptOutType ?? body.trim().toUpperCase());
      return EMPTY_TWIML;
    }
    const languages = ctx.languages();
    const rate = await limiter.take(`${ctx.event}\u0000${authorKey}`, config.rateLimit);
    if (!rate.ok) {
      ctx.log.warn(
        { event: ctx.event, authorKey, told: rate.notify },
        'SMS over the per-number rate limit: not stored',
      );
      return rate.notify ? twimlMessage(inLanguages(languages, TOO_MANY)) : EMPTY_TWIML;
    }
    const log = ctx.log.child({ event: ctx.event, sid: form.MessageSid });
    const photos = await storeMmsImages(mmsImageUrls(form), config, ctx.saveImageFrom, log);
    const outcome = await ctx.submit({ format: 'twilio', payload: form, meta: { media: photos } });
    if (outcome.kind === 'malformed') throw new BadRequestError(outcome.message);
    if (outcome.kind === 'ignored' || (await ctx.isOptedOut(authorKey))) return EMPTY_TWIML;
    return twimlMessage(inLanguages(languages, config.reply));
  }

  return [{ method: 'post', path: '/hooks/:slug/sms/twilio', handlers: [readBody, handle] }];
}
