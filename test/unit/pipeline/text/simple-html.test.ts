import { describe, expect, it } from 'vitest';
import { sanitizeSourceHtml, sanitizeWithLibrary } from '../../../../server/pipeline/text/html-policy.js';
import { htmlToPlainText, htmlToPlainTextWithLibrary } from '../../../../server/pipeline/text/html-to-plain.js';
import { readSimpleHtml, simpleHtmlToText } from '../../../../server/pipeline/text/simple-html.js';

/** mulberry32: the same documents on every run, so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'Bonjour',
  'débat',
  '#TownHall',
  '@ana',
  '🌍',
  'a&amp;b',
  '&lt;b&gt;',
  '&#39;quoted&#39;',
  '&quot;x&quot;',
  '"raw"',
  "l'été",
  'x&nbsp;y',
  'AT&T',
  '1 > 0',
  'é\u0301',
  'tab\there',
  'zero\u200bwidth',
  'nb\u00a0sp',
  'cr\r\nlf',
  'nul\u0000',
  '&#60;script&#62;',
];
const SPACES = ['', ' ', '  ', '\n', ' \n ', '\t', '\f '];
const HREFS = [
  'https://mastodon.social/tags/townhall',
  'http://localhost:3000/@ana',
  'javascript:alert(1)',
  '/tags/relative',
  '//evil.example/x',
  'https://example.org/a b',
  'HTTPS://EXAMPLE.ORG',
];
const CLASSES = [
  'mention hashtag',
  'u-url mention',
  'h-card',
  'invisible',
  'ellipsis',
  '',
  'hashtag  mention',
  'mention mention',
];

/** Documents shaped like Mastodon's markup, with every kind of deviation from it mixed in. */
function documentFrom(next: () => number): string {
  // Half the documents stay within the fast path's grammar (the first entries of each list), half stray from it.
  const strict = next() < 0.5;
  const pick = <T>(list: readonly T[], within = list.length): T =>
    list[Math.floor(next() * (strict ? within : list.length))]!;
  const inline = (depth: number): string => {
    let out = '';
    const parts = 1 + Math.floor(next() * 4);
    for (let i = 0; i < parts; i++) {
      const roll = next();
      if (roll < 0.45) out += pick(SPACES) + pick(WORDS, 11) + pick(SPACES);
      else if (roll < 0.6) out += pick(['<br>', '<br />', '<br/>', '</br>', '<br class="x">'], 3);
      else if (roll < 0.75 && depth < 3) out += `<span${classAttr()}>${inline(depth + 1)}</span>`;
      else if (roll < 0.92 && depth < 3) out += `<a${linkAttrs()}>${inline(depth + 1)}</a>`;
      else if (!strict)
        out += pick(['<b>bold</b>', '<img src="x">', '<!-- c -->', '<P>up</P>', '</span>', '<em>', '<a>bare</a>']);
    }
    return out;
  };
  const classAttr = () => (next() < 0.5 ? '' : ` class="${pick(CLASSES, 6)}"`);
  const linkAttrs = () => {
    const attrs = [`href="${pick(HREFS, 2)}"`];
    if (next() < 0.6) attrs.push(`class="${pick(CLASSES, 6)}"`);
    if (next() < 0.5) attrs.push(`rel="${pick(['tag', 'nofollow noopener noreferrer'])}"`);
    if (next() < 0.4) attrs.push('target="_blank"');
    if (next() < 0.2) attrs.push('translate="no"');
    if (!strict && next() < 0.1) attrs.push('title="t"');
    if (!strict && next() < 0.1) attrs.push('href="https://twice.example"');
    return ` ${attrs.sort(() => next() - 0.5).join(' ')}`;
  };
  let html = '';
  const blocks = 1 + Math.floor(next() * 3);
  const paragraphs = next() < 0.7;
  for (let i = 0; i < blocks; i++) {
    html += paragraphs ? `<p>${inline(0)}</p>` : inline(0);
    if (next() < 0.2) html += pick(SPACES, 4);
  }
  return !strict && next() < 0.1 ? html.slice(0, Math.floor(next() * html.length)) : html;
}

const DOCUMENTS = Array.from({ length: 4000 }, (_, i) => documentFrom(random(i + 1)));

describe('the fast path for simple HTML', () => {
  it('sanitizes exactly as sanitize-html does, with and without emoji images', () => {
    for (const html of DOCUMENTS) {
      expect(sanitizeSourceHtml(html), html).toBe(sanitizeWithLibrary(html));
      expect(sanitizeSourceHtml(html, { emojiImages: true }), html).toBe(
        sanitizeWithLibrary(html, { emojiImages: true }),
      );
    }
  });

  it('gives exactly the plain text html-to-text gives', () => {
    for (const html of DOCUMENTS) expect(htmlToPlainText(html), html).toBe(htmlToPlainTextWithLibrary(html));
  });

  it('takes most Mastodon-shaped documents, and none with foreign markup', () => {
    const simple = DOCUMENTS.filter((html) => readSimpleHtml(html) !== null);
    const asText = simple.filter((html) => simpleHtmlToText(readSimpleHtml(html)!) !== null);
    // Not a vacuous comparison: a good share of the documents above really went the fast way.
    expect(simple.length).toBeGreaterThan(DOCUMENTS.length * 0.2);
    expect(asText.length).toBeGreaterThan(DOCUMENTS.length * 0.1);
    for (const html of [
      '<p>a<script>x</script></p>',
      '<p>a<img src="x"></p>',
      '<p>a</p><!-- b -->',
      '<p>a &nbsp; b</p>',
    ]) {
      expect(readSimpleHtml(html)).toBeNull();
    }
    expect(
      readSimpleHtml('<p><a href="https://m.example/tags/a" class="mention hashtag" rel="tag">#<span>a</span></a></p>'),
    ).not.toBeNull();
  });
});
