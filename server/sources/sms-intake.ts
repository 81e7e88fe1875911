/**
 * What the two SMS webhooks (Twilio, generic gateway) share: the sender's author key, the per-number rate limit,
 * and the STOP/START keywords. Numbers are only ever handled as contact tags here, so nothing in memory or in the
 * logs can give one away.
 */
import type { RateWindows } from '../cluster/rate-windows.js';
import { readPhone } from '../pipeline/normalize/sms-common.js';
import { foldForMatch } from '../pipeline/text/fold.js';
import type { SourceRouteContext } from './source.js';

/** The author key the normalizers give this sender (`sms:sms-3fa92c1b`), whatever way the number is written. */
export function smsAuthorKey(contactTag: SourceRouteContext['contactTag'], from: string): string {
  return `sms:${contactTag('phone', readPhone(from).canonical)}`;
}

export interface RateLimit {
  perMinute: number;
  perHour: number;
}

/** `ok`: accepted and counted; `limited`: refused, and `notify` is true for the first refusal of a window. */
export type RateDecision = { ok: true } | { ok: false; notify: boolean };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/**
 * At most `perMinute` a minute and `perHour` an hour per key (one per event and number), over rate windows
 * (cluster/rate-windows.ts: this process's memory, or the database when several nodes share the limit). Refusals
 * are not counted, so a number that keeps sending gets through again in the next window; `notify` is true for the
 * first refusal of a run, so the sender is told once.
 */
export function createSmsRateLimiter(windows: RateWindows) {
  return {
    async take(key: string, limit: RateLimit): Promise<RateDecision> {
      const [minute, hour] = await Promise.all([
        windows.get(`sms-minute\u0000${key}`),
        windows.get(`sms-hour\u0000${key}`),
      ]);
      if ((minute?.count ?? 0) >= limit.perMinute || (hour?.count ?? 0) >= limit.perHour) {
        const told = await windows.hit(`sms-told\u0000${key}`, HOUR);
        return { ok: false, notify: told.count === 1 };
      }
      await Promise.all([
        windows.hit(`sms-minute\u0000${key}`, MINUTE),
        windows.hit(`sms-hour\u0000${key}`, HOUR),
        windows.clear(`sms-told\u0000${key}`),
      ]);
      return { ok: true };
    },
  };
}

export type SmsRateLimiter = ReturnType<typeof createSmsRateLimiter>;

export type Keyword = 'stop' | 'start' | 'help';

/** Whole-message keywords (case, accents, spaces and final punctuation ignored), as carriers and Twilio read them. */
const KEYWORDS: Record<string, Keyword> = {
  stop: 'stop',
  stopall: 'stop',
  unsubscribe: 'stop',
  cancel: 'stop',
  end: 'stop',
  quit: 'stop',
  revoke: 'stop',
  optout: 'stop',
  arret: 'stop',
  start: 'start',
  unstop: 'start',
  help: 'help',
  info: 'help',
};

/**
 * The compliance keyword a message is, if any. Twilio's `OptOutType` (STOP, START, HELP: set when Advanced
 * Opt-Out is on, and it knows the account's own keywords) wins over reading the text.
 */
export function keywordOf(body: string, optOutType?: string): Keyword | null {
  const declared = optOutType?.trim().toLowerCase();
  if (declared === 'stop' || declared === 'start' || declared === 'help') return declared;
  const word = foldForMatch(body).replace(/[\s.!-]/g, '');
  return KEYWORDS[word] ?? null;
}

/**
 * STOP and START go to the event's rules through the context (see SourceRouteContext.optOut); HELP changes
 * nothing. `word` is what the sender sent, kept in the opt-out's label.
 */
export async function applyKeyword(ctx: SourceRouteContext, authorKey: string, keyword: Keyword, word: string) {
  if (keyword === 'stop') await ctx.optOut(authorKey, word);
  else if (keyword === 'start') await ctx.optIn(authorKey);
}
