import { describe, expect, it } from 'vitest';
import { fixtureJson, ignored, malformed, norm, NOW } from '../helpers.js';

const user = { id: '42', username: 'ana_demo', name: 'Ana', profile_image_url: 'https://pbs.example.org/a.jpg' };

function post(data: Record<string, unknown>, includes: Record<string, unknown> = { users: [user] }) {
  return { data: { id: '1', text: 'Bonjour', author_id: '42', ...data }, includes };
}

describe('normalize x', () => {
  it('reads a filtered-stream message', () => {
    const item = norm('x', fixtureJson('twitter/stream-message.json'));
    expect(item).toMatchObject({
      source: 'x',
      sourceId: '1234567890',
      url: 'https://x.com/catperson/status/1234567890',
      author: { name: 'catperson', handle: '@catperson', profileUrl: 'https://x.com/catperson' },
      authorKey: 'x:9876543210',
      contact: null,
      text: 'Look at this cute cat! 🐱',
      html: null,
      links: { hashtag: 'https://x.com/hashtag/{tag}', mention: 'https://x.com/{handle}' },
      lang: null,
      context: null,
      flags: [],
      createdAt: Date.parse('2024-01-15T10:35:00.000Z'),
    });
  });

  it('keys an edited post by its original id and links to the version it carries', () => {
    const item = norm('x', post({ id: '30', text: 'Corrigé', edit_history_tweet_ids: ['10', '20', '30'] }));
    expect(item).toMatchObject({ sourceId: '10', url: 'https://x.com/ana_demo/status/30', text: 'Corrigé' });
    expect(norm('x', post({ id: '10', edit_history_tweet_ids: ['10'] })).sourceId).toBe('10');
    expect(malformed(() => norm('x', post({ edit_history_tweet_ids: [''] }))).message).toMatch(
      /edit_history_tweet_ids/,
    );
  });

  it('folds a retweet into the original post, its author and its full text', () => {
    const item = norm('x', fixtureJson('twitter/retweet.json'));
    expect(item.sourceId).toBe('1229843515603144704');
    expect(item.authorKey).toBe('x:857699969263964161');
    expect(item.author.name).toBe('Suhem Parack');
    expect(item.url).toBe('https://x.com/suhemparack/status/1229843515603144704');
    expect(item.text).not.toMatch(/^RT @/);
    expect(item.text).not.toContain('…');
    expect(item.text).toContain('Check it out here 👇');
    expect(item.createdAt).toBe(Date.parse('2020-02-18T19:01:58.000Z'));
  });

  it('expands t.co links to their destination', () => {
    const item = norm('x', fixtureJson('twitter/retweet.json'));
    expect(item.text).toContain('https://dev.to/twitterdev/building-an-alexa-skill');
    expect(item.text).not.toContain('t.co');
  });

  it('keeps a quoted post as context, flags it, and drops the link to it from the text', () => {
    const item = norm('x', fixtureJson('twitter/quote-tweet.json'));
    expect(item.sourceId).toBe('1328399838128467969');
    expect(item.flags).toEqual(['quote']);
    expect(item.context).toMatchObject({
      kind: 'quote',
      author: { name: 'Twitter Dev', handle: '@TwitterDev' },
      url: 'https://x.com/TwitterDev/status/1327011423252144128',
    });
    expect(item.context?.text).toMatch(/^👋 Friendly reminder/);
    expect(item.text).toBe(
      'As planned, the Labs v2 endpoints referenced below have now been retired. Please let us know in the forums if you have questions or need help with the X API v2!',
    );
  });

  it('reads photo media with alt text', () => {
    const item = norm('x', fixtureJson('twitter/tweet-with-photo-media.json'));
    expect(item.media).toEqual([
      { type: 'image', url: 'https://pbs.twimg.com/media/example.jpg', alt: 'Example image' },
    ]);
  });

  it('reads video media with its still, size, entity hashtags and language', () => {
    const item = norm('x', fixtureJson('twitter/tweet-with-video-media.json'));
    const still = 'https://pbs.twimg.com/ext_tw_video_thumb/1293565706408038401/pu/img/66P2dvbU4a02jYbV.jpg';
    expect(item.media).toEqual([{ type: 'video', url: still, previewUrl: still, width: 1280, height: 720 }]);
    expect(item.hashtags).toEqual(['twitterapi']);
    expect(item.lang).toBe('en');
    expect(item.author.avatarUrl).toBe('https://pbs.twimg.com/profile_images/1283786620521652229/lEODkLTh_normal.jpg');
    // The pic.x.com link to the post's own video is dropped: the wall shows the video itself.
    expect(item.text).not.toContain('KaFSbjWUA8');
    expect(item.text).toMatch(/introducing_new_twitter_api\.html$/);
  });

  it('prefers the best mp4 variant when X sends them', () => {
    const media = {
      media_key: '7_1',
      type: 'video',
      preview_image_url: 'https://pbs.example.org/still.jpg',
      variants: [
        { content_type: 'video/mp4', url: 'https://video.example.org/low.mp4', bit_rate: 256000 },
        { content_type: 'application/x-mpegURL', url: 'https://video.example.org/v.m3u8' },
        { content_type: 'video/mp4', url: 'https://video.example.org/high.mp4', bit_rate: 2176000 },
      ],
    };
    const item = norm('x', post({ attachments: { media_keys: ['7_1'] } }, { users: [user], media: [media] }));
    expect(item.media[0]).toMatchObject({
      url: 'https://video.example.org/high.mp4',
      previewUrl: 'https://pbs.example.org/still.jpg',
    });
  });

  it('parses hashtags from the text when there are no entities, and decodes the entities X escapes', () => {
    const item = norm('x', post({ text: 'Q&amp;A: &lt;3 le #Débat et #Québec2026' }));
    expect(item.text).toBe('Q&A: <3 le #Débat et #Québec2026');
    expect(item.hashtags).toEqual(['débat', 'québec2026']);
  });

  it('uses the full note_tweet text of a long post', () => {
    const item = norm('x', post({ text: 'Début…', note_tweet: { text: 'Début du texte long et sa fin.' } }));
    expect(item.text).toBe('Début du texte long et sa fin.');
  });

  it('flags replies and sensitive posts', () => {
    const item = norm('x', post({ referenced_tweets: [{ type: 'replied_to', id: '9' }], possibly_sensitive: true }));
    expect(item.flags).toEqual(['reply', 'sensitive']);
  });

  it.each(['und', 'zxx', 'qme', 'qht', 'qam'])('drops the non-language code %s', (lang) => {
    expect(norm('x', post({ lang })).lang).toBeNull();
  });

  it('falls back to now() without created_at and accepts a one-post data array', () => {
    const payload = post({});
    const item = norm('x', { ...payload, data: [payload.data] });
    expect(item.createdAt).toBe(NOW);
    expect(item.author.avatarUrl).toBe('https://pbs.example.org/a.jpg');
  });

  it('ignores an in-stream error message', () => {
    const error = ignored(() => norm('x', fixtureJson('twitter/stream-error-operational-disconnect.json')));
    expect(error.why).toBe('stream error message');
  });

  it('names the missing field of a malformed payload', () => {
    expect(malformed(() => norm('x', { data: { text: 'no id' } })).message).toMatch(/^x: data\.id: /);
    expect(malformed(() => norm('x', post({ author_id: '7' }))).message).toBe('x: includes.users: author 7 missing');
    const rt = post({ referenced_tweets: [{ type: 'retweeted', id: '55' }] });
    expect(malformed(() => norm('x', rt)).message).toBe('x: includes.tweets: retweeted post 55 missing');
    expect(malformed(() => norm('x', 'not an object')).format).toBe('x');
    expect(malformed(() => norm('x', { data: [] })).message).toBe('x: data: expected one post, got 0');
  });
});
