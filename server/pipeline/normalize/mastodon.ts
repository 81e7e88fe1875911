/**
 * Mastodon Status entity (REST or the `update` / `status.update` streaming payload) to an item. A boost becomes the
 * boosted status; the id is the status `uri`, the same on every instance that relays it.
 */
import { z } from 'zod';
import type { Author, ItemContext, ItemFlag, Media } from '../../protocol/items.js';
import { IgnoredPayloadError } from '../types.js';
import type { NormalizeContext, NormalizedItem, RawPayload } from '../types.js';
import { uniqueLowerCase } from '../text/patterns.js';
import { escapeHtml, isHttpUrl } from '../text/to-html.js';
import { htmlToPlainText } from '../text/html-to-plain.js';
import { cleanLang, metaString, parsePayload, parseTime } from './common.js';

const Account = z.object({
  username: z.string(),
  acct: z.string().min(1),
  display_name: z.string().optional(),
  url: z.string().min(1),
  avatar: z.string().optional(),
  avatar_static: z.string().optional(),
});
const Attachment = z.object({
  type: z.string(),
  url: z.string().nullish(),
  preview_url: z.string().nullish(),
  description: z.string().nullish(),
  meta: z.object({ original: z.object({ width: z.number(), height: z.number() }).partial().optional() }).nullish(),
});
const BaseStatus = z.object({
  uri: z.string().min(1),
  url: z.string().nullish(),
  created_at: z.string(),
  content: z.string(),
  spoiler_text: z.string().nullish(),
  sensitive: z.boolean().nullish(),
  in_reply_to_id: z.string().nullish(),
  visibility: z.string().optional(),
  language: z.string().nullish(),
  account: Account,
  media_attachments: z.array(Attachment).optional(),
  tags: z.array(z.object({ name: z.string() })).optional(),
  // Read one by one (see customEmoji): a bad entry costs its image, not the status.
  emojis: z.array(z.unknown()).nullish(),
});
const Status = BaseStatus.extend({
  reblog: BaseStatus.nullish(),
  // Mastodon 4.5 quote posts; only an accepted quote carries the quoted status.
  quote: z.object({ state: z.string().optional(), quoted_status: BaseStatus.nullish() }).nullish(),
});
const StreamEvent = z.object({ event: z.string(), payload: z.unknown() });
const CustomEmoji = z.object({
  shortcode: z.string(),
  url: z.string().nullish(),
  static_url: z.string().nullish(),
});

type BaseStatus = z.output<typeof BaseStatus>;
type Account = z.output<typeof Account>;

/** Follower-only and direct statuses were never meant for a public wall. */
const PUBLIC_VISIBILITIES = new Set(['public', 'unlisted']);

/** Normalizes a Status; a streaming envelope (`{event, payload}`) is unwrapped and non-status events are ignored. */
export function normalizeMastodon(raw: RawPayload, ctx: NormalizeContext): NormalizedItem {
  const received = parsePayload('mastodon', Status, unwrapStreamEvent(raw.payload));
  const status = received.reblog ?? received;
  if (status.visibility !== undefined && !PUBLIC_VISIBILITIES.has(status.visibility)) {
    throw new IgnoredPayloadError('mastodon', `${status.visibility} status`);
  }
  const author = toAuthor(status.account, metaString(raw.meta, 'instance'));
  const spoiler = status.spoiler_text?.trim() ?? '';
  const body = htmlToPlainText(status.content);
  const emoji = customEmoji(status, ctx);
  const quoted = received.quote?.state === 'accepted' ? received.quote.quoted_status : undefined;
  return {
    source: 'mastodon',
    sourceId: status.uri,
    url: status.url ?? status.uri,
    author,
    authorKey: `mastodon:${status.account.url}`,
    contact: null,
    // The content warning stays readable in both forms; the flag tells moderators it was there.
    text: spoiler ? `CW: ${spoiler}\n\n${body}` : body,
    html: emoji(spoiler ? `<p>CW: ${escapeHtml(spoiler)}</p>${status.content}` : status.content),
    links: { hashtag: null, mention: null },
    media: (status.media_attachments ?? []).flatMap(toMedia),
    lang: cleanLang(status.language),
    context: quoted ? quoteContext(quoted, raw.meta) : null,
    flags: statusFlags(status, spoiler !== '', Boolean(quoted)),
    hashtags: uniqueLowerCase((status.tags ?? []).map((t) => t.name)),
    createdAt: parseTime(status.created_at, ctx),
  };
}

