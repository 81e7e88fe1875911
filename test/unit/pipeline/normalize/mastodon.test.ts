import { describe, expect, it } from 'vitest';
import { normalize } from '../../../../server/pipeline/normalize/index.js';
import { ctx, fixtureJson, ignored, malformed, norm } from '../helpers.js';

type Status = Record<string, unknown>;

const hashtagUpdate = fixtureJson('mastodon/status-hashtag-stream-update.json') as Status;

/** The same status as another instance relays it: its own local id and url, the origin's uri. */
function viaOtherInstance(status: Status): Status {
  return {
    ...status,
    id: '110000000000000001',
    url: 'https://other.example.org/@trwnh@mastodon.social/110000000000000001',
  };
}

describe('normalize mastodon', () => {
  it('reads a hashtag stream update', () => {
    const item = norm('mastodon', hashtagUpdate, { instance: 'https://mastodon.social' });
    expect(item).toMatchObject({
      source: 'mastodon',
      sourceId: 'https://mastodon.social/users/trwnh/statuses/108914430312582020',
      url: 'https://mastodon.social/@trwnh/108914430312582020',
      author: {
        name: 'infinite love ⴳ',
        handle: '@trwnh@mastodon.social',
        profileUrl: 'https://mastodon.social/@trwnh',
        avatarUrl: 'https://files.mastodon.social/accounts/avatars/000/014/715/original/e430cc93d56f5ac2.png',
      },
      authorKey: 'mastodon:https://mastodon.social/@trwnh',
      text: '#test',
      links: { hashtag: null, mention: null },
      hashtags: ['test'],
      lang: 'en',
      flags: [],
      createdAt: Date.parse('2022-08-30T23:31:58.006Z'),
    });
    expect(item.html).toContain('class="mention hashtag"');
  });

  it('gives one sourceId and authorKey to a status read through two instances', () => {
    const a = norm('mastodon', hashtagUpdate, { instance: 'https://mastodon.social' });
    const b = norm('mastodon', viaOtherInstance(hashtagUpdate), { instance: 'https://other.example.org' });
    expect(b.sourceId).toBe(a.sourceId);
    expect(b.authorKey).toBe(a.authorKey);
    expect(b.url).not.toBe(a.url);
  });

  it('uses the uri, not the local id, of an edited remote status; lower-cases tags', () => {
    const item = norm('mastodon', fixtureJson('mastodon/status-edited-status-update.json'));
    expect(item.sourceId).toBe('https://ruby.social/users/chrismo/statuses/109348684454557541');
    expect(item.author.handle).toBe('@chrismo@ruby.social');
    expect(item.hashtags).toEqual(['musictuesday', 'piano', 'neoclassical', 'jazz']);
  });

  it('turns content into plain text: paragraphs, link text only, no [url] suffix', () => {
    const item = norm('mastodon', fixtureJson('mastodon/status-edited-status-update.json'));
    expect(item.text).toBe(
      "#musicTuesday\n\nHere's a solo #piano track of mine called Gravity Assist\n\n#neoclassical (#jazz ish)\n\n" +
        'https://cstudios.bandcamp.com/track/celestia-gravity-assist-no-19-var-2',
    );
  });

  it('flags a reply and keeps the mention markup for sanitize', () => {
    const item = norm('mastodon', fixtureJson('mastodon/status-reply-with-mention.json'));
    expect(item.flags).toEqual(['reply']);
    expect(item.text).toBe('@disarray glad i was able to help');
    expect(item.lang).toBeNull();
    expect(item.author.handle).toBe('@freon@letsalllovela.in');
  });

  it('reads a sensitive video with its preview, description and size', () => {
    const item = norm('mastodon', fixtureJson('mastodon/status-sensitive-video.json'));
    expect(item.flags).toEqual(['sensitive']);
    expect(item.media).toEqual([
      {
        type: 'video',
        url: 'http://localhost:3000/system/media_attachments/files/117/020/575/776/246/986/original/eeff5cc9d35a00aa.mp4',
        previewUrl:
          'http://localhost:3000/system/media_attachments/thumbnails/117/020/575/776/246/986/original/fc13dbf5f7602144.jpg',
        alt: 'me when a cat',
        width: 640,
        height: 640,
      },
    ]);
    expect(item.author.handle).toBe('@mastodonpy_test@localhost');
  });

  it('folds a boost into the boosted status', () => {
    const booster = { ...(hashtagUpdate.account as Status), acct: 'booster', url: 'https://example.org/@booster' };
    const boost = {
      ...hashtagUpdate,
      uri: 'https://example.org/users/booster/statuses/9/activity',
      content: '',
      account: booster,
      reblog: hashtagUpdate,
    };
    const item = norm('mastodon', boost);
    expect(item.sourceId).toBe('https://mastodon.social/users/trwnh/statuses/108914430312582020');
    expect(item.authorKey).toBe('mastodon:https://mastodon.social/@trwnh');
    expect(item.text).toBe('#test');
  });

  it('keeps a content warning readable and flags it', () => {
    const item = norm('mastodon', { ...hashtagUpdate, spoiler_text: 'Budget <municipal>', sensitive: true });
    expect(item.flags).toEqual(['content-warning', 'sensitive']);
    expect(item.text).toBe('CW: Budget <municipal>\n\n#test');
    expect(item.html).toMatch(/^<p>CW: Budget &lt;municipal&gt;<\/p><p>/);
  });

  it('maps image and gifv attachments, skipping audio', () => {
    const attachment = (type: string, extra: Status = {}) => ({
      type,
      url: `https://files.example.org/${type}`,
      ...extra,
    });
    const item = norm('mastodon', {
      ...hashtagUpdate,
      media_attachments: [
        attachment('image', { description: 'Salle du conseil', meta: { original: { width: 800, height: 600 } } }),
        attachment('gifv', { preview_url: 'https://files.example.org/gif.png' }),
        attachment('audio'),
      ],
    });
    expect(item.media).toEqual([
      { type: 'image', url: 'https://files.example.org/image', alt: 'Salle du conseil', width: 800, height: 600 },
      { type: 'gif', url: 'https://files.example.org/gifv', previewUrl: 'https://files.example.org/gif.png' },
    ]);
  });

  it('keeps an accepted quote as context', () => {
    const quoted = {
      ...hashtagUpdate,
      uri: 'https://mastodon.social/users/trwnh/statuses/1',
      content: '<p>Original</p>',
    };
    const item = norm('mastodon', { ...hashtagUpdate, quote: { state: 'accepted', quoted_status: quoted } });
    expect(item.flags).toEqual(['quote']);
    expect(item.context).toMatchObject({
      kind: 'quote',
      text: 'Original',
      author: { handle: '@trwnh@mastodon.social' },
    });
  });

  it('unwraps a streaming update envelope and ignores other events', () => {
    const envelope = { stream: ['hashtag', 'test'], event: 'update', payload: JSON.stringify(hashtagUpdate) };
    expect(norm('mastodon', envelope).sourceId).toBe(hashtagUpdate.uri);
    expect(ignored(() => norm('mastodon', fixtureJson('mastodon/ws-delete-event.json'))).why).toBe('delete event');
  });

  it('ignores follower-only and direct statuses', () => {
    expect(ignored(() => norm('mastodon', { ...hashtagUpdate, visibility: 'private' })).why).toBe('private status');
    expect(ignored(() => norm('mastodon', { ...hashtagUpdate, visibility: 'direct' })).why).toBe('direct status');
  });

  it('names the missing field', () => {
    const { uri: _uri, ...withoutUri } = hashtagUpdate;
    expect(malformed(() => norm('mastodon', withoutUri)).message).toMatch(/^mastodon: uri: /);
    const noAccountUrl = { ...hashtagUpdate, account: { ...(hashtagUpdate.account as Status), url: undefined } };
    expect(malformed(() => norm('mastodon', noAccountUrl)).message).toMatch(/^mastodon: account\.url: /);
  });
});

