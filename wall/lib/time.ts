/** Relative and clock times in the page language. Shared with the moderation console. */
import type { Language } from '../../server/protocol/event.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Under this age an item is "now": counting seconds on a wall only makes it flicker. */
const JUST_NOW = 45 * SECOND;

/** Below each limit, the age is counted in that unit; past the last, the date is shown instead. */
const STEPS: readonly { below: number; unit: Intl.RelativeTimeFormatUnit; size: number }[] = [
  { below: 45 * MINUTE, unit: 'minute', size: MINUTE },
  { below: 22 * HOUR, unit: 'hour', size: HOUR },
  { below: 7 * DAY, unit: 'day', size: DAY },
];

const relativeFormats = new Map<Language, Intl.RelativeTimeFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** "il y a 2 min" / "2 min. ago"; "maintenant" / "now" under 45 s; a date past a week. */
export function relativeTime(at: number, now: number, lang: Language): string {
  // A clock slightly ahead on the server must not give "in 3 seconds".
  const age = Math.max(0, now - at);
  let format = relativeFormats.get(lang);
  if (!format) {
    format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto', style: 'short' });
    relativeFormats.set(lang, format);
  }
  // `numeric: 'auto'` words 0 seconds as "maintenant" / "now".
  if (age < JUST_NOW) return format.format(0, 'second');
  const step = STEPS.find((candidate) => age < candidate.below);
  if (!step) return formatDate(at, lang, { day: 'numeric', month: 'short' });
  return format.format(-Math.max(1, Math.round(age / step.size)), step.unit);
}

/** "14:05", or "3 juin 14:05" when not today: for moderators comparing arrival times. */
export function clockTime(at: number, now: number, lang: Language): string {
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  return formatDate(
    at,
    lang,
    sameDay
      ? { hour: '2-digit', minute: '2-digit' }
      : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' },
  );
}

/** The full date and time, for a `title` or a `<time datetime>` companion. */
export function fullTime(at: number, lang: Language): string {
  return formatDate(at, lang, { dateStyle: 'full', timeStyle: 'short' });
}

function formatDate(at: number, lang: Language, options: Intl.DateTimeFormatOptions): string {
  const key = `${lang}:${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, options);
    dateFormats.set(key, format);
  }
  return format.format(at);
}
