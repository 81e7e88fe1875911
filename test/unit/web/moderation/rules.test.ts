import { describe, expect, it } from 'vitest';
import type { RulesView } from '../../../../server/protocol/moderation.js';
import {
  addWord,
  addWords,
  cleanWord,
  parseOptionalCount,
  removeWord,
  rulesDiff,
  searchWords,
} from '../../../../moderation/lib/rules.js';

const rules: RulesView = {
  event: 'demo',
  mode: 'pre',
  holdSeconds: 30,
  trustedOnly: false,
  defaultBlocklist: true,
  blocklists: ['fr', 'en'],
  blockedWords: ['spam'],
  allowedWords: [],
  bannedAuthors: [],
  trustedAuthors: [],
  hourlyCapPerSource: null,
  retentionDays: 30,
};

describe('rulesDiff', () => {
  it('sends only the fields that changed, with the event', () => {
    expect(rulesDiff(rules, { mode: 'hold', holdSeconds: 30 })).toEqual({ event: 'demo', mode: 'hold' });
    expect(rulesDiff(rules, { blocklists: ['fr', 'en'] })).toBeNull();
    expect(rulesDiff(rules, { blocklists: ['fr', 'en', 'es'] })).toEqual({
      event: 'demo',
      blocklists: ['fr', 'en', 'es'],
    });
    expect(rulesDiff(rules, { trustedOnly: true, defaultBlocklist: true })).toEqual({
      event: 'demo',
      trustedOnly: true,
    });
  });

  it('compares word lists by content', () => {
    expect(rulesDiff(rules, { blockedWords: ['spam'] })).toBeNull();
    expect(rulesDiff(rules, { blockedWords: ['spam', 'arnaque'] })).toEqual({
      event: 'demo',
      blockedWords: ['spam', 'arnaque'],
    });
  });

  it('sends null to clear a number, and nothing when nothing changed', () => {
    expect(rulesDiff(rules, { retentionDays: null, hourlyCapPerSource: null })).toEqual({
      event: 'demo',
      retentionDays: null,
    });
    expect(rulesDiff(rules, {})).toBeNull();
  });
});

describe('word lists', () => {
  it('adds a cleaned word once, whatever its case or accents', () => {
    expect(cleanWord('  vente   flash ')).toBe('vente flash');
    expect(addWord(['spam'], '  Arnaque ')).toEqual(['spam', 'Arnaque']);
    expect(addWord(['arnaque'], 'ARNAQUE')).toEqual(['arnaque']);
    expect(addWord(['éolienne'], 'eolienne')).toEqual(['éolienne']);
    expect(addWord(['spam'], '   ')).toEqual(['spam']);
    expect(addWord([], 'x'.repeat(101))).toEqual([]);
  });

  it('adds several words, pasted by line or separated by commas', () => {
    expect(addWords([], 'un, deux\ntrois,,un')).toEqual(['un', 'deux', 'trois']);
  });

  it('removes a word', () => {
    expect(removeWord(['a', 'b'], 'a')).toEqual(['b']);
  });

  it('searches the default list without case or accents, up to a limit', () => {
    const defaults = ['Connard', 'con', 'abruti', 'débile', 'idiot', 'con'];
    expect(searchWords(defaults, 'CON')).toEqual(['Connard', 'con']);
    expect(searchWords(defaults, 'debile')).toEqual(['débile']);
    expect(searchWords(defaults, ' ')).toEqual([]);
    expect(searchWords(defaults, 'i', 2)).toEqual(['abruti', 'débile']);
  });
});

describe('parseOptionalCount', () => {
  it('reads a whole number within bounds, or empty as none', () => {
    expect(parseOptionalCount('', 1)).toEqual({ ok: true, value: null });
    expect(parseOptionalCount(' 12 ', 1, 100)).toEqual({ ok: true, value: 12 });
    expect(parseOptionalCount('0', 1)).toEqual({ ok: false });
    expect(parseOptionalCount('4000', 5, 3600)).toEqual({ ok: false });
    expect(parseOptionalCount('1.5', 1)).toEqual({ ok: false });
    expect(parseOptionalCount('-3', 1)).toEqual({ ok: false });
    expect(parseOptionalCount('douze', 1)).toEqual({ ok: false });
  });
});