/** Mastodon's shortcode syntax (`:blobcat:`), as its own formatter matches it. */
const SHORTCODE = /:([a-zA-Z0-9_]{2,}):/g;

/**
 * Custom emoji: each `:shortcode:` the status declares in `emojis` becomes an image through the media proxy (the
 * wall never loads from the instance itself), marked `class="emoji"` for sanitize and for the wall's styles. Only
 * text between tags is touched, never an attribute. Without a proxy the shortcodes stay text.
 */
function customEmoji(status: BaseStatus, ctx: NormalizeContext): (html: string) => string {
  const images = new Map<string, string>();
  for (const entry of status.emojis ?? []) {
    const emoji = CustomEmoji.safeParse(entry).data;
    const url = emoji?.static_url || emoji?.url;
    if (emoji && url && isHttpUrl(url) && /^[a-zA-Z0-9_]{2,}$/.test(emoji.shortcode)) images.set(emoji.shortcode, url);
  }
  const proxy = ctx.proxyImage;
  if (images.size === 0 || !proxy) return (html) => html;
  const image = (match: string, code: string) => {
    const url = images.get(code);
    return url ? `<img src="${escapeHtml(proxy(url))}" alt=":${code}:" class="emoji">` : match;
  };
  return (html) =>
    html
      .split(/(<[^>]*>)/)
      .map((part) => (part.startsWith('<') ? part : part.replace(SHORTCODE, image)))
      .join('');
}

function unwrapStreamEvent(payload: unknown): unknown {
  // Checked by hand first: a failed safeParse builds an error, and nearly every payload is a bare status.
  if (typeof payload !== 'object' || payload === null || !('event' in payload) || 'content' in payload) return payload;
  const { event, payload: inner } = parsePayload('mastodon', StreamEvent, payload);
  if (event !== 'update' && event !== 'status.update') throw new IgnoredPayloadError('mastodon', `${event} event`);
  // The streaming API sends the status as a JSON string inside the JSON frame.
  return typeof inner === 'string' ? parseJson(inner) : inner;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** `acct` is relative to the instance that served the status: qualify local accounts with their profile's host. */
function toAuthor(account: Account, instance: string | undefined): Author {
  const host = hostOf(account.url) ?? (instance === undefined ? undefined : hostOf(instance));
  const handle = account.acct.includes('@') || host === undefined ? account.acct : `${account.acct}@${host}`;
  const author: Author = {
    name: account.display_name?.trim() || account.username,
    handle: `@${handle}`,
    profileUrl: account.url,
  };
  const avatar = account.avatar_static || account.avatar;
  if (avatar) author.avatarUrl = avatar;
  return author;
}

function hostOf(url: string): string | undefined {
  return URL.parse(url)?.hostname || undefined;
}

const MEDIA_TYPES: Record<string, Media['type']> = { image: 'image', gifv: 'gif', video: 'video' };

function toMedia(attachment: z.output<typeof Attachment>): Media[] {
  const type = MEDIA_TYPES[attachment.type];
  if (!type || !attachment.url) return [];
  const media: Media = { type, url: attachment.url };
  if (attachment.preview_url && type !== 'image') media.previewUrl = attachment.preview_url;
  if (attachment.description) media.alt = attachment.description;
  const original = attachment.meta?.original;
  if (original?.width !== undefined) media.width = original.width;
  if (original?.height !== undefined) media.height = original.height;
  return [media];
}

function quoteContext(quoted: BaseStatus, meta: Record<string, unknown> | undefined): ItemContext {
  return {
    kind: 'quote',
    author: toAuthor(quoted.account, metaString(meta, 'instance')),
    text: htmlToPlainText(quoted.content),
    url: quoted.url ?? quoted.uri,
  };
}

function statusFlags(status: BaseStatus, hasSpoiler: boolean, isQuote: boolean): ItemFlag[] {
  const flags: ItemFlag[] = [];
  if (hasSpoiler) flags.push('content-warning');
  if (status.sensitive) flags.push('sensitive');
  if (status.in_reply_to_id) flags.push('reply');
  if (isQuote) flags.push('quote');
  return flags;
}
