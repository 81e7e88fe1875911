import { describe, expect, it } from 'vitest';
import {
  GLYPH_EM,
  LINE_HEIGHT,
  WORD_MARGIN,
  charsPerLine,
  fitText,
  measureText,
} from '../../../../wall/lib/text-fit.js';

const box = { width: 470, height: 210 };

describe('measureText', () => {
  it('collapses whitespace and counts line breaks', () => {
    expect(measureText('  Bonjour   à tous  ')).toEqual({ chars: 14, breaks: 0, longest: 7 });
    expect(measureText('Un\n\nDeux\nTrois')).toEqual({ chars: 11, breaks: 2, longest: 5 });
  });

  it('counts long links as shown, shortened', () => {
    const text = `Lire https://www.example.org/${'a'.repeat(80)}`;
    expect(measureText(text).chars).toBe('Lire '.length + 32);
  });
});

describe('fitText', () => {
  it('sets a short message large and a long one smaller, within bounds', () => {
    const short = fitText({ text: measureText('Bravo !'), box, base: 24 });
    const long = fitText({ text: measureText('mot '.repeat(60)), box, base: 24 });
    expect(short.fontSize).toBe(24 * 1.8);
    expect(long.fontSize).toBeLessThan(short.fontSize);
    expect(long.fontSize).toBeGreaterThanOrEqual(24 * 0.85);
    expect(short.maxChars).toBe(Infinity);
  });

  it('never grows when the text gets longer', () => {
    let previous = Infinity;
    for (let chars = 0; chars <= 600; chars += 10) {
      const { fontSize } = fitText({ text: { chars, breaks: 0, longest: 8 }, box, base: 24 });
      expect(fontSize).toBeLessThanOrEqual(previous);
      previous = fontSize;
    }
  });

  it('picks a size at which the estimated lines fit the box', () => {
    for (const chars of [20, 80, 140, 200, 280]) {
      const { fontSize, maxChars } = fitText({ text: { chars, breaks: 1, longest: 8 }, box, base: 24 });
      if (maxChars !== Infinity) continue;
      const lines = Math.ceil(chars / charsPerLine(box.width, fontSize)) + 1;
      expect(lines * LINE_HEIGHT * fontSize, `${chars} chars`).toBeLessThanOrEqual(box.height);
    }
  });

  it('says how many characters to keep when even the smallest size is too large', () => {
    const fit = fitText({ text: { chars: 2000, breaks: 0, longest: 8 }, box, base: 24 });
    expect(fit.fontSize).toBe(24 * 0.85);
    const lines = Math.floor(box.height / (LINE_HEIGHT * fit.fontSize));
    expect(fit.maxChars).toBeLessThanOrEqual(lines * charsPerLine(box.width, fit.fontSize));
    expect(fit.maxChars).toBeGreaterThan(100);
  });

  it('fits the text of a 4K card at the same scale as 1080p', () => {
    const text = measureText('Combien de pistes cyclables en 2027 ? #GrandDebat');
    const hd = fitText({ text, box, base: 24 });
    const uhd = fitText({ text, box: { width: 940, height: 420 }, base: 48 });
    expect(uhd.fontSize).toBeCloseTo(hd.fontSize * 2);
  });

  it('keeps nothing for a box with no room', () => {
    expect(
      fitText({ text: { chars: 10, breaks: 0, longest: 10 }, box: { width: 0, height: 0 }, base: 24 }).maxChars,
    ).toBe(0);
  });

  it('keeps a long word (a hashtag) whole on its line when a smaller size allows it', () => {
    const narrow = { width: 200, height: 400 };
    const text = measureText('Vue depuis le balcon #MurmureDemo');
    const fit = fitText({ text, box: narrow, base: 24 });
    expect(text.longest).toBe('#MurmureDemo'.length);
    expect(text.longest * GLYPH_EM * WORD_MARGIN * fit.fontSize).toBeLessThanOrEqual(narrow.width);
  });

  it('ignores a word that fits at no size, rather than shrinking the rest for nothing', () => {
    const text = measureText(`Voir ${'x'.repeat(40)}`);
    const fit = fitText({ text, box, base: 24 });
    expect(fit.fontSize).toBeGreaterThan(24);
    expect(fit.wordsFit).toBe(false);
    expect(fitText({ text: measureText('Bravo'), box, base: 24 }).wordsFit).toBe(true);
  });

  it('counts characters per line from the average glyph width', () => {
    expect(charsPerLine(GLYPH_EM * 20 * 10, 20)).toBe(8);
    expect(charsPerLine(0, 20)).toBe(0);
  });
});
