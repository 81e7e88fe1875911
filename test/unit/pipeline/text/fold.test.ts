import { describe, expect, it } from 'vitest';
import { foldForMatch } from '../../../../server/pipeline/text/fold.js';
import { generatedTexts } from './generated.js';

const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', ł: 'l', đ: 'd', ı: 'i' };

/** Every step, whatever the text: what the fast paths must give too. */
function foldEveryStep(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\p{M}\p{Cf}]/gu, '')
    .replace(/[œæßøłđı]/g, (c) => LIGATURES[c] ?? c);
}

describe('foldForMatch', () => {
  it('folds case, accents, ligatures and invisible characters', () => {
    expect(foldForMatch('Élodie ŒUVRE ﬁn Straße ｆｕｌｌ a\u200db')).toBe('elodie oeuvre fin strasse full ab');
  });

  it('gives what every step gives, on ASCII, accented and other texts alike', () => {
    const pieces = [
      'Vélo',
      'débat',
      'ŒUF',
      'ß',
      'ﬁ',
      'ｆｕｌｌ',
      'a\u0301',
      '\u200b',
      '\u202e',
      'Ж',
      'ı',
      'İ',
      '😀',
      'plain',
      ' ',
      '?',
    ];
    for (const text of generatedTexts(pieces, { seed: 5, count: 3000, maxPieces: 5 })) {
      expect(foldForMatch(text), JSON.stringify(text)).toBe(foldEveryStep(text));
    }
  });
});
