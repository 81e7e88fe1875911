import type { BlocklistLanguage } from '../protocol/moderation.js';

export type { BlocklistLanguage } from '../protocol/moderation.js';

/** The languages the packaged blocklists come in; an event chooses which it uses (`moderation.blocklists`). */
export const BLOCKLIST_LANGUAGES = [
  'fr',
  'en',
  'es',
  'de',
  'it',
  'pt',
  'ar',
] as const satisfies readonly BlocklistLanguage[];

/** What an event uses when it names none: French and English, the languages a wall speaks. */
export const DEFAULT_BLOCKLISTS: readonly BlocklistLanguage[] = ['fr', 'en'];
