/** The page language, shared with every component of the wall app through a context. */
import { createContext } from 'svelte';
import type { Language } from '../../server/protocol/event.js';
import { messages, pickLanguage, type Messages } from './i18n.js';

export class Locale {
  /** The event's `wall.languages`, once known. */
  eventLanguages = $state.raw<readonly Language[]>([]);
  /** A language the reader picked on the page; wins over everything. */
  chosen = $state<Language | null>(null);
  // Read lazily by `lang`; defaults here so the field order of `$derived` is sound.
  readonly #query: string | null = null;
  readonly #browser: readonly string[] = [];

  readonly lang: Language = $derived(
    pickLanguage({
      chosen: this.chosen,
      query: this.#query,
      eventLanguages: this.eventLanguages,
      browser: this.#browser,
    }),
  );
  readonly t: Messages = $derived(messages[this.lang]);

  /** `query` is the `?lang=` parameter, `browser` the `navigator.languages` list. */
  constructor(query: string | null, browser: readonly string[]) {
    this.#query = query;
    this.#browser = browser;
  }

  choose(lang: Language): void {
    this.chosen = lang;
  }
}

export const [getLocale, setLocale] = createContext<Locale>();
