/**
 * Sanitize step: makes an item safe and tidy to show. `html` comes out safe for `innerHTML`; text is cleaned of
 * invisible characters, capped, and, for private channels, stripped of phone numbers and email addresses.
 */
import type { CountryCode } from 'libphonenumber-js';
import type { Author, ItemContext, Media, SourceKind } from '../protocol/items.js';
import type { NormalizedItem, SanitizedItem } from './types.js';
import { capText, cleanLabel, cleanText } from './text/clean.js';
import { sanitizeSourceHtml } from './text/html-policy.js';
import { redactContacts, type RedactOptions } from './text/redact.js';
import { isHttpUrl, textToHtml } from './text/to-html.js';

/** Default cap on an item's text, in UTF-16 units: more than a wall card can show anyway. */
export const DEFAULT_MAX_LENGTH = 2000;

const MAX_NAME_LENGTH = 80;
const MAX_CONTEXT_LENGTH = 500;

/** Channels where the sender did not choose to publish contact details: numbers and addresses are redacted. */
const PRIVATE_SOURCES: ReadonlySet<SourceKind> = new Set(['sms', 'email', 'web']);

export interface SanitizeOptions {
  /** Text cap in UTF-16 units, "…" included. Default {@link DEFAULT_MAX_LENGTH}. */
  maxLength?: number;
  /** Countries whose national formats decide short phone numbers (see redactContacts); default: FR and more. */
  phoneCountries?: readonly CountryCode[];
}

/** Returns a copy of `item` with safe `html`, clean capped `text`, and only http(s) URLs. Pure. */
export function sanitize(item: NormalizedItem, options: SanitizeOptions = {}): SanitizedItem {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  const isPrivate = PRIVATE_SOURCES.has(item.source);
  const redact: RedactOptions = options.phoneCountries ? { phoneCountries: options.phoneCountries } : {};
  const cleaned = cleanText(item.text);
  const { text, capped } = capText(isPrivate ? redactContacts(cleaned, redact) : cleaned, maxLength);
  return {
    ...item,
    text,
    html: buildHtml(item, text, capped, maxLength),
    url: safeUrl(item.url),
    author: sanitizeAuthor(item.author, isPrivate && redact),
    media: item.media.flatMap(sanitizeMedia),
    context: item.context && sanitizeContext(item.context),
    flags: unique(item.flags),
    hashtags: unique(item.hashtags),
  };
}

/** Without repeats; a list of one or none (nearly every item's) as it is. */
function unique<T>(list: T[]): T[] {
  return list.length < 2 ? list : [...new Set(list)];
}

/**
 * The source's HTML through the allow-list when there is some and it still matches the text; otherwise (plain-text
 * source, capped text, or markup out of all proportion to its text) HTML rebuilt from the final text.
 */
function buildHtml(item: NormalizedItem, text: string, capped: boolean, maxLength: number): string {
  if (item.html !== null && !capped) {
    // Custom emoji are images the normalizer put there itself, through the media proxy.
    const html = sanitizeSourceHtml(item.html, { emojiImages: item.source === 'mastodon' });
    if (html.length <= maxLength * 8 && (html !== '' || text === '')) return html;
  }
  return textToHtml(text, item.links);
}

/** `redact`: the redaction's options for a private channel's author, false for a public one. */
function sanitizeAuthor(author: Author, redact: RedactOptions | false): Author {
  const name = cleanLabel(redact ? redactContacts(author.name, redact) : author.name, MAX_NAME_LENGTH);
  const out: Author = { name };
  if (author.handle) out.handle = cleanLabel(author.handle, MAX_NAME_LENGTH);
  if (author.avatarUrl && isHttpUrl(author.avatarUrl)) out.avatarUrl = author.avatarUrl;
  if (author.profileUrl && isHttpUrl(author.profileUrl)) out.profileUrl = author.profileUrl;
  return out;
}

/** A photo sent with the web form and stored by the server itself (server/media/uploads.ts). */
const LOCAL_UPLOAD = /^\/media\/uploads\/[0-9a-f]{64}\.(jpg|png|gif|webp)$/;

function sanitizeMedia(media: Media): Media[] {
  if (!isHttpUrl(media.url) && !LOCAL_UPLOAD.test(media.url)) return [];
  const out: Media = { ...media };
  if (out.previewUrl !== undefined && !isHttpUrl(out.previewUrl) && !LOCAL_UPLOAD.test(out.previewUrl)) {
    delete out.previewUrl;
  }
  const alt = media.alt === undefined ? '' : cleanText(media.alt).slice(0, 1500);
  if (alt) out.alt = alt;
  else delete out.alt;
  return [out];
}

function sanitizeContext(context: ItemContext): ItemContext {
  const out: ItemContext = { kind: context.kind };
  if (context.author) out.author = sanitizeAuthor(context.author, false);
  if (context.text !== undefined) out.text = capText(cleanText(context.text), MAX_CONTEXT_LENGTH).text;
  if (context.url && isHttpUrl(context.url)) out.url = context.url;
  return out;
}

function safeUrl(url: string | null): string | null {
  return url !== null && isHttpUrl(url) ? url : null;
}
