import { describe, expect, it } from 'vitest';
import { HASHTAG, hashtagsInText, uniqueLowerCase } from '../../../../server/pipeline/text/patterns.js';

describe('hashtagsInText', () => {
  it('finds Unicode hashtags, lower-cased and deduplicated', () => {
    expect(hashtagsInText('#Débat, #Québec2026 et encore #débat ! #日本語')).toEqual(['débat', 'québec2026', '日本語']);
  });

  it('skips numbers, C#, fragments and entities', () => {
    expect(hashtagsInText('#1 en C# voir https://a.example.org/#top &#39; a#b')).toEqual([]);
  });
});

describe('hashtagsInText against every match of HASHTAG', () => {
  it('finds the same tags in generated texts', () => {
    const pieces = [
      '#',
      '#a',
      '#Débat',
      '#1',
      'C#',
      '&#39;',
      '/#x',
      '#日本語',
      'e\u0301',
      '_',
      ' ',
      '\n',
      '😀',
      'a',
      '##b',
      '#_',
    ];
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 5000; i++) {
      let text = '';
      for (let k = 0; k < 1 + Math.floor(next() * 8); k++) text += pieces[Math.floor(next() * pieces.length)]!;
      const expected = uniqueLowerCase(Array.from(text.normalize('NFC').matchAll(HASHTAG), (m) => m[1] ?? ''));
      expect(hashtagsInText(text), JSON.stringify(text)).toEqual(expected);
    }
  });
});
