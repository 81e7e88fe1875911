/** Builds safe HTML from plain text: everything escaped, then URLs, hashtags and mentions linked. */
import { find } from 'linkifyjs';
import type { LinkTemplates } from '../types.js';
import { HASHTAG, MENTION } from './patterns.js';

/** Every link we emit opens outside the wall and passes no referrer or ranking credit. */
export const LINK_REL = 'nofollow noopener noreferrer';

const TOKEN = new RegExp(`${HASHTAG.source}|${MENTION.source}`, 'gu');
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
  // linkify is the costly part and only http(s) URLs are linked: most texts can skip it.
  const urls = /https?:\/\//i.test(text) ? find(text, 'url') : [];
  for (const url of urls) {
    if (!isHttpUrl(url.value)) continue;
    // Locate by value rather than trusting linkify offsets, so astral characters can never shift a cut.
    const start = text.indexOf(url.value, cursor);
    if (start < 0) continue;
    html += linkTokens(text.slice(cursor, start), links) + anchor(url.value, escapeHtml(url.value));
    cursor = start + url.value.length;
  }
  html += linkTokens(text.slice(cursor), links);
  return html.replace(/\n/g, '<br>');
}

/** Escapes a stretch of text that holds no URL, linking its hashtags and mentions. */
function linkTokens(text: string, links: LinkTemplates): string {
  let html = '';
  let cursor = 0;
  for (const match of text.matchAll(TOKEN)) {
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
