/**
 * The web view follows its visitor: their own choice (kept across reloads), the link's `?lang=`, then the browser's
 * first language the event offers, then the event's default. The wall keeps following the event (wall/lib/i18n.ts).
 */
import { describe, expect, it } from 'vitest';
import { pickLanguage } from '../../../../wall/lib/i18n.js';
import {
  VISITOR_LANGUAGE_KEY,
  pickVisitorLanguage,
  readVisitorLanguage,
  saveVisitorLanguage,
  type LanguageStorage,
} from '../../../../wall/lib/language.js';

function memoryStorage(): LanguageStorage & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return { values, getItem: (key) => values.get(key) ?? null, setItem: (key, value) => void values.set(key, value) };
}

const FRENCH_FIRST = ['fr', 'en'] as const;

describe('pickVisitorLanguage', () => {
  it('follows the browser among the event’s languages before the event’s default', () => {
    expect(pickVisitorLanguage({ eventLanguages: FRENCH_FIRST, browser: ['en-US', 'en'] })).toBe('en');
    expect(pickVisitorLanguage({ eventLanguages: FRENCH_FIRST, browser: ['de-DE', 'fr-CA'] })).toBe('fr');
    // The wall, on the same event and browser, stays in the event's language.
    expect(pickLanguage({ eventLanguages: FRENCH_FIRST, browser: ['en-US'] })).toBe('fr');
  });

  it('falls back on the event’s default when it does not offer the browser’s language', () => {
    expect(pickVisitorLanguage({ eventLanguages: ['fr'], browser: ['en-GB'] })).toBe('fr');
    expect(pickVisitorLanguage({ eventLanguages: ['en', 'fr'], browser: ['de'] })).toBe('en');
    expect(pickVisitorLanguage({ browser: ['de'] })).toBe('fr');
  });

  it('puts the visitor’s choice first, then the link’s', () => {
    expect(pickVisitorLanguage({ chosen: 'fr', query: 'en', eventLanguages: FRENCH_FIRST, browser: ['en'] })).toBe(
      'fr',
    );
    expect(pickVisitorLanguage({ chosen: null, query: 'en', eventLanguages: ['fr'], browser: ['fr'] })).toBe('en');
    expect(pickVisitorLanguage({ chosen: 'klingon', eventLanguages: FRENCH_FIRST, browser: ['en'] })).toBe('en');
  });
});

describe('the visitor’s saved choice', () => {
  it('is written and read back under one key for the site', () => {
    const storage = memoryStorage();
    expect(readVisitorLanguage(storage)).toBeNull();
    saveVisitorLanguage(storage, 'en');
    expect(storage.values.get(VISITOR_LANGUAGE_KEY)).toBe('en');
    expect(readVisitorLanguage(storage)).toBe('en');
  });

  it('ignores a stored value it does not know, and a storage that refuses', () => {
    const storage = memoryStorage();
    storage.values.set(VISITOR_LANGUAGE_KEY, 'xx');
    expect(readVisitorLanguage(storage)).toBeNull();
    const refusing: LanguageStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(readVisitorLanguage(refusing)).toBeNull();
    expect(() => saveVisitorLanguage(refusing, 'fr')).not.toThrow();
    expect(readVisitorLanguage(null)).toBeNull();
  });
});
