import { describe, expect, it } from 'vitest';
import { sanitizeSourceHtml } from '../../../../server/pipeline/text/html-policy.js';
import { htmlToPlainText } from '../../../../server/pipeline/text/html-to-plain.js';

const REL = 'rel="nofollow noopener noreferrer" target="_blank"';

/**
 * Markup shaped like Mastodon's, with the deviations a status can carry: entities, odd whitespace and characters,
 * every way of writing `<br>`, links a wall must not follow, classes outside the list, broken nesting, a cut
 * document. Each with the HTML a wall receives and the plain text fitting, search and the blocklist read.
 */
const CASES: { name: string; html: string; sanitized: string; plain: string }[] = [
  {
    name: 'a hashtag link',
    html: '<p>Bonjour <a href="https://mastodon.social/tags/townhall" class="mention hashtag" rel="tag">#<span>TownHall</span></a></p>',
    sanitized: `<p>Bonjour <a href="https://mastodon.social/tags/townhall" class="mention hashtag" ${REL}>#<span>TownHall</span></a></p>`,
    plain: 'Bonjour #TownHall',
  },
  {
    name: 'a mention in an h-card, classes outside the list dropped',
    html: '<p><span class="h-card" translate="no"><a href="http://localhost:3000/@ana" class="u-url mention">@<span>ana</span></a></span> merci</p>',
    sanitized: `<p><span><a href="http://localhost:3000/@ana" class="mention" ${REL}>@<span>ana</span></a></span> merci</p>`,
    plain: '@ana merci',
  },
  {
    name: 'paragraphs and every spelling of a line break',
    html: '<p>Un</p><p>Deux<br>trois<br />quatre<br/>cinq</p>',
    sanitized: '<p>Un</p><p>Deux<br />trois<br />quatre<br />cinq</p>',
    plain: 'Un\n\nDeux\ntrois\nquatre\ncinq',
  },
  {
    name: 'a closing and a classed line break',
    html: '<p>a</br>b<br class="x">c</p>',
    sanitized: '<p>a<br />b<br />c</p>',
    plain: 'a\nb\nc',
  },
  {
    name: 'two line breaks in a row',
    html: '<p>a<br><br>b</p>',
    sanitized: '<p>a<br /><br />b</p>',
    plain: 'a\n\nb',
  },
  {
    name: 'the basic entities and raw quotes',
    html: '<p>a&amp;b &lt;b&gt; &#39;x&#39; &quot;y&quot; "raw" l\'été</p>',
    sanitized: '<p>a&amp;b &lt;b&gt; \'x\' "y" "raw" l\'été</p>',
    plain: 'a&b <b> \'x\' "y" "raw" l\'été',
  },
  {
    name: 'a bare ampersand, a named space, a greater-than sign',
    html: '<p>AT&T x&nbsp;y 1 > 0</p>',
    sanitized: '<p>AT&amp;T x\u00a0y 1 &gt; 0</p>',
    plain: 'AT&T x\u00a0y 1 > 0',
  },
  {
    name: 'markup written as numeric entities stays text',
    html: '<p>&#60;script&#62;alert(1)&#60;/script&#62;</p>',
    sanitized: '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>',
    plain: '<script>alert(1)</script>',
  },
  {
    name: 'spaces, tabs and newlines',
    html: '<p>  espaces\n\tet   tabulations  </p>',
    sanitized: '<p>  espaces\n\tet   tabulations  </p>',
    plain: 'espaces et tabulations',
  },
  {
    name: 'carriage return, NUL, zero-width and no-break spaces (NUL is cleaned later, in sanitize)',
    html: '<p>cr\r\nlf nul\u0000 zero\u200bwidth nb\u00a0sp</p>',
    sanitized: '<p>cr\r\nlf nul\u0000 zero\u200bwidth nb\u00a0sp</p>',
    plain: 'cr lf nul\u0000 zero width nb\u00a0sp',
  },
  {
    name: 'a combining accent and an emoji',
    html: '<p>e\u0301\u0301 🌍</p>',
    sanitized: '<p>e\u0301\u0301 🌍</p>',
    plain: 'e\u0301\u0301 🌍',
  },
  {
    name: 'text without paragraphs',
    html: 'texte libre<br>sans paragraphe',
    sanitized: 'texte libre<br />sans paragraphe',
    plain: 'texte libre\nsans paragraphe',
  },
  {
    name: 'loose text around a paragraph',
    html: 'avant<p>dedans</p>après',
    sanitized: 'avant<p>dedans</p>après',
    plain: 'avant\n\ndedans\n\naprès',
  },
  {
    name: 'empty paragraphs',
    html: '<p></p><p>seul</p><p> </p>',
    sanitized: '<p></p><p>seul</p><p> </p>',
    plain: 'seul',
  },
  {
    name: 'links to javascript:, to a relative path, protocol-relative',
    html: '<a href="javascript:alert(1)">js</a> <a href="/tags/relative">rel</a> <a href="//evil.example/x">pr</a>',
    sanitized: `<a ${REL}>js</a> <a href="/tags/relative" ${REL}>rel</a> <a ${REL}>pr</a>`,
    plain: 'js rel pr',
  },
  {
    name: 'a link with a space, a link in capitals',
    html: '<a href="https://example.org/a b">espace</a> <a href="HTTPS://EXAMPLE.ORG">majuscules</a>',
    sanitized: `<a href="https://example.org/a b" ${REL}>espace</a> <a href="HTTPS://EXAMPLE.ORG" ${REL}>majuscules</a>`,
    plain: 'espace majuscules',
  },
  {
    name: 'a link with a title and two hrefs, a link without one',
    html: '<a href="https://a.example" title="t" href="https://twice.example">deux href</a> <a>sans href</a>',
    sanitized: `<a href="https://a.example" ${REL}>deux href</a> <a ${REL}>sans href</a>`,
    plain: 'deux href sans href',
  },
  {
    name: "a shortened URL's spans, classes with doubled spaces",
    html: '<span class="invisible">https://</span><span class="ellipsis">exemple.org/lo</span><span class="hashtag  mention mention">x</span>',
    sanitized:
      '<span class="invisible">https://</span><span class="ellipsis">exemple.org/lo</span><span class="hashtag mention mention">x</span>',
    plain: 'https://exemple.org/lox',
  },
  {
    name: 'formatting kept, an image and a comment dropped, a paragraph in capitals',
    html: '<p><b>gras</b> <img src="x"><!-- c --> <em>ital</em></p><P>Majuscule</P>',
    sanitized: '<p><b>gras</b>  <em>ital</em></p><p>Majuscule</p>',
    plain: 'gras ital\n\nMajuscule',
  },
  {
    name: 'a stray closing tag, an unclosed one',
    html: '<p>fin</span> orpheline</p><p>un <em>ouvert</p>',
    sanitized: '<p>fin orpheline</p><p>un <em>ouvert</em></p>',
    plain: 'fin orpheline\n\nun ouvert',
  },
  {
    name: 'a link in a link, a paragraph in a paragraph',
    html: '<p><a href="https://a.example"><a href="https://b.example">imbriqué</a></a></p><p>un <p>dans un autre</p></p>',
    sanitized: `<p><a href="https://a.example" ${REL}><a href="https://b.example" ${REL}>imbriqué</a></a></p><p>un </p><p>dans un autre</p><p></p>`,
    plain: 'imbriqué\n\nun\n\ndans un autre',
  },
  {
    name: 'a document cut inside a tag',
    html: '<p>tronqué <a href="https://example.org" class="mention',
    sanitized: '<p>tronqué </p>',
    plain: 'tronqué',
  },
];

describe('Mastodon-shaped markup through the one HTML path', () => {
  it.each(CASES)('$name: the HTML a wall receives', ({ html, sanitized }) => {
    expect(sanitizeSourceHtml(html)).toBe(sanitized);
    // Emoji images are the only difference that option makes: none of these holds one.
    expect(sanitizeSourceHtml(html, { emojiImages: true })).toBe(sanitized);
  });

  it.each(CASES)('$name: its plain text', ({ html, plain }) => {
    expect(htmlToPlainText(html)).toBe(plain);
  });
});
