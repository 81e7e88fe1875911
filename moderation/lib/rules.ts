/**
 * The rules panel's logic: what a change of the form asks the server (only the fields that differ), word
 * lists edited as chips, and the search in the bundled default list.
 */
import type { BlocklistLanguage, RulesUpdate, RulesView } from '../../server/protocol/moderation.js';
import { foldForSearch } from './queue.js';

/** The editable part of the rules; author lists change one by one through `rules:author`. */
export type RulesFields = Omit<RulesView, 'event' | 'bannedAuthors' | 'trustedAuthors'>;

/** The server's limits, checked before sending so the moderator gets an answer at once. */
export const HOLD_SECONDS = { min: 5, max: 3600 } as const;
export const RETENTION_DAYS = { min: 1, max: 3650 } as const;
export const WORD_MAX_LENGTH = 100;

const FIELDS: readonly (keyof RulesFields)[] = [
  'mode',
  'holdSeconds',
  'trustedOnly',
  'defaultBlocklist',
  'blocklists',
  'blockedWords',
  'allowedWords',
  'hourlyCapPerSource',
  'retentionDays',
];

/** The default lists' languages, in the order the panel shows them (the server's order). */
export const BLOCKLIST_LANGUAGES: readonly BlocklistLanguage[] = ['fr', 'en', 'es', 'de', 'it', 'pt', 'ar'];

/** The languages with `language` switched on or off, in the panel's order. */
export function withLanguage(current: readonly BlocklistLanguage[], language: BlocklistLanguage, on: boolean) {
  return BLOCKLIST_LANGUAGES.filter((entry) => (entry === language ? on : current.includes(entry)));
}

/** The request for the fields of `change` that differ from `current`; null when nothing does. */
export function rulesDiff(current: RulesView, change: Partial<RulesFields>): RulesUpdate | null {
  const update: RulesUpdate = { event: current.event };
  let changed = false;
  for (const field of FIELDS) {
    const value = change[field];
    if (value === undefined || sameValue(current[field], value)) continue;
    (update as Record<string, unknown>)[field] = value;
    changed = true;
  }
  return changed ? update : null;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((entry, index) => entry === b[index]);
  }
  return a === b;
}

/** Trimmed, inner spaces collapsed; the list's spelling otherwise (the server compares without case). */
export function cleanWord(word: string): string {
  return word.trim().replace(/\s+/gu, ' ');
}

/** The list with the word added, unless empty, too long or already there in any case or accent. */
export function addWord(words: readonly string[], word: string): string[] {
  const clean = cleanWord(word);
  if (clean === '' || clean.length > WORD_MAX_LENGTH) return [...words];
  const folded = foldForSearch(clean);
  if (words.some((entry) => foldForSearch(entry) === folded)) return [...words];
  return [...words, clean];
}

/** Several words at once, as pasted: one per line or separated by commas. */
export function addWords(words: readonly string[], text: string): string[] {
  return text.split(/[,\n]/u).reduce<string[]>((list, word) => addWord(list, word), [...words]);
}

export function removeWord(words: readonly string[], word: string): string[] {
  return words.filter((entry) => entry !== word);
}

/** Default words containing the query, accents and case ignored, each once, at most `limit` of them. */
export function searchWords(words: readonly string[], query: string, limit = 40): string[] {
  const needle = foldForSearch(query.trim());
  if (needle === '') return [];
  const found = new Set<string>();
  for (const word of words) {
    if (foldForSearch(word).includes(needle)) found.add(word);
    if (found.size >= limit) break;
  }
  return [...found];
}

export type NumberField = { ok: true; value: number | null } | { ok: false };

/**
 * A whole number typed in a field where empty means "none": `''` -> null, `'12'` -> 12, anything else or out
 * of bounds -> not ok.
 */
export function parseOptionalCount(text: string, min: number, max = Number.MAX_SAFE_INTEGER): NumberField {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  if (!/^\d+$/u.test(trimmed)) return { ok: false };
  const value = Number(trimmed);
  return value >= min && value <= max ? { ok: true, value } : { ok: false };
}
