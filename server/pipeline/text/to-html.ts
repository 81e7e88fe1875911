/** Builds safe HTML from plain text: everything escaped, then URLs, hashtags and mentions linked. */
import { find } from 'linkifyjs';
import type { LinkTemplates } from '../types.js';
import { HASHTAG, MENTION } from './patterns.js';

/** Every link we emit opens outside the wall and passes no referrer or ranking credit. */
export const LINK_REL = 'nofollow noopener noreferrer';

/** A hashtag or a mention, tried at one position (sticky). */
const TOKEN_AT = new RegExp(`${HASHTAG.source}|${MENTION.source}`, 'uy');

/**
 * Every match of {@link HASHTAG} or {@link MENTION}, in order, as `matchAll` would give them: the pattern (a
 * lookbehind first) is tried only where a `#` or an `@` stands rather than at every position.
 */
export function* tokensIn(text: string): Generator<RegExpExecArray & { index: number }> {
  for (let at = nextMark(text, 0); at >= 0; at = nextMark(text, at + 1)) {
    TOKEN_AT.lastIndex = at;
    const match = TOKEN_AT.exec(text);
    if (!match) continue;
    yield match;
    at = TOKEN_AT.lastIndex - 1;
  }
}

function nextMark(text: string, from: number): number {
  const hash = text.indexOf('#', from);
  const at = text.indexOf('@', from);
  return hash < 0 ? at : at < 0 ? hash : Math.min(hash, at);
}
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes the five characters that matter in HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** True for an absolute http(s) URL: the only kind we ever put in an `href` or show as media. */
export function isHttpUrl(url: string): boolean {
  return /^https?:\/\/[^\s/]/i.test(url);
}

/**
 * `text` as HTML safe for `innerHTML`: only `<a>`, `<span class="hashtag|mention">` and `<br>` are produced.
 * URLs are linked only when written with `http://` or `https://` (a bare `example.org` stays text). Hashtags and
 * mentions link through `links` when it has a template, and become styled spans otherwise.
 */
export function textToHtml(text: string, links: LinkTemplates): string {
  let html = '';
  let cursor = 0;
  for (const url of httpUrls(text)) {
    // Locate by value rather than trusting linkify offsets, so astral characters can never shift a cut.
    const start = text.indexOf(url, cursor);
    if (start < 0) continue;
    html += linkTokens(text.slice(cursor, start), links) + anchor(url, escapeHtml(url));
    cursor = start + url.length;
  }
  html += linkTokens(text.slice(cursor), links);
  return html.replace(/\n/g, '<br>');
}

const SCHEME = /https?:\/\//gi;
const SPACE = /\s/;

/**
 * The http(s) URLs linkify finds in `text`, in order. linkify is the costly part (about 0.5 µs a character), and
 * none of its tokens spans whitespace (its own `\s`), so only the stretch without whitespace around each scheme
 * is handed to it: the same URLs as from the whole text, without scanning the rest.
 */
export function httpUrls(text: string): string[] {
  const urls: string[] = [];
  let scanned = 0;
  for (const { index } of text.matchAll(SCHEME)) {
    if (index < scanned) continue; // in the stretch just scanned
    let start = index;
    while (start > 0 && !SPACE.test(text.charAt(start - 1))) start -= 1;
    let end = index;
    while (end < text.length && !SPACE.test(text.charAt(end))) end += 1;
    for (const url of find(text.slice(start, end), 'url')) if (isHttpUrl(url.value)) urls.push(url.value);
    scanned = end;
  }
  return urls;
}

/** Escapes a stretch of text that holds no URL, linking its hashtags and mentions. */
function linkTokens(text: string, links: LinkTemplates): string {
  if (!text.includes('#') && !text.includes('@')) return escapeHtml(text);
  let html = '';
  let cursor = 0;
  for (const match of tokensIn(text)) {
    const [whole, tag, handle] = match;
    html += escapeHtml(text.slice(cursor, match.index));
    html += tag !== undefined ? tokenLink(whole, 'hashtag', links.hashtag, '{tag}', tag) : '';
    html += handle !== undefined ? tokenLink(whole, 'mention', links.mention, '{handle}', handle) : '';
    cursor = match.index + whole.length;
  }
  return html + escapeHtml(text.slice(cursor));
}

function tokenLink(
  whole: string,
  kind: 'hashtag' | 'mention',
  template: string | null,
  placeholder: string,
  value: string,
): string {
  const label = escapeHtml(whole);
  const href = template?.replace(placeholder, encodeURIComponent(value));
  if (href === undefined || !isHttpUrl(href)) return `<span class="${kind}">${label}</span>`;
  return anchor(href, label, kind);
}

function anchor(href: string, label: string, className?: string): string {
  const cls = className ? ` class="${className}"` : '';
  return `<a href="${escapeHtml(href)}"${cls} rel="${LINK_REL}" target="_blank">${label}</a>`;
}
