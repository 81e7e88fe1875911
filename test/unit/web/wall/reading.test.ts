import { describe, expect, it } from 'vitest';
import { READING, readingMs, wordCount } from '../../../../wall/lib/reading.js';

describe('readingMs', () => {
  it('reads 250 words a minute after a moment to find the message', () => {
    expect(readingMs('')).toBe(READING.baseMs);
    const words = Array.from({ length: 250 }, () => 'mot').join(' ');
    expect(readingMs(words)).toBe(READING.baseMs + 60_000);
  });

  it('counts words in any script, two characters a word where words have no spaces', () => {
    expect(wordCount('  Bonjour   à tous \n les amis ')).toBe(5);
    expect(wordCount('مرحبا بالجميع في النقاش')).toBe(4);
    expect(wordCount('今日はいい天気ですね')).toBe(5);
  });
});
