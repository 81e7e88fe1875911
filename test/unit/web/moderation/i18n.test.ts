import { describe, expect, it } from 'vitest';
import type { NoticeAction } from '../../../../server/protocol/socket.js';
import {
  actorName,
  auditAction,
  errorText,
  loginProblemText,
  messages,
  pickConsoleLanguage,
  type ConsoleMessages,
} from '../../../../moderation/lib/i18n.js';
import { KEY_BINDINGS } from '../../../../moderation/lib/keys.js';

const NOTICE_ACTIONS: NoticeAction[] = [
  'approve',
  'reject',
  'hide',
  'pin',
  'unpin',
  'undo',
  'star',
  'unstar',
  'hold-expired',
];

describe('pickConsoleLanguage', () => {
  it('prefers the saved choice, then the browser, then French', () => {
    expect(pickConsoleLanguage('en', ['fr-FR'])).toBe('en');
    expect(pickConsoleLanguage('klingon', ['de', 'en-GB'])).toBe('en');
    expect(pickConsoleLanguage(null, ['de'])).toBe('fr');
  });
});

describe('console messages', () => {
  it('has every key in both languages, with the same shape', () => {
    expect(shape(messages.fr)).toEqual(shape(messages.en));
  });

  it('has no empty text in either language', () => {
    for (const t of Object.values(messages)) expect(emptyPaths(t)).toEqual([]);
  });

  it('words every function for sample arguments in both languages', () => {
    for (const t of Object.values(messages)) {
      for (const count of [0, 1, 2]) {
        expect(t.queue.newItems(count)).toContain(String(count));
        expect(t.bulk.done(count, count)).toContain(String(count));
        expect(t.wall.remaining(count)).toContain(String(count));
      }
      expect(t.item.watching(['Léa', 'Paul'])).toContain('Léa, Paul');
      expect(t.data.report({ items: 3, logEntries: 1, mediaFiles: 0 })).toMatch(/3.*1.*0/u);
      expect(t.cannot('approve', 'approved', 'Léa')).toContain('Léa');
      expect(t.failedFor('Inès', 'Timeout.')).toMatch(/Inès.*Timeout\./u);
    }
  });

  it('has a help line for every key command', () => {
    for (const t of Object.values(messages)) {
      for (const binding of KEY_BINDINGS) expect(t.help.commands[binding.command]).toBeTruthy();
    }
  });

  it('says who did what for every notice', () => {
    expect(messages.en.notice('Alice', 'hide', 'Bob')).toBe('Hidden by Alice (author: Bob)');
    expect(messages.fr.notice(null, 'approve', 'Élodie')).toBe('Approuvé par vous (auteur\u00a0: Élodie)');
    expect(messages.en.notice('hold', 'hold-expired', 'Bob')).toBe('Shown when its delay ran out (author: Bob)');
    for (const t of Object.values(messages)) {
      for (const action of NOTICE_ACTIONS) {
        if (action !== 'hold-expired') expect(t.notice('Léa', action, 'Bob')).toContain('Léa');
        expect(t.notice('Léa', action, 'Bob')).toContain('Bob');
        expect(t.done(action, 'Bob')).toContain('Bob');
        expect(auditAction(action, t)).not.toBe(action);
      }
    }
  });

  it('reads unknown audit actions as they are, and names the server when it acted', () => {
    expect(auditAction('export', messages.en)).toBe('export');
    expect(actorName('filter', messages.en)).toBe('Automatic filter');
    expect(actorName('Léa', messages.fr)).toBe('Léa');
  });

  it('adds the server’s English words after the explanation in English only', () => {
    const conflict = { code: 'conflict', message: 'Item 4 was approved by Bob in the meantime.' } as const;
    expect(errorText(conflict, 'en')).toBe(
      `${messages.en.errors.conflict} (Item 4 was approved by Bob in the meantime.)`,
    );
    expect(errorText(conflict, 'fr')).toBe(messages.fr.errors.conflict);
    expect(errorText({ code: 'timeout', message: '' }, 'fr')).toBe(messages.fr.errors.timeout);
  });

  it('words login problems', () => {
    expect(loginProblemText({ kind: 'invalid' }, messages.fr)).toBe('Nom ou mot de passe incorrect.');
    expect(loginProblemText({ kind: 'rate_limited', retryAfterSeconds: 45 }, messages.en)).toContain('45 seconds');
  });
});

/** The object's keys all the way down, with `function` or `string` at the leaves. */
function shape(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return typeof value;
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, shape(entry)]));
}

function emptyPaths(value: ConsoleMessages | Record<string, unknown>, path = ''): string[] {
  return Object.entries(value).flatMap(([key, entry]) => {
    const here = `${path}.${key}`;
    if (typeof entry === 'string') return entry.trim() === '' ? [here] : [];
    if (typeof entry === 'object' && entry !== null) return emptyPaths(entry as Record<string, unknown>, here);
    return [];
  });
}
