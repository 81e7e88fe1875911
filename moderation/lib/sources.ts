/**
 * Source health as moderators read it: a tone per state, a stable order, live updates merged in, and the state and
 * the last error in the console's words.
 */
import type { Language } from '../../server/protocol/event.js';
import type { SourceHealth, SourceProblem, SourceState } from '../../server/protocol/moderation.js';
import { healthWords } from './i18n-health.js';

export type Tone = 'ok' | 'busy' | 'warn' | 'error' | 'off';

const TONES: Record<SourceState, Tone> = {
  live: 'ok',
  polling: 'ok',
  connecting: 'busy',
  backfilling: 'busy',
  'rate-limited': 'warn',
  // Nothing to fix: the machine is off the network, and the source comes back on its own.
  offline: 'off',
  failing: 'error',
  finished: 'off',
  stopped: 'off',
};

export function toneOf(state: SourceState): Tone {
  return TONES[state] ?? 'warn';
}

/** Sources that need a look: failing or rate-limited. */
export function problemCount(list: readonly SourceHealth[]): number {
  return list.filter((health) => {
    const tone = toneOf(health.state);
    return tone === 'error' || tone === 'warn';
  }).length;
}

/** The list with one source's new health, in place if known, else added; sorted by kind then id. */
export function upsertHealth(list: readonly SourceHealth[], health: SourceHealth): SourceHealth[] {
  const others = list.filter((entry) => entry.id !== health.id);
  return sortHealth([...others, health]);
}

export function sortHealth(list: readonly SourceHealth[]): SourceHealth[] {
  return [...list].sort((a, b) => a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
}

/**
 * The time a wait ends, as each language writes it: "10 h 30" (non-breaking spaces) in French, "10:30 AM" in
 * English, with the day in front when it is not today.
 */
export function timeOfDay(at: number, now: number, lang: Language): string {
  const date = new Date(at);
  const time =
    lang === 'fr'
      ? `${date.getHours()}\u00a0h${date.getMinutes() === 0 ? '' : `\u00a0${String(date.getMinutes()).padStart(2, '0')}`}`
      : date.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' });
  if (date.toDateString() === new Date(now).toDateString()) return time;
  const day = date.toLocaleDateString(lang === 'fr' ? 'fr-FR' : 'en-US', { day: 'numeric', month: 'short' });
  return lang === 'fr' ? `${day} à ${time}` : `${day}, ${time}`;
}

/** The state in words: "En direct", "Limite atteinte jusqu’à 10 h 30". */
export function stateText(
  health: Pick<SourceHealth, 'state' | 'until'>,
  states: Record<SourceState, string>,
  lang: Language,
  now: number,
): string {
  if (health.state !== 'rate-limited') return states[health.state] ?? health.state;
  const words = healthWords[lang];
  return health.until ? words.limitedUntil(timeOfDay(health.until, now, lang)) : words.limited;
}

/** What is wrong, in the console's words; a code from a newer server reads as its raw detail. */
export function problemText(problem: SourceProblem, lang: Language, now: number): string {
  const say = healthWords[lang].problems[problem.code] as
    ((problem: SourceProblem, time: (at: number) => string) => string) | undefined;
  if (!say) return 'detail' in problem ? problem.detail : problem.code;
  return say(problem, (at) => timeOfDay(at, now, lang));
}

/**
 * What the card says went wrong: the translated problem, and the raw words for the admin when they add
 * something (they are the whole message of an `other`).
 */
export function healthError(
  health: Pick<SourceHealth, 'problem' | 'lastError'>,
  lang: Language,
  now: number,
): { text: string; technical: string | null } | null {
  const { problem, lastError } = health;
  if (!problem && !lastError) return null;
  const text = problemText(problem ?? { code: 'other', detail: lastError ?? '' }, lang, now);
  return { text, technical: lastError && lastError !== text ? lastError : null };
}
