/**
 * Every refusal the server can send reads in the console's language: each ErrorCode and each Reason of the
 * protocol has words in French and English, and a French console never shows the server's English words.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Reason } from '../../../../server/protocol/socket.js';
import { errorText, messages } from '../../../../moderation/lib/i18n.js';
import { reasonText, reasonWords } from '../../../../moderation/lib/i18n-reasons.js';

const protocol = readFileSync(new URL('../../../../server/protocol/socket.ts', import.meta.url), 'utf8');

/** The string literals of a union type declared in protocol/socket.ts, read from its source. */
function unionMembers(name: string, pattern: RegExp): string[] {
  const start = protocol.indexOf(`export type ${name} =`);
  // The union ends with the first `;` ending a line (comments inside it may hold others).
  const body = protocol.slice(start, protocol.indexOf(';\n', start));
  return [...body.matchAll(pattern)].map((match) => match[1]!);
}

const ERROR_CODES = unionMembers('ErrorCode', /\|\s*'([a-z_]+)'/g);
const REASON_KEYS = unionMembers('Reason', /key: '([a-z_]+)'/g);

/** One reason of each key, as the server sends them. */
const REASONS: Reason[] = [
  { key: 'item_moved', status: 'approved', by: 'Léa' },
  { key: 'item_moved', status: 'pending', by: null },
  { key: 'changed_meanwhile' },
  { key: 'already_pinned', by: 'Léa' },
  { key: 'not_pinned' },
  { key: 'nothing_to_undo' },
  { key: 'not_on_wall', status: 'pending' },
  { key: 'no_item', id: 4 },
  { key: 'no_event', event: 'town-hall' },
  { key: 'unknown_cursor' },
  { key: 'invalid_request', fields: ['text'] },
  { key: 'session_ended' },
  { key: 'server_failed' },
  { key: 'admins_only' },
  { key: 'account_exists', name: 'Sam' },
  { key: 'no_account', name: 'Sam' },
  { key: 'own_account' },
  { key: 'last_admin' },
];

describe('refusals in the console’s language', () => {
  it('reads the protocol’s codes and reasons', () => {
    expect(ERROR_CODES).toContain('conflict');
    expect(ERROR_CODES.length).toBeGreaterThan(10);
    expect(REASON_KEYS).toContain('item_moved');
    expect(new Set(REASONS.map((reason) => reason.key))).toEqual(new Set(REASON_KEYS));
  });

  it.each(['fr', 'en'] as const)('has %s words for every ErrorCode', (lang) => {
    const errors = messages[lang].errors as Partial<Record<string, string>>;
    expect(ERROR_CODES.filter((code) => !errors[code]?.trim())).toEqual([]);
  });

  it('words every code differently in French and English', () => {
    const errors = (lang: 'fr' | 'en') => messages[lang].errors as Partial<Record<string, string>>;
    expect(ERROR_CODES.filter((code) => errors('fr')[code] === errors('en')[code])).toEqual([]);
  });

  it('has words in both languages for every reason, French spacing kept', () => {
    expect(Object.keys(reasonWords.fr).sort()).toEqual([...REASON_KEYS].sort());
    expect(Object.keys(reasonWords.en).sort()).toEqual([...REASON_KEYS].sort());
    for (const reason of REASONS) {
      const fr = reasonText(reason, 'fr', (actor) => actor);
      const en = reasonText(reason, 'en', (actor) => actor);
      expect(fr, reason.key).toBeTruthy();
      expect(fr, reason.key).not.toBe(en);
      expect(fr, reason.key).not.toMatch(/(?<=\p{L}) [:;?!»]|« /u);
    }
  });

  it('shows the reason, never the server’s English words, in a French console', () => {
    const conflict = {
      code: 'conflict',
      message: 'Item 4 is already approved by Léa.',
      reason: { key: 'item_moved', status: 'approved', by: 'Léa' },
    } as const;
    expect(errorText(conflict, 'fr')).toBe('Léa a déjà approuvé ce message.');
    expect(errorText(conflict, 'en')).toBe('Léa already approved this message.');
    // The hold delay acted: named as the console names it, not by its log key.
    const held = { ...conflict, reason: { key: 'item_moved', status: 'approved', by: 'hold' } } as const;
    expect(errorText(held, 'fr')).not.toContain('hold ');
    expect(errorText({ code: 'forbidden', message: 'Only an admin can manage accounts.' }, 'fr')).toBe(
      messages.fr.errors.forbidden,
    );
  });

  it('falls back on the server’s words for a code or a reason this console does not know', () => {
    expect(errorText({ code: 'teapot' as 'internal', message: 'I am a teapot.' }, 'fr')).toBe('I am a teapot.');
    const newer = { code: 'conflict', message: 'x', reason: { key: 'newer' } as unknown as Reason } as const;
    expect(errorText(newer, 'fr')).toBe(messages.fr.errors.conflict);
  });
});
