import { describe, expect, it } from 'vitest';
import { truncateAtWord } from '../../../../wall/lib/clamp.js';
import { clampTokens, tokenize } from '../../../../wall/lib/tokens.js';

describe('tokenize', () => {
  it('sets hashtags, mentions and links apart on one line', () => {
    expect(tokenize('Merci @ana@mastodon.social !\n#GrandDebat https://www.example.org/programme')).toEqual([
      { kind: 'text', value: 'Merci ' },
      { kind: 'mention', value: '@ana@mastodon.social' },
      { kind: 'text', value: ' ! ' },
      { kind: 'hashtag', value: '#GrandDebat' },
      { kind: 'text', value: ' ' },
      { kind: 'link', value: 'example.org/programme' },
    ]);
  });

  it('reads accented hashtags and plain text', () => {
    expect(tokenize('#Débat2025')).toEqual([{ kind: 'hashtag', value: '#Débat2025' }]);
    expect(tokenize('  rien  de spécial ')).toEqual([{ kind: 'text', value: 'rien de spécial' }]);
  });
});

describe('clampTokens', () => {
  const tokens = tokenize('Une question sur les pistes cyclables #Velo');

  it('keeps everything within the budget', () => {
    expect(clampTokens(tokens, 100, truncateAtWord)).toEqual(tokens);
  });

  it('cuts text at a word and never cuts a hashtag', () => {
    expect(clampTokens(tokens, 20, truncateAtWord)).toEqual([{ kind: 'text', value: 'Une question sur les…' }]);
    expect(clampTokens(tokens, 40, truncateAtWord).at(-1)).toEqual({ kind: 'text', value: '…' });
    expect(clampTokens(tokens, 40, truncateAtWord).some((token) => token.kind === 'hashtag')).toBe(false);
  });
});
