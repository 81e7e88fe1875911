/** Language matching and wording shared by the wall app and the moderation console. */
import type { Language } from '../../server/protocol/event.js';

/** Used when nothing else decides: the first language of the protocol's list. */
export const DEFAULT_LANGUAGE: Language = 'fr';

/** `fr`, `fr-CA`, `EN_gb` → a supported language; anything else → null. */
export function matchLanguage(tag: string | null | undefined): Language | null {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'fr' || primary === 'en' ? primary : null;
}

/** "45 secondes", "2 minutes": how long to wait, rounded up to whole minutes past one minute. */
export function formatWait(seconds: number, lang: Language): string {
  const minutes = Math.ceil(seconds / 60);
  const [value, unit] = seconds < 60 ? [Math.max(1, Math.ceil(seconds)), 'second'] : [minutes, 'minute'];
  return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** Where the web view keeps the visitor's own choice; `localStorage` is per site, so one choice for all events. */
export const VISITOR_LANGUAGE_KEY = 'murmure.webview.lang';

export interface VisitorLanguageInputs {
  /** What the visitor picked with the language switch, now or on an earlier visit. */
  chosen?: string | null;
  /** `?lang=` of the link. */
  query?: string | null;
  /** The event's `wall.languages`, its default first; empty until the event is known. */
  eventLanguages?: readonly Language[];
  /** `navigator.languages`, most preferred first. */
  browser?: readonly string[];
}

/**
 * The web view follows the visitor, where the wall follows the room: their own choice, then the link's `?lang=`,
 * then the first of the browser's languages the event offers, then the event's default.
 */
export function pickVisitorLanguage(inputs: VisitorLanguageInputs): Language {
  const chosen = matchLanguage(inputs.chosen) ?? matchLanguage(inputs.query);
  if (chosen) return chosen;
  const offered = inputs.eventLanguages ?? [];
  for (const tag of inputs.browser ?? []) {
    const match = matchLanguage(tag);
    if (match && (offered.length === 0 || offered.includes(match))) return match;
  }
  return offered[0] ?? DEFAULT_LANGUAGE;
}

/** The smallest part of `Storage` the language choice needs (a fake in tests). */
export interface LanguageStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The visitor's saved choice; null when none, or when storage is off (private browsing, a locked-down kiosk). */
export function readVisitorLanguage(storage: LanguageStorage | null): Language | null {
  try {
    return matchLanguage(storage?.getItem(VISITOR_LANGUAGE_KEY));
  } catch {
    return null;
  }
}

export function saveVisitorLanguage(storage: LanguageStorage | null, lang: Language): void {
  try {
    storage?.setItem(VISITOR_LANGUAGE_KEY, lang);
  } catch {
    // Storage can be full or disabled: the choice then lasts for this page only.
  }
}
