import { describe, expect, it } from 'vitest';
import { errorText, loginProblemText, messages, pickConsoleLanguage } from '../../../../moderation/lib/i18n.js';

describe('pickConsoleLanguage', () => {
  it('prefers the saved choice, then the browser, then French', () => {
    expect(pickConsoleLanguage('en', ['fr-FR'])).toBe('en');
    expect(pickConsoleLanguage('klingon', ['de', 'en-GB'])).toBe('en');
    expect(pickConsoleLanguage(null, ['de'])).toBe('fr');
  });
});

describe('console messages', () => {
  it('has the same keys in French and English', () => {
    expect(keys(messages.fr)).toEqual(keys(messages.en));
  });

  it('adds the server message after the translated explanation', () => {
    expect(errorText({ code: 'conflict', message: 'Already approved by Bob' }, messages.en)).toBe(
      `${messages.en.errors.conflict} (Already approved by Bob)`,
    );
    expect(errorText({ code: 'timeout', message: '' }, messages.fr)).toBe(messages.fr.errors.timeout);
  });

  it('words login problems', () => {
    expect(loginProblemText({ kind: 'invalid' }, messages.fr)).toBe('Nom ou mot de passe incorrect.');
    expect(loginProblemText({ kind: 'rate_limited', retryAfterSeconds: 45 }, messages.en)).toContain('45 seconds');
  });

  it('puts who did what in a sentence', () => {
    expect(messages.en.notice('Alice', 'hide', 'Bob')).toBe('Hidden by Alice (author: Bob)');
    expect(messages.fr.notice(null, 'approve', 'Élodie')).toBe('Approuvé par vous (auteur\u00a0: Élodie)');
  });
});

function keys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return typeof value;
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, keys(entry)]));
}
