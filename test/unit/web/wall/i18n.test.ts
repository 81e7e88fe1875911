import { describe, expect, it } from 'vitest';
import { failureText, fieldProblemText, messages, pickLanguage } from '../../../../wall/lib/i18n.js';
import { formatWait, matchLanguage } from '../../../../wall/lib/language.js';
import { problemText } from '../../../../wall/lib/problem.js';

describe('matchLanguage', () => {
  it('keeps the primary subtag of French and English tags', () => {
    expect(matchLanguage('fr-CA')).toBe('fr');
    expect(matchLanguage('EN_gb')).toBe('en');
    expect(matchLanguage('fr')).toBe('fr');
  });

  it('returns null for other or missing tags', () => {
    expect(matchLanguage('de-DE')).toBeNull();
    expect(matchLanguage('')).toBeNull();
    expect(matchLanguage(null)).toBeNull();
    expect(matchLanguage('french')).toBeNull();
  });
});

describe('pickLanguage', () => {
  it('prefers ?lang= over the event and the browser', () => {
    expect(pickLanguage({ query: 'en', eventLanguages: ['fr', 'en'], browser: ['fr-FR'] })).toBe('en');
  });

  it('ignores an unsupported ?lang= and falls back to the event default', () => {
    expect(pickLanguage({ query: 'de', eventLanguages: ['en', 'fr'], browser: ['fr-FR'] })).toBe('en');
  });

  it('uses the first supported browser language when the event is not known yet', () => {
    expect(pickLanguage({ eventLanguages: [], browser: ['de-DE', 'en-US', 'fr'] })).toBe('en');
  });

  it('falls back to French when nothing matches', () => {
    expect(pickLanguage({ browser: ['de', 'it'] })).toBe('fr');
    expect(pickLanguage({})).toBe('fr');
  });

  it('lets a choice made on the page win over everything', () => {
    expect(pickLanguage({ chosen: 'fr', query: 'en', eventLanguages: ['en'], browser: ['en'] })).toBe('fr');
  });
});

describe('messages', () => {
  it('has the same keys in French and English, all filled', () => {
    expect(shape(messages.fr)).toEqual(shape(messages.en));
  });

  it('words counts and waits in each language', () => {
    expect(messages.fr.newItems(1)).toBe('1 nouveau message');
    expect(messages.en.newItems(3)).toBe('3 new messages');
    expect(formatWait(30, 'en')).toBe('30 seconds');
    expect(formatWait(90, 'fr')).toBe('2 minutes');
    expect(messages.fr.form.rateLimited(null)).toContain('Réessayez');
  });

  it('describes every kind of submission failure and field problem', () => {
    const t = messages.en.form;
    expect(failureText({ kind: 'too_large', message: null }, t)).toBe(t.tooLarge);
    expect(failureText({ kind: 'too_large', message: 'Photo too big.' }, t)).toBe('Photo too big.');
    expect(failureText({ kind: 'closed', message: null }, t)).toBe(t.closed);
    expect(failureText({ kind: 'rate_limited', retryAfterSeconds: 120 }, t)).toContain('2 minutes');
    expect(failureText({ kind: 'validation', fields: {}, message: 'Bad origin.' }, t)).toBe(
      `${t.checkFields} Bad origin.`,
    );
    expect(fieldProblemText({ kind: 'too_long', max: 500 }, t)).toBe('500 characters at most.');
    expect(fieldProblemText({ kind: 'server', message: 'Too short' }, t)).toBe('Too short');
    expect(fieldProblemText({ kind: 'photo_type' }, t)).toBe(t.photoType);
    expect(fieldProblemText({ kind: 'photo_size', maxBytes: 8 * 1024 * 1024 }, t)).toContain('8 MB');
  });

  it('says which field is missing, in the words the server uses', () => {
    expect(fieldProblemText({ kind: 'required' }, messages.fr.form, 'message')).toBe('Écrivez un message.');
    expect(fieldProblemText({ kind: 'required' }, messages.fr.form, 'name')).toBe('Indiquez votre nom.');
    expect(fieldProblemText({ kind: 'required' }, messages.en.form)).toBe(messages.en.form.required);
  });

  it('words wall problems, with a generic sentence for unexpected codes', () => {
    expect(problemText({ code: 'not_found' }, messages.fr)).toBe(messages.fr.notFound);
    expect(problemText({ code: 'refused', message: 'nope' }, messages.en)).toBe(messages.en.wallError);
  });
});

/** The nested key structure of a dictionary, with `true` for each non-empty leaf. */
function shape(value: unknown): unknown {
  if (typeof value === 'function') return 'function';
  if (typeof value === 'string') return value.length > 0;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, shape(entry)]));
  }
  return value;
}
