/**
 * The quick pass in front of the blocklist ({@link createBlocklistScan}) must never change an answer: the list with
 * it and the same list without it are compared on generated texts mixing entries, near misses, accents, marks,
 * ligatures, kinds of spaces and punctuation, symbols of leet entries, and characters the pass does not know.
 */
import { describe, expect, it } from 'vitest';
import { BLOCKLIST_LANGUAGES, createBlocklist, createFullBlocklist } from '../../../server/pipeline/blocklist.js';
import { createBlocklistScan } from '../../../server/pipeline/blocklist-scan.js';
import { generatedTexts } from './text/generated.js';

const PIECES = [
  // Entries of the default lists and of the custom one below, as written and disguised.
  'merde',
  'MERDE',
  'Merdé',
  'm\u0301erde',
  'mer\u00ADde',
  'mer\u200Dde',
  'ｍｅｒｄｅ',
  'connard',
  'CoNnArD',
  'fuck',
  'enculé',
  'encule',
  'ENCULÉ',
  'trou',
  'du',
  'cul',
  'trou-du-cul',
  'fils',
  'de',
  'pute',
  'ta',
  'mère',
  'mere',
  'crétin',
  'CRÉTIN',
  'pousse-crotte',
  'pousse',
  'crotte',
  '@brut!',
  '«@brut!»,',
  's&m',
  'S&M',
  '5@lop',
  'p!$$',
  '🖕',
  '53nt-l@-p!553',
  '53NT-L@-P!553',
  'b!-tch',
  'p!-$$',
  'blow job',
  'blow',
  'job',
  // Plurals, feminines and digits for letters, which the lists match by rule.
  'connards',
  'CONNASSES',
  'enculées',
  'Enculée',
  'putes',
  'salopes',
  'c0nnard',
  'conn4rd',
  'C0NN4RDS',
  'b1tch',
  '5alope',
  'sh1t',
  'cr0tt3',
  'p3d4l3',
  'ｃ０ｎｎａｒｄ',
  'c²nnard',
  'co²',
  '1er',
  '13e',
  '4x4',
  'H1N1',
  '2g1c',
  'x2',
  '7h30',
  '2027',
  // Other languages' lists, and Arabizi.
  'gilipollas',
  'Arschloch',
  'stronzo',
  'stronzi',
  'foder',
  'con',
  'cerveja',
  '9a7ba',
  'qahba',
  'zeb1',
  'nik',
  'mok',
  'قحبة',
  'فرج',
  // Near misses and everyday words.
  'analyse',
  'constitution',
  'Scunthorpe',
  'cocktail',
  'concombre',
  'merdique',
  'fuckers',
  'con',
  'cons',
  'Con',
  'vélo',
  'débat',
  'été',
  'Œuvre',
  'cœur',
  'Straße',
  'æther',
  'naïve',
  'ÇA',
  'l’été',
  'aujourd’hui',
  'vont-ils',
  'A',
  'l',
  '42',
  'x2',
  '#TownHall',
  '@mairie',
  'https://example.org/a-b?c=d&e=f',
  'e-mail',
  'a&b',
  // Characters the pass does not know, or knows as punctuation.
  'Москва',
  'дурак',
  '東京',
  '€',
  '…',
  '«',
  '»',
  '“',
  '”',
  '–',
  '—',
  '’',
  '´',
  '¨',
  '½',
  '²',
  'ª',
  'ﬁn',
  'İstanbul',
  '🌻',
  'Marie🌻',
  '🖕🏽',
  '👍🏻',
  '𝐌𝐄𝐑𝐃𝐄',
  'Ｃｏｎ',
  'ⴳ',
  'ΣΟΦΙΑ',
  'σοφίας',
  '\uD83D',
  '\u2028',
  '\u00AD',
];
const SEPARATORS = [' ', ' ', ' ', '', '\u00A0', '\u202F', '\t', '\n', ', ', '! ', ' ! ', '-', '.', '’', ' « ', ' » '];

const CUSTOM = ['Crétin', 'trou du cul', 'pousse-crotte', '@brut!', 's&m', '🖕', 'ta mère', 'x2', 'p!-$$'];

describe('blocklist quick pass', () => {
  for (const [name, words, useDefault, languages] of [
    ['default lists', [], true, undefined],
    ['custom list', CUSTOM, false, undefined],
    ['both', CUSTOM, true, undefined],
    ['every language', CUSTOM, true, BLOCKLIST_LANGUAGES],
  ] as const) {
    it(`gives the full matcher's answers (${name})`, () => {
      const options = { useDefault, ...(languages ? { languages } : {}) };
      const quick = createBlocklist(words, options);
      const full = createFullBlocklist(words, options);
      let blocked = 0;
      for (const text of generatedTexts(PIECES, { seed: 7, count: 6000, maxPieces: 8, separators: SEPARATORS })) {
        const expected = full.match(text);
        expect([text, quick.match(text)]).toEqual([text, expected]);
        if (expected !== null) blocked += 1;
      }
      // The texts exercise both answers.
      expect(blocked).toBeGreaterThan(500);
      expect(blocked).toBeLessThan(5500);
    });
  }

  it('clears ordinary sentences in one pass, and sends the doubtful ones to the full matcher', () => {
    const scan = createBlocklistScan({
      words: ['merde', 'con'],
      phraseStarts: [
        ['trou', 'du'],
        ['la', 'pute'],
      ],
      isSymbolEntry: (token) => token === '@brut!',
      symbols: ['@', '!'],
      fragments: ['🖕'],
    })!;
    for (const text of [
      'Quelle place pour le vélo dans le nouveau plan de circulation ?',
      'Merci pour ce débat, très instructif ! On attend la suite.',
      'Les horaires du marché vont-ils changer cet été\u202F? «\u00A0Oui\u00A0» — l’adjoint…',
      'Will the new library open on Sundays as well? @mairie #TownHall',
      'Marie 🌻 — infinite love 👍🏻',
    ]) {
      expect([text, scan.mayMatch(text)]).toEqual([text, false]);
    }
    for (const text of ['Quelle MERDE', 'un trou-du', 'ô cón', 'la, pute', 'espèce d’ @brut! va', 'Москва', 'bof 🖕']) {
      expect([text, scan.mayMatch(text)]).toEqual([text, true]);
    }
  });

  it('steps aside for a list with a fragment it could meet', () => {
    expect(
      createBlocklistScan({
        words: [],
        phraseStarts: [],
        isSymbolEntry: () => false,
        symbols: [],
        fragments: ['f * ck'],
      }),
    ).toBeNull();
  });
});
