import { describe, expect, it } from 'vitest';
import { find } from 'linkifyjs';
import { HASHTAG, MENTION } from '../../../../server/pipeline/text/patterns.js';
import { httpUrls, isHttpUrl, textToHtml, tokensIn } from '../../../../server/pipeline/text/to-html.js';
import { generatedTexts } from './generated.js';

const X_LINKS = { hashtag: 'https://x.com/hashtag/{tag}', mention: 'https://x.com/{handle}' };
const NO_LINKS = { hashtag: null, mention: null };
const REL = 'rel="nofollow noopener noreferrer" target="_blank"';

describe('textToHtml', () => {
  it('escapes everything', () => {
    expect(textToHtml(`<b>"a" & 'b'</b>`, NO_LINKS)).toBe('&lt;b&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/b&gt;');
  });

  it('links accented hashtags through the template, URL-encoded', () => {
    expect(textToHtml('Le #débat continue', X_LINKS)).toBe(
      `Le <a href="https://x.com/hashtag/d%C3%A9bat" class="hashtag" ${REL}>#débat</a> continue`,
    );
  });

  it('links mentions, not email addresses', () => {
    expect(textToHtml('merci @lea_demo, écrire à a@b.example.org', X_LINKS)).toBe(
      `merci <a href="https://x.com/lea_demo" class="mention" ${REL}>@lea_demo</a>, écrire à a@b.example.org`,
    );
  });

  it('styles hashtags and mentions as spans without a template', () => {
    expect(textToHtml('#Québec2026 @alice.example.org.', NO_LINKS)).toBe(
      '<span class="hashtag">#Québec2026</span> <span class="mention">@alice.example.org</span>.',
    );
  });

  it('links http(s) URLs with rel and target, leaving their # and @ alone', () => {
    const html = textToHtml(
      'Voir https://example.org/a?x=1&y=2#frag, puis www.example.org 😀 http://b.example.org/@u.',
      X_LINKS,
    );
    expect(html).toBe(
      `Voir <a href="https://example.org/a?x=1&amp;y=2#frag" ${REL}>https://example.org/a?x=1&amp;y=2#frag</a>, ` +
        `puis www.example.org 😀 <a href="http://b.example.org/@u" ${REL}>http://b.example.org/@u</a>.`,
    );
  });

  it('never links other schemes', () => {
    const html = textToHtml('javascript:alert(1) ftp://example.org data:text/html,<script>', X_LINKS);
    expect(html).not.toContain('<a');
    expect(html).not.toContain('<script');
  });

  it('turns newlines into <br>', () => {
    expect(textToHtml('a\n\nb', NO_LINKS)).toBe('a<br><br>b');
  });
});

describe('httpUrls', () => {
  it('finds exactly the http(s) URLs linkify finds in the whole text', () => {
    const pieces = [
      'https://example.org/a?x=1&y=2#frag',
      'http://b.example.org/@u.',
      '(https://paren.example/x)',
      '"https://quoted.example"',
      'xhttps://glued.example',
      'https://evil.example"></iframe><style>',
      'www.example.org',
      'mailto:a@b.example',
      'HTTPS://UPPER.EXAMPLE/Path',
      'https://',
      'https://ex ample.org',
      'https://😀.example/é',
      'ftp://files.example',
      'débat',
      '#TownHall',
      '@ana',
      '.',
      ',',
    ];
    const spaces = [' ', '\n', '\u00a0', '\t', ' \u2003 ', ''];
    for (const text of generatedTexts(pieces, { seed: 7, count: 3000, maxPieces: 6, separators: spaces })) {
      const whole = find(text, 'url').flatMap((url) => (isHttpUrl(url.value) ? [url.value] : []));
      expect(httpUrls(text), JSON.stringify(text)).toEqual(whole);
    }
  });
});

describe('tokensIn', () => {
  it('finds the hashtags and mentions a global scan finds', () => {
    const everywhere = new RegExp(`${HASHTAG.source}|${MENTION.source}`, 'gu');
    const pieces = [
      '#',
      '@',
      '#a',
      '@ana',
      '@a@b.example',
      'a@b.example.org',
      'C#',
      '/#x',
      '.@x',
      '#1',
      'é',
      ' ',
      '😀',
      '_',
      '-',
    ];
    for (const text of generatedTexts(pieces, { seed: 3, count: 5000, maxPieces: 8 })) {
      const expected = Array.from(text.matchAll(everywhere), (m) => [m.index, ...m]);
      expect(
        Array.from(tokensIn(text), (m) => [m.index, ...m]),
        JSON.stringify(text),
      ).toEqual(expected);
    }
  });
});
