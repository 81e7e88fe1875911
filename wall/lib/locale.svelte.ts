/**
 * The page language, shared with every component of the wall app through a context. The full-screen wall is the
 * room's screen: it follows the event's settings. The web view follows its visitor: their choice (kept across
 * reloads), else their browser's language among the event's.
 */
import { createContext } from 'svelte';
import type { Language } from '../../server/protocol/event.js';
import { messages, pickLanguage, type Messages } from './i18n.js';
import { pickVisitorLanguage, readVisitorLanguage, saveVisitorLanguage, type LanguageStorage } from './language.js';
import type { Screen } from './route.js';

export class Locale {
  /** The event's `wall.languages`, once known. */
  eventLanguages = $state.raw<readonly Language[]>([]);
  /** A language the reader picked on the page (or, on the web view, on an earlier visit); wins over everything. */
  chosen = $state<Language | null>(null);
  // Read lazily by `lang`; defaults here so the field order of `$derived` is sound.
  readonly #query: string | null = null;
  readonly #browser: readonly string[] = [];
  readonly #screen: Screen = 'wall';
  readonly #storage: LanguageStorage | null = null;

  readonly lang: Language = $derived(
    this.#screen === 'webview'
      ? pickVisitorLanguage({
          chosen: this.chosen,
          query: this.#query,
          eventLanguages: this.eventLanguages,
          browser: this.#browser,
        })
      : pickLanguage({
          chosen: this.chosen,
          query: this.#query,
          eventLanguages: this.eventLanguages,
          browser: this.#browser,
        }),
  );
  readonly t: Messages = $derived(messages[this.lang]);

  /**
   * `query` is the `?lang=` parameter, `browser` the `navigator.languages` list, `screen` the route's; the web view
   * keeps its visitor's choice in `storage` (the browser's `localStorage` by default).
   */
  constructor(
    query: string | null,
    browser: readonly string[],
    screen: Screen = 'wall',
    storage: LanguageStorage | null = screen === 'webview' ? browserStorage() : null,
  ) {
    this.#query = query;
    this.#browser = browser;
    this.#screen = screen;
    this.#storage = storage;
    if (screen === 'webview') this.chosen = readVisitorLanguage(storage);
  }

  choose(lang: Language): void {
    this.chosen = lang;
    if (this.#screen === 'webview') saveVisitorLanguage(this.#storage, lang);
  }
}

/** `localStorage`, or null where reading it throws (storage blocked by the browser's settings). */
function browserStorage(): LanguageStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export const [getLocale, setLocale] = createContext<Locale>();
