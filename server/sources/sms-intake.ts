/**
 * What the two SMS webhooks (Twilio, generic gateway) share: their dependencies, the per-number rate limit, and
 * the STOP/START keywords. Numbers are only ever handled as contact tags here, so nothing in memory or in the
 * logs can give one away.
 */
import type { Config } from '../config/index.js';
import type { EventRegistry } from '../events/registry.js';
import type { Intake } from '../intake/intake.js';
import type { Logger } from '../log.js';
import type { UploadStore } from '../media/uploads.js';
import type { Store } from '../store/index.js';
import { readPhone } from '../pipeline/normalize/sms-common.js';
import { foldForMatch } from '../pipeline/text/fold.js';

/** What a webhook router needs from the app. */
export interface SmsHookDeps {
  config: Config;
  store: Store;
  events: EventRegistry;
  intake: Intake;
  uploads: UploadStore;
  log: Logger;
  /** The keyed hash of a phone number (server/security/key-file.ts), as the normalizers use it. */
  contactTag: (kind: 'phone' | 'email', value: string) => string;
  now?: () => number;
}

/** The author key the normalizers give this sender (`sms:sms-3fa92c1b`), whatever way the number is written. */
export function smsAuthorKey(contactTag: SmsHookDeps['contactTag'], from: string): string {
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

/** The label of the ban an opt-out puts on the number; START lifts only a ban with this label. */
export const OPT_OUT_LABEL = 'SMS opt-out';
const OPT_OUT_ACTOR = 'sms-opt-out';

/**
 * STOP: bans the number's author key (new messages are rejected on arrival) and takes its items off the wall
 * and out of the queue, content erased. START: lifts that ban, never one a moderator or the file set.
 */
export function applyKeyword(deps: SmsHookDeps, event: string, authorKey: string, keyword: Keyword, word: string) {
  const banned = deps.store.rules.authors(event).banned.find((rule) => rule.authorKey === authorKey);
  const configured = deps.events.config(event).moderation.bannedAuthors.includes(authorKey);
  if (keyword === 'stop') {
    if (!banned && !configured) {
      deps.events.ruleBook.setAuthor(event, authorKey, 'banned', OPT_OUT_ACTOR, `${OPT_OUT_LABEL} (${word})`);
    }
    const why = `${OPT_OUT_LABEL} (${word})`;
    const retracted = [...deps.store.items.all(event)]
      .filter((item) => item.authorKey === authorKey && (item.status === 'approved' || item.status === 'pending'))
      .map((item) => deps.intake.retract(event, item.source, item.sourceId, why))
      .filter((outcome) => outcome.kind === 'retracted').length;
    deps.log.info({ event, authorKey, retracted }, 'SMS opt-out recorded');
  } else if (keyword === 'start' && banned?.label.startsWith(OPT_OUT_LABEL)) {
    deps.events.ruleBook.setAuthor(event, authorKey, null, OPT_OUT_ACTOR);
    deps.log.info({ event, authorKey }, 'SMS opt-out lifted');
  }
}

/** True when the number opted out (its messages are still taken in, rejected, but never answered). */
export function optedOut(deps: SmsHookDeps, event: string, authorKey: string): boolean {
  return deps.store.rules
    .authors(event)
    .banned.some((rule) => rule.authorKey === authorKey && rule.label.startsWith(OPT_OUT_LABEL));
}
