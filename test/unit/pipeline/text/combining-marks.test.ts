import { describe, expect, it } from 'vitest';
import { cleanEveryStep, cleanLabel, cleanText } from '../../../../server/pipeline/text/clean.js';
import { sanitize } from '../../../../server/pipeline/sanitize.js';
import { norm } from '../helpers.js';

/** Combining marks above, below and through, the way "zalgo" generators pick them. */
const ZALGO_MARKS = ['\u0300', '\u0301', '\u0316', '\u0317', '\u0334', '\u0359', '\u035c', '\u0363', '\u036f'];
const zalgo = (count: number) => Array.from({ length: count }, (_, i) => ZALGO_MARKS[i % ZALGO_MARKS.length]).join('');

/** Lengths of the runs of marks in `text` (NFC composes some marks into letters and reorders the others). */
const markRuns = (text: string) => (text.match(/\p{M}+/gu) ?? []).map((run) => [...run].length);
const withoutMarks = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '');

describe('runs of combining marks', () => {
  it('keeps four marks on a letter that carries thousands', () => {
    const cleaned = cleanText(`H${zalgo(5000)}ello`);
    expect(markRuns(cleaned)).toEqual([4]);
    expect(withoutMarks(cleaned)).toBe('Hello');
  });

  it('cuts each letter of a zalgo word on its own', () => {
    const cleaned = cleanText([...'xyzzy'].map((letter) => letter + zalgo(30)).join(''));
    expect(markRuns(cleaned)).toEqual([4, 4, 4, 4, 4]);
    expect(withoutMarks(cleaned)).toBe('xyzzy');
  });

  it('counts marks joined by a removed invisible character as one run', () => {
    const text = `x\u0334\u0334\u0334\u200b\u0334\u0334\u0334y`;
    expect(cleanText(text)).toBe('x\u0334\u0334\u0334\u0334y');
    expect(cleanEveryStep(text)).toBe('x\u0334\u0334\u0334\u0334y');
  });

  it('leaves the marks of real writing alone', () => {
    const texts = [
      // Vietnamese, composed and decomposed (a circumflex or a dot below, then a tone mark).
      'Tiếng Việt có dấu',
      'Tie\u0302\u0301ng Vie\u0323\u0302t',
      // Arabic with harakat: shadda and a vowel on one letter.
      'مُحَمَّدٌ رَسُولُ',
      // Hebrew with niqqud and cantillation: dagesh, vowel and accent on one letter.
      'בְּרֵאשִׁ֖ית בָּרָ֣א',
      // Devanagari and Bengali: vowel signs, nukta, virama, candrabindu.
      'हिन्दी क़िताब माँ',
      'বাংলা ভাষা',
      // Thai: a vowel and a tone mark above one consonant.
      'ภาษาไทย ที่นี่',
      // Emoji: a keycap (variation selector and enclosing keycap), a family joined with ZWJ.
      '1\ufe0f\u20e3 👨\u200d👩\u200d👧',
    ];
    for (const text of texts) expect(cleanText(text), text).toBe(text.normalize('NFC'));
  });

  it('is idempotent and matches every step', () => {
    for (const text of [`x${zalgo(4)}`, `x${zalgo(5)}`, `${zalgo(9)} start`, `a${zalgo(12)}\n\n\n\nb${zalgo(7)}`]) {
      const once = cleanText(text);
      expect(cleanText(once)).toBe(once);
      expect(once).toBe(cleanEveryStep(text.normalize('NFC')));
      expect(Math.max(...markRuns(once))).toBeLessThanOrEqual(4);
    }
  });

  it('clamps the text, the HTML and the author name of an item as it is stored', () => {
    expect(markRuns(cleanLabel(`Ana${zalgo(500)}`, 80))).toEqual([4]);
    const form = { name: `Zed${zalgo(99)}`, message: `H${zalgo(5000)}i #TownHall` };
    const item = sanitize(norm('web', form, { idempotencyKey: 'zalgo-0001' }));
    expect(markRuns(item.text)).toEqual([4]);
    expect(markRuns(item.html)).toEqual([4]);
    expect(markRuns(item.author.name)).toEqual([4]);
  });
});
