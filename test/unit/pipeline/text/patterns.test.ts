import { describe, expect, it } from 'vitest';
import { hashtagsInText } from '../../../../server/pipeline/text/patterns.js';

describe('hashtagsInText', () => {
  it('finds Unicode hashtags, lower-cased and deduplicated', () => {
    expect(hashtagsInText('#Débat, #Québec2026 et encore #débat ! #日本語')).toEqual(['débat', 'québec2026', '日本語']);
  });

  it('skips numbers, C#, fragments and entities', () => {
    expect(hashtagsInText('#1 en C# voir https://a.example.org/#top &#39; a#b')).toEqual([]);
  });
});
