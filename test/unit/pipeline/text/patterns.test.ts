import { describe, expect, it } from 'vitest';
import { HASHTAG, hashtagsInText, uniqueLowerCase } from '../../../../server/pipeline/text/patterns.js';
import { generatedTexts } from './generated.js';

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
    for (const text of generatedTexts(pieces, { seed: 11, count: 5000, maxPieces: 8 })) {
      const expected = uniqueLowerCase(Array.from(text.normalize('NFC').matchAll(HASHTAG), (m) => m[1] ?? ''));
      expect(hashtagsInText(text), JSON.stringify(text)).toEqual(expected);
    }
  });
});
