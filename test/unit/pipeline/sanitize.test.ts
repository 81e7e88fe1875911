import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_LENGTH, sanitize } from '../../../server/pipeline/sanitize.js';
import type { NormalizedItem } from '../../../server/pipeline/types.js';
import { fixtureJson, norm } from './helpers.js';

const REL = 'rel="nofollow noopener noreferrer" target="_blank"';

function item(overrides: Partial<NormalizedItem>): NormalizedItem {
  return {
    source: 'x',
    sourceId: '1',
    url: 'https://x.com/a/status/1',
    author: { name: 'Ana', handle: '@ana' },
    authorKey: 'x:1',
    contact: null,
    text: 'Bonjour',
    html: null,
    links: { hashtag: 'https://x.com/hashtag/{tag}', mention: 'https://x.com/{handle}' },
    media: [],
    lang: 'fr',
    context: null,
    flags: [],
    hashtags: [],
    createdAt: 0,
    ...overrides,
  };
}

describe('sanitize', () => {
  it('builds linked HTML from plain text', () => {
    const out = sanitize(item({ text: 'Le #débat avec @ana_demo : https://example.org/p\nMerci' }));
    expect(out.html).toBe(
      `Le <a href="https://x.com/hashtag/d%C3%A9bat" class="hashtag" ${REL}>#débat</a> avec ` +
        `<a href="https://x.com/ana_demo" class="mention" ${REL}>@ana_demo</a> : ` +
        `<a href="https://example.org/p" ${REL}>https://example.org/p</a><br>Merci`,
    );
  });

  it('escapes HTML written in a plain-text post', () => {
    const out = sanitize(item({ text: '<img src=x onerror=alert(1)> <script>alert(1)</script>' }));
    expect(out.html).toBe('&lt;img src=x onerror=alert(1)&gt; &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out.text).toBe('<img src=x onerror=alert(1)> <script>alert(1)</script>');
  });

  it('runs source HTML through the allow-list and keeps its text', () => {
    const status = { ...(fixtureJson('mastodon/status-hashtag-stream-update.json') as object) };
    const hostile = {
      ...status,
      content:
        '<p>Salut <script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">ici</a></p>',
    };
    const out = sanitize(norm('mastodon', hostile));
    expect(out.html).toBe(`<p>Salut <a ${REL}>ici</a></p>`);
    expect(out.text).toBe('Salut ici');
  });

  it('caps text on a word boundary and rebuilds HTML from the capped text', () => {
    const status = fixtureJson('mastodon/status-hashtag-stream-update.json') as object;
    const long = `<p>${'mot '.repeat(30)}<a href="https://example.org/tags/fin" class="hashtag">#fin</a></p>`;
    const out = sanitize(norm('mastodon', { ...status, content: long }), { maxLength: 50 });
    expect(out.text).toBe(`${'mot '.repeat(12).trimEnd()}…`);
    expect(out.text.length).toBeLessThanOrEqual(50);
    expect(out.html).toBe(out.text);
  });

  it('caps at 2000 characters by default', () => {
    const out = sanitize(item({ text: 'mot '.repeat(1000) }));
    expect(DEFAULT_MAX_LENGTH).toBe(2000);
    expect(out.text.length).toBeLessThanOrEqual(2000);
    expect(out.text.endsWith('mot…')).toBe(true);
  });

  it('redacts phones and emails in SMS and web text, before linking', () => {
    const sms = sanitize(
      item({
        source: 'sms',
        links: { hashtag: null, mention: null },
        text: 'Nom: rappel au 06 39 98 12 34 ou a.b@example.org #vélo',
      }),
    );
    expect(sms.text).toBe('Nom: rappel au ••• ou ••• #vélo');
    expect(sms.html).toBe('Nom: rappel au ••• ou ••• <span class="hashtag">#vélo</span>');
    const web = sanitize(
      item({ source: 'web', text: 'Contact: +44 7700 900123', author: { name: 'zoe@example.org' } }),
    );
    expect(web.text).toBe('Contact: •••');
    expect(web.author.name).toBe('•••');
    const email = sanitize(item({ source: 'email', text: 'Mon fixe : 01 23 45 67 89' }));
    expect(email.text).toBe('Mon fixe : •••');
  });

  it('does not redact public posts (Mastodon, X)', () => {
    const status = fixtureJson('mastodon/status-hashtag-stream-update.json') as object;
    const out = sanitize(
      norm('mastodon', { ...status, content: '<p>Standard : 06 39 98 12 34, accueil@mairie.example.org</p>' }),
    );
    expect(out.text).toBe('Standard : 06 39 98 12 34, accueil@mairie.example.org');
    expect(out.html).toContain('06 39 98 12 34');
    expect(sanitize(item({ text: 'Appelez le 06 39 98 12 34' })).text).toBe('Appelez le 06 39 98 12 34');
  });

  it('strips invisible characters and collapses blank lines', () => {
    const out = sanitize(item({ text: '  a\u202E\u200Bb\n\n\n\n\nc  ' }));
    expect(out.text).toBe('ab\n\nc');
    expect(out.html).toBe('ab<br><br>c');
  });

  it('keeps only http(s) URLs on the item, author and media', () => {
    const out = sanitize(
      item({
        url: 'javascript:alert(1)',
        author: { name: 'A\u202Eb', avatarUrl: 'data:image/png;base64,AAAA', profileUrl: 'https://x.com/a' },
        media: [
          { type: 'image', url: 'javascript:alert(1)' },
          { type: 'video', url: 'https://v.example.org/v.mp4', previewUrl: 'data:x', alt: ' Salle\u0000 ' },
        ],
        context: { kind: 'quote', url: 'vbscript:x', text: 'cité\u200B', author: { name: 'B' } },
      }),
    );
    expect(out.url).toBeNull();
    expect(out.author).toEqual({ name: 'Ab', profileUrl: 'https://x.com/a' });
    expect(out.media).toEqual([{ type: 'video', url: 'https://v.example.org/v.mp4', alt: 'Salle' }]);
    expect(out.context).toEqual({ kind: 'quote', text: 'cité', author: { name: 'B' } });
  });

  it('does not change its input', () => {
    const input = item({ text: ' a ' });
    sanitize(input);
    expect(input.text).toBe(' a ');
  });
});

describe('sanitize: Mastodon custom emoji', () => {
  const status = fixtureJson('mastodon/status-hashtag-stream-update.json') as object;
  const emoji = '<img src="/media/c2ln/aHR0cHM6Ly9mLmV4YW1wbGUub3JnL2UucG5n" alt=":blobcat:" class="emoji">';

  it('keeps the emoji images the normalizer made, and no other image', () => {
    const content =
      `<p>Bravo ${emoji}` +
      '<img src="https://tracker.example.org/pixel.gif" alt=":ok:" class="emoji">' +
      '<img src="/media/uploads/0000.png" alt=":ok:" class="emoji">' +
      '<img src="/media/a/b?x=1" alt=":ok:" class="emoji">' +
      '<img src="/media/a/b" alt="not a shortcode" class="emoji">' +
      '<img src="/media/a/b" alt=":ok:" class="large">' +
      '<img src="/media/a/b" alt=":ok:" class="emoji large">' +
      '<img src="/media/a/b" alt=":ok:"></p>';
    expect(sanitize(norm('mastodon', { ...status, content })).html).toBe(
      '<p>Bravo <img src="/media/c2ln/aHR0cHM6Ly9mLmV4YW1wbGUub3JnL2UucG5n" alt=":blobcat:" class="emoji" /></p>',
    );
  });

  it('strips everything but src, alt and class from an emoji image', () => {
    const content = '<p><img src="/media/a/b" alt=":ok:" class="emoji" onerror="alert(1)" width="900"></p>';
    expect(sanitize(norm('mastodon', { ...status, content })).html).toBe(
      '<p><img src="/media/a/b" alt=":ok:" class="emoji" /></p>',
    );
  });

  it('drops every image from other sources, emoji-looking or not', () => {
    const out = sanitize(item({ source: 'email', text: 'Bonjour', html: `<p>Bonjour ${emoji}</p>` }));
    expect(out.html).toBe('<p>Bonjour </p>');
  });
});