describe('normalize mastodon: custom emoji', () => {
  const proxied: string[] = [];
  const withProxy = {
    ...ctx,
    proxyImage: (url: string) => {
      proxied.push(url);
      return `/media/sig/${Buffer.from(url).toString('base64url')}`;
    },
  };
  const blobcat = {
    shortcode: 'blobcat',
    url: 'https://files.example.org/emoji/blobcat.gif',
    static_url: 'https://files.example.org/emoji/blobcat.png',
    visible_in_picker: true,
  };
  const status = (content: string, emojis: unknown[], extra: Status = {}) => ({
    ...hashtagUpdate,
    content,
    emojis,
    ...extra,
  });

  it('turns a declared shortcode into a proxied image of its static version, in text only', () => {
    proxied.length = 0;
    const content =
      '<p>Bravo :blobcat: <a href="https://example.org/:blobcat:/">:blobcat:</a> :unknown: :blobcat:x</p>';
    const item = normalize({ format: 'mastodon', payload: status(content, [blobcat]) }, withProxy);
    const img = `<img src="/media/sig/${Buffer.from(blobcat.static_url).toString('base64url')}" alt=":blobcat:" class="emoji">`;
    expect(item.html).toBe(`<p>Bravo ${img} <a href="https://example.org/:blobcat:/">${img}</a> :unknown: ${img}x</p>`);
    expect(item.text).toBe('Bravo :blobcat: :blobcat: :unknown: :blobcat:x');
    expect(new Set(proxied)).toEqual(new Set([blobcat.static_url]));
  });

  it('shows emoji in a content warning too', () => {
    const item = normalize(
      { format: 'mastodon', payload: status('<p>Texte</p>', [blobcat], { spoiler_text: 'Attention :blobcat:' }) },
      withProxy,
    );
    expect(item.html).toMatch(/^<p>CW: Attention <img src="\/media\/sig\/[^"]+" alt=":blobcat:" class="emoji"><\/p>/);
  });

  it('leaves shortcodes as text without a proxy, or for an entry it cannot use', () => {
    const content = '<p>:blobcat: :bad: :js:</p>';
    expect(norm('mastodon', status(content, [blobcat])).html).toBe(content);
    const entries = [
      { shortcode: 'bad', url: null, static_url: null },
      { shortcode: 'js', url: 'javascript:alert(1)', static_url: 'javascript:alert(1)' },
      {
        shortcode: 'x"><script>',
        url: 'https://files.example.org/x.png',
        static_url: 'https://files.example.org/x.png',
      },
      'not an emoji',
    ];
    const item = normalize({ format: 'mastodon', payload: status(content, entries) }, withProxy);
    expect(item.html).toBe(content);
  });
});
