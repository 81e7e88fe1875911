import { describe, expect, it } from 'vitest';
import { capText, cleanEveryStep, cleanLabel, cleanText } from '../../../../server/pipeline/text/clean.js';
import { generatedTexts } from './generated.js';

describe('cleanText', () => {
  it('strips controls, zero-width and bidi override characters but keeps emoji joiners', () => {
    const family = '👨\u200D👩\u200D👧';
    expect(cleanText(`a\u0000b\u0007c\u200Bd\u202Ee\u2066f\u2069\uFEFFg\u00ADh ${family}`)).toBe(`abcdefgh ${family}`);
  });

  it('unifies newlines, drops trailing spaces, collapses 3+ blank lines and trims', () => {
    expect(cleanText('  un  \r\ndeux\r\r\n\n\n\ntrois\u2028quatre\t!  ')).toBe('un\ndeux\n\ntrois\nquatre !');
  });

  it('composes accents (NFC)', () => {
    expect(cleanText('de\u0301bat')).toBe('débat');
  });
});

describe('capText', () => {
  it('leaves short text alone', () => {
    expect(capText('court', 10)).toEqual({ text: 'court', capped: false });
  });

  it('cuts on a word boundary and adds an ellipsis within the limit', () => {
    const { text, capped } = capText('Quelle est la position de la mairie sur les pistes cyclables', 30);
    expect(capped).toBe(true);
    expect(text).toBe('Quelle est la position de la…');
    expect(text.length).toBeLessThanOrEqual(30);
  });

  it('cuts a single huge word hard, never splitting a surrogate pair', () => {
    const { text } = capText(`${'a'.repeat(8)}😀😀😀`, 10);
    expect(text).toBe(`${'a'.repeat(8)}…`);
    expect(capText('😀'.repeat(10), 6).text).toBe('😀😀…');
  });
});

describe('cleanLabel', () => {
  it('makes one line and caps it', () => {
    expect(cleanLabel(' Léa\n\u202EMartin ', 80)).toBe('Léa Martin');
    expect(cleanLabel('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('cleanText against every step', () => {
  it('gives what every step gives, clean texts or not', () => {
    const pieces = [
      'a',
      'é',
      'e\u0301',
      ' ',
      '\u00a0',
      '\n',
      '\r',
      '\r\n',
      '\t',
      '\u2028',
      '\u0085',
      '\u200b',
      '\u202e',
      '\u0007',
      '😀',
      '\n\n',
    ];
    for (const text of generatedTexts(pieces, { seed: 9, count: 5000, maxPieces: 8 })) {
      expect(cleanText(text), JSON.stringify(text)).toBe(cleanEveryStep(text.normalize('NFC')));
    }
  });
});
