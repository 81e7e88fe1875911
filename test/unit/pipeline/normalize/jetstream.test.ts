import { describe, expect, it } from 'vitest';
import { normalize } from '../../../../server/pipeline/normalize/index.js';
import { summarizeJetstreamPost } from '../../../../server/pipeline/normalize/jetstream.js';
import { ctx, fixtureJson, ignored, malformed, norm } from '../helpers.js';

const withTags = fixtureJson('bluesky/jetstream-post-with-tags.json') as {
  did: string;
  commit: Record<string, unknown>;
};
const DID = 'did:plc:example2aaaaaaaaaaaaaaaa';

function frame(record: Record<string, unknown>, commit: Record<string, unknown> = {}) {
  return {
    did: DID,
    time_us: 1,
    kind: 'commit',
    commit: {
      rev: 'r',
      operation: 'create',
      collection: 'app.bsky.feed.post',
      rkey: '3abc',
      record: { $type: 'app.bsky.feed.post', createdAt: '2026-03-12T18:00:00.000Z', text: 'Bonjour', ...record },
      cid: 'bafy',
      ...commit,
    },
  };
}

describe('normalize jetstream', () => {
  it('reads a post with tag facets', () => {
    const item = norm('jetstream', withTags);
    expect(item).toMatchObject({
      source: 'bluesky',
      sourceId: 'at://did:plc:tn3hni2jpphsgl6amfbb7ja6/app.bsky.feed.post/3mptbypfywk2v',
      url: 'https://bsky.app/profile/did:plc:tn3hni2jpphsgl6amfbb7ja6/post/3mptbypfywk2v',
      author: { name: 'did:plc:tn3hni2jpphsgl6amfbb7ja6' },
      authorKey: 'bluesky:did:plc:tn3hni2jpphsgl6amfbb7ja6',
      hashtags: ['howtotellaitoshutup', 'indierebellion'],
      lang: 'de',
      links: { hashtag: 'https://bsky.app/hashtag/{tag}', mention: 'https://bsky.app/profile/{handle}' },
      createdAt: Date.parse('2026-07-04T14:38:07.323Z'),
    });
    expect(item.text).toMatch(/^#HowToTellAiToShutUp!/);
  });

  it('uses meta.profiles for the author', () => {
    const profiles = {
      'did:plc:tn3hni2jpphsgl6amfbb7ja6': {
        handle: 'radio.example.org',
        displayName: 'Radio',
        avatar: 'https://cdn.example.org/a.jpg',
      },
    };
    const item = norm('jetstream', withTags, { profiles });
    expect(item.author).toEqual({
      name: 'Radio',
      handle: 'radio.example.org',
      profileUrl: 'https://bsky.app/profile/radio.example.org',
      avatarUrl: 'https://cdn.example.org/a.jpg',
    });
  });

  it('reads images from the blob CID with alt and aspect ratio, full size and thumbnail', () => {
    const item = norm('jetstream', fixtureJson('bluesky/jetstream-post-with-images-and-tags.json'));
    const blob = 'did:plc:ynfp6wddjqpl44gordpsqkuw/bafkreidrnwt23f7wy7fyfex5acdkxh62wsgpg245ame4c4rogfwb3upyaa@jpeg';
    expect(item.media).toEqual([
      {
        type: 'image',
        url: `https://cdn.bsky.app/img/feed_fullsize/plain/${blob}`,
        previewUrl: `https://cdn.bsky.app/img/feed_thumbnail/plain/${blob}`,
        width: 889,
        height: 889,
      },
    ]);
    expect(item.hashtags).toEqual(['talesatwonderworld', 'balanwonderworldoc']);
    expect(item.lang).toBe('es');
  });

  it('merges facet tags, record tags and #words of the text, deduplicated and lower-cased', () => {
    const facets = [
      { features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'Débat' }], index: { byteStart: 0, byteEnd: 7 } },
    ];
    const item = norm('jetstream', frame({ text: '#Débat et #Mairie', facets, tags: ['Conseil', 'débat'] }));
    expect(item.hashtags).toEqual(['débat', 'conseil', 'mairie']);
  });

  it('keeps a quoted post as context and flags replies', () => {
    const embed = { $type: 'app.bsky.embed.record', record: { uri: `at://${DID}/app.bsky.feed.post/3xyz`, cid: 'c' } };
    const reply = {
      root: { uri: 'at://x/app.bsky.feed.post/1', cid: 'c' },
      parent: { uri: 'at://x/app.bsky.feed.post/1', cid: 'c' },
    };
    const item = norm('jetstream', frame({ embed, reply }));
    expect(item.context).toEqual({ kind: 'quote', url: `https://bsky.app/profile/${DID}/post/3xyz` });
    expect(item.flags).toEqual(['reply', 'quote']);
  });

  it('reads images next to a quote (recordWithMedia) and legacy blobs', () => {
    const embed = {
      $type: 'app.bsky.embed.recordWithMedia',
      record: { record: { uri: `at://${DID}/app.bsky.feed.post/3q`, cid: 'c' } },
      media: {
        $type: 'app.bsky.embed.images',
        images: [{ alt: 'Plan', image: { cid: 'bafkold', mimeType: 'image/png' } }],
      },
    };
    const item = norm('jetstream', frame({ embed }));
    expect(item.media).toEqual([
      {
        type: 'image',
        url: `https://cdn.bsky.app/img/feed_fullsize/plain/${DID}/bafkold@jpeg`,
        previewUrl: `https://cdn.bsky.app/img/feed_thumbnail/plain/${DID}/bafkold@jpeg`,
        alt: 'Plan',
      },
    ]);
    expect(item.flags).toEqual(['quote']);
  });

  it('builds media URLs on the configured CDNs (meta.cdnUrl, meta.videoUrl)', () => {
    const images = fixtureJson('bluesky/jetstream-post-with-images-and-tags.json');
    const meta = { cdnUrl: 'http://127.0.0.1:8080/', videoUrl: 'http://127.0.0.1:8081' };
    expect(norm('jetstream', images, meta).media[0]?.url).toMatch(
      /^http:\/\/127\.0\.0\.1:8080\/img\/feed_fullsize\/plain\//,
    );
    const video = { $type: 'app.bsky.embed.video', video: { ref: { $link: 'bafkvid' } }, alt: 'Clip' };
    expect(norm('jetstream', frame({ embed: video }), meta).media).toEqual([
      {
        type: 'video',
        url: `http://127.0.0.1:8081/watch/${DID}/bafkvid/playlist.m3u8`,
        previewUrl: `http://127.0.0.1:8081/watch/${DID}/bafkvid/thumbnail.jpg`,
        alt: 'Clip',
      },
    ]);
  });

  it('fills the context from meta.posts: the quoted post, or else the parent of a reply', () => {
    const quoted = `at://${DID}/app.bsky.feed.post/3xyz`;
    const parent = 'at://did:plc:parent/app.bsky.feed.post/3par';
    const posts = {
      [quoted]: {
        author: { handle: 'q.example.org', displayName: 'Quoted', avatar: 'https://cdn.example/a.jpg' },
        text: 'Q',
      },
      [parent]: { author: { handle: 'p.example.org' }, text: 'Parent text' },
    };
    const embed = { $type: 'app.bsky.embed.record', record: { uri: quoted, cid: 'c' } };
    const reply = { root: { uri: parent, cid: 'c' }, parent: { uri: parent, cid: 'c' } };
    const proxied = normalize(
      { format: 'jetstream', payload: frame({ embed, reply }), meta: { posts } },
      { ...ctx, proxyImage: (url) => `/media/sig/${encodeURIComponent(url)}` },
    );
    expect(proxied.context).toEqual({
      kind: 'quote',
      url: `https://bsky.app/profile/${DID}/post/3xyz`,
      text: 'Q',
      author: {
        name: 'Quoted',
        handle: 'q.example.org',
        profileUrl: 'https://bsky.app/profile/q.example.org',
        avatarUrl: 'https://cdn.example/a.jpg',
      },
    });
    // Kept as the outside URL, like the item's own avatar: the store presents both through the media proxy.
    expect(norm('jetstream', frame({ embed }), { posts }).context?.author?.avatarUrl).toBe('https://cdn.example/a.jpg');
    expect(norm('jetstream', frame({ reply }), { posts }).context).toEqual({
      kind: 'reply',
      url: 'https://bsky.app/profile/did:plc:parent/post/3par',
      text: 'Parent text',
      author: { name: 'p.example.org', handle: 'p.example.org', profileUrl: 'https://bsky.app/profile/p.example.org' },
    });
    expect(norm('jetstream', frame({ reply })).context).toEqual({
      kind: 'reply',
      url: 'https://bsky.app/profile/did:plc:parent/post/3par',
    });
  });

  it('reads an edit (update) as the post it now is', () => {
    const item = norm('jetstream', frame({ text: 'Corrigé #Débat' }, { operation: 'update' }));
    expect(item).toMatchObject({ sourceId: `at://${DID}/app.bsky.feed.post/3abc`, text: 'Corrigé #Débat' });
  });

  it('summarizes a record for the source: hashtags and the context to look up', () => {
    const quoted = `at://${DID}/app.bsky.feed.post/3xyz`;
    const embed = { $type: 'app.bsky.embed.record', record: { uri: quoted, cid: 'c' } };
    expect(summarizeJetstreamPost({ text: '#Économie et #TownHallDebate', tags: ['Budget'], embed })).toEqual({
      hashtags: ['budget', 'économie', 'townhalldebate'],
      contextUri: quoted,
    });
    expect(summarizeJetstreamPost({ text: 42 })).toBeNull();
  });

  it('ignores deletes, other collections and non-commit frames', () => {
    expect(ignored(() => norm('jetstream', fixtureJson('bluesky/jetstream-post-delete.json'))).why).toBe('post delete');
    expect(ignored(() => norm('jetstream', fixtureJson('bluesky/jetstream-identity.json'))).why).toBe('identity event');
    expect(ignored(() => norm('jetstream', fixtureJson('bluesky/jetstream-account.json'))).why).toBe('account event');
    expect(ignored(() => norm('jetstream', frame({}, { collection: 'app.bsky.feed.like' }))).why).toBe(
      'app.bsky.feed.like record',
    );
    expect(ignored(() => norm('jetstream', { did: DID, time_us: 1, kind: 'identity', identity: {} })).why).toBe(
      'identity event',
    );
  });

  it('names the missing field', () => {
    expect(malformed(() => norm('jetstream', frame({ text: undefined }))).message).toMatch(
      /^jetstream: commit\.record\.text: /,
    );
    expect(malformed(() => norm('jetstream', { kind: 'commit' })).message).toMatch(/^jetstream: did: /);
  });
});
