/**
 * What the two SMS webhooks (Twilio, generic gateway) share: the sender's author key, the per-number rate limit,
 * and the STOP/START keywords. Numbers are only ever handled as contact tags here, so nothing in memory or in the
 * logs can give one away.
 */
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
/** Past this many numbers tracked, numbers idle for an hour are forgotten (no timer needed for that). */
const PRUNE_ABOVE = 1000;

/**
 * Sliding windows per key (one per event and number): at most `perMinute` in the last minute and `perHour` in
 * the last hour. Refusals are not counted, so a number that keeps sending gets through again once it slows down.
 */
export function createSmsRateLimiter(now: () => number = Date.now) {
  const sent = new Map<string, { times: number[]; notified: boolean }>();

  function prune(at: number): void {
    if (sent.size <= PRUNE_ABOVE) return;
    for (const [key, entry] of sent) if ((entry.times.at(-1) ?? 0) <= at - HOUR) sent.delete(key);
  }

  return {
    take(key: string, limit: RateLimit): RateDecision {
      const at = now();
      prune(at);
      const entry = sent.get(key) ?? { times: [], notified: false };
      entry.times = entry.times.filter((time) => time > at - HOUR);
      sent.set(key, entry);
      const lastMinute = entry.times.filter((time) => time > at - MINUTE).length;
      if (lastMinute >= limit.perMinute || entry.times.length >= limit.perHour) {
        const notify = !entry.notified;
        entry.notified = true;
        return { ok: false, notify };
      }
      entry.times.push(at);
      entry.notified = false;
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
