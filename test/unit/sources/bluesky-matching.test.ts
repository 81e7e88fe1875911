import { describe, expect, it } from 'vitest';
import { createHashtagMatcher } from '../../../server/sources/bluesky/matching.js';
import { summarizeJetstreamPost } from '../../../server/pipeline/normalize/jetstream.js';

/** A frame as Jetstream writes it (JSON, non-ASCII left as is). */
const frame = (text: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ did: 'did:plc:a', time_us: 1, kind: 'commit', commit: { record: { text, ...extra } } });
const hashtagsOf = (text: string, extra: Record<string, unknown> = {}) =>
  summarizeJetstreamPost({ text, ...extra })?.hashtags ?? [];

describe('hashtag matching', () => {
  const matcher = createHashtagMatcher(['TownHall', '#Économie']);

  it('lets through, unparsed, frames carrying the letters of a hashtag in any case', () => {
    expect(matcher.mayMatch(frame('#townhall'))).toBe(true);
    expect(matcher.mayMatch(frame('#TOWNHALL'))).toBe(true);
    expect(matcher.mayMatch(frame('#ÉCONOMIE'))).toBe(true);
    expect(matcher.mayMatch(frame('#e\u0301conomie'))).toBe(true); // decomposed accent
    expect(matcher.mayMatch(frame('nothing here', { tags: ['Town', 'Hall'] }))).toBe(false);
    expect(matcher.mayMatch(frame('#economie'))).toBe(false); // a different word
  });

  it('matches whole hashtags from facets, record tags and text, case- and form-insensitively', () => {
    const facet = {
      features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'TOWNHALL' }],
      index: { byteStart: 0, byteEnd: 9 },
    };
    expect(matcher.matches(hashtagsOf('text without a hash', { facets: [facet] }))).toBe(true);
    expect(matcher.matches(hashtagsOf('text', { tags: ['économie'] }))).toBe(true);
    expect(matcher.matches(hashtagsOf('Le budget #E\u0301conomie !'))).toBe(true);
    expect(matcher.matches(hashtagsOf('#TownHall.'))).toBe(true);
  });

  it('does not match a longer tag, a word without #, or a #word inside another word', () => {
    expect(matcher.matches(hashtagsOf('#TownHallDebate'))).toBe(false);
    expect(matcher.matches(hashtagsOf('#TownHall_2026'))).toBe(false);
    expect(matcher.matches(hashtagsOf('TownHall'))).toBe(false);
    expect(matcher.matches(hashtagsOf('C#TownHall'))).toBe(false);
    expect(matcher.matches(hashtagsOf('#ÉconomieSociale'))).toBe(false);
  });

  it('matches nothing for an event without hashtags', () => {
    const none = createHashtagMatcher([]);
    expect(none.mayMatch(frame('#TownHall'))).toBe(false);
    expect(none.matches(['townhall'])).toBe(false);
  });

  it('escapes regular-expression characters in a configured hashtag', () => {
    const odd = createHashtagMatcher(['a.b']);
    expect(odd.mayMatch(frame('axb'))).toBe(false);
    expect(odd.mayMatch(frame('a.b'))).toBe(true);
  });
});
