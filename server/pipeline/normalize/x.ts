/**
 * X API v2 post (`{ data, includes }`, from the filtered stream or a lookup) to an item. A retweet becomes the
 * original post; a quote keeps the quoted post as context.
 */
import { z } from 'zod';
import type { Author, ItemContext, ItemFlag, Media } from '../../protocol/items.js';
import { IgnoredPayloadError, MalformedPayloadError } from '../types.js';
import type { NormalizeContext, NormalizedItem, RawPayload } from '../types.js';
import { hashtagsInText, uniqueLowerCase } from '../text/patterns.js';
import { cleanLang, parsePayload, parseTime } from './common.js';

const UrlEntity = z.object({ url: z.string(), expanded_url: z.string().optional() });
const Entities = z.object({
  hashtags: z.array(z.object({ tag: z.string() })).optional(),
  urls: z.array(UrlEntity).optional(),
});
const Post = z.object({
  id: z.string().min(1),
  text: z.string(),
  author_id: z.string().optional(),
  created_at: z.string().optional(),
  lang: z.string().optional(),
  possibly_sensitive: z.boolean().optional(),
  referenced_tweets: z.array(z.object({ type: z.string(), id: z.string() })).optional(),
  attachments: z.object({ media_keys: z.array(z.string()).optional() }).optional(),
  entities: Entities.optional(),
  // Posts over 280 characters: `text` is truncated and the full text is here (tweet.fields=note_tweet).
  note_tweet: z.object({ text: z.string(), entities: Entities.optional() }).optional(),
  // Every version of an edited post, the original first: each edit is a new post with a new id.
  edit_history_tweet_ids: z.array(z.string().min(1)).optional(),
});
const User = z.object({
  id: z.string(),
  username: z.string().min(1),
  name: z.string().optional(),
  profile_image_url: z.string().optional(),
});
const MediaEntity = z.object({
  media_key: z.string(),
  type: z.string(),
  url: z.string().optional(),
  preview_image_url: z.string().optional(),
  alt_text: z.string().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
  variants: z
    .array(z.object({ content_type: z.string(), url: z.string(), bit_rate: z.number().optional() }))
    .optional(),
});
const Envelope = z.object({
  data: Post,
  includes: z
    .object({
      users: z.array(User).optional(),
      tweets: z.array(Post).optional(),
      media: z.array(MediaEntity).optional(),
    })
    .optional(),
});

type Post = z.output<typeof Post>;
type User = z.output<typeof User>;

interface Includes {
  users: Map<string, User>;
  tweets: Map<string, Post>;
  media: Map<string, z.output<typeof MediaEntity>>;
}

/** Normalizes one X post; stream error messages (`errors` without `data`) are ignored. */
export function normalizeX(raw: RawPayload, ctx: NormalizeContext): NormalizedItem {
  const payload = raw.payload;
  if (typeof payload === 'object' && payload !== null && !('data' in payload) && 'errors' in payload) {
    throw new IgnoredPayloadError('x', 'stream error message');
  }
  const envelope = parsePayload('x', Envelope, singlePost(payload));
  const includes = indexIncludes(envelope.includes);
  const post = foldRetweet(envelope.data, includes);
  const user = findUser(post, includes);
  const entities = post.note_tweet?.entities ?? post.entities;
  const quotedId = referenced(post, 'quoted');
  const media = postMedia(post, includes);
  const text = postText(post, quotedId, media.length > 0);
  return {
    source: 'x',
    // The original's id, the same for every version: an edit revises the item instead of arriving as another.
    sourceId: post.edit_history_tweet_ids?.[0] ?? post.id,
    url: `https://x.com/${user.username}/status/${post.id}`,
    author: toAuthor(user),
    authorKey: `x:${user.id}`,
    contact: null,
    text,
    html: null,
    links: { hashtag: 'https://x.com/hashtag/{tag}', mention: 'https://x.com/{handle}' },
    media,
    lang: cleanLang(post.lang),
    context: quotedId === undefined ? null : quoteContext(quotedId, includes),
    flags: postFlags(post, quotedId !== undefined),
    hashtags: entities?.hashtags ? uniqueLowerCase(entities.hashtags.map((h) => h.tag)) : hashtagsInText(text),
    createdAt: parseTime(post.created_at, ctx),
  };
}

/** A lookup answers `data: [post]`, the stream `data: post`: both become the latter. */
function singlePost(payload: unknown): unknown {
  if (typeof payload !== 'object' || payload === null || !('data' in payload) || !Array.isArray(payload.data)) {
    return payload;
  }
  if (payload.data.length !== 1) {
    throw new MalformedPayloadError('x', `data: expected one post, got ${payload.data.length}`);
  }
  return { ...payload, data: payload.data[0] };
}

function indexIncludes(includes: z.output<typeof Envelope>['includes']): Includes {
  return {
    users: new Map((includes?.users ?? []).map((u) => [u.id, u])),
    tweets: new Map((includes?.tweets ?? []).map((t) => [t.id, t])),
    media: new Map((includes?.media ?? []).map((m) => [m.media_key, m])),
  };
}

function referenced(post: Post, type: 'retweeted' | 'quoted' | 'replied_to'): string | undefined {
  return post.referenced_tweets?.find((ref) => ref.type === type)?.id;
}

/** A retweet's own text is a truncated "RT @user: …": the item is the original post. */
function foldRetweet(post: Post, includes: Includes): Post {
  const originalId = referenced(post, 'retweeted');
  if (originalId === undefined) return post;
  const original = includes.tweets.get(originalId);
  if (!original) throw new MalformedPayloadError('x', `includes.tweets: retweeted post ${originalId} missing`);
  return original;
}

function findUser(post: Post, includes: Includes): User {
  if (post.author_id === undefined) throw new MalformedPayloadError('x', `data.author_id: missing on post ${post.id}`);
  const user = includes.users.get(post.author_id);
  if (!user) throw new MalformedPayloadError('x', `includes.users: author ${post.author_id} missing`);
  return user;
}

function toAuthor(user: User): Author {
  const author: Author = {
    name: user.name || user.username,
    handle: `@${user.username}`,
    profileUrl: `https://x.com/${user.username}`,
  };
  if (user.profile_image_url) author.avatarUrl = user.profile_image_url;
  return author;
}

/**
 * The post's text as a person reads it: the three entities X escapes decoded, t.co links replaced by their
 * destination, and links to the post's own media or to the quoted post dropped (the wall shows those itself).
 */
function postText(post: Post, quotedId: string | undefined, hasMedia: boolean): string {
  let text = post.note_tweet?.text ?? post.text;
  for (const { url, expanded_url: expanded } of (post.note_tweet?.entities ?? post.entities)?.urls ?? []) {
    const ownMedia = hasMedia && expanded !== undefined && /\/status\/\d+\/(?:photo|video)\/\d+$/.test(expanded);
    const quoteLink = quotedId !== undefined && expanded?.includes(`/status/${quotedId}`) === true;
    const replacement = ownMedia || quoteLink ? '' : (expanded ?? url);
    text = text.replace(url, () => replacement);
  }
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').trim();
}

function postMedia(post: Post, includes: Includes): Media[] {
  return (post.attachments?.media_keys ?? []).flatMap((key): Media[] => {
    const entity = includes.media.get(key);
    if (!entity) return [];
    const still = entity.type === 'photo' ? entity.url : entity.preview_image_url;
    if (!still) return [];
    const type = entity.type === 'photo' ? 'image' : entity.type === 'video' ? 'video' : 'gif';
    // Without `variants` (media.fields) a video has no playable URL: its still stands in for it.
    const media: Media = { type, url: type === 'image' ? still : (bestMp4(entity) ?? still) };
    if (type !== 'image') media.previewUrl = still;
    if (entity.alt_text) media.alt = entity.alt_text;
    if (entity.width !== undefined) media.width = entity.width;
    if (entity.height !== undefined) media.height = entity.height;
    return [media];
  });
}

function bestMp4(entity: z.output<typeof MediaEntity>): string | undefined {
  const mp4 = (entity.variants ?? []).filter((v) => v.content_type === 'video/mp4');
  return mp4.sort((a, b) => (b.bit_rate ?? 0) - (a.bit_rate ?? 0))[0]?.url;
}

function quoteContext(quotedId: string, includes: Includes): ItemContext {
  const quoted = includes.tweets.get(quotedId);
  const user = quoted?.author_id === undefined ? undefined : includes.users.get(quoted.author_id);
  const context: ItemContext = {
    kind: 'quote',
    url: user ? `https://x.com/${user.username}/status/${quotedId}` : `https://x.com/i/web/status/${quotedId}`,
  };
  if (user) context.author = toAuthor(user);
  if (quoted) context.text = postText(quoted, undefined, false);
  return context;
}

function postFlags(post: Post, isQuote: boolean): ItemFlag[] {
  const flags: ItemFlag[] = [];
  if (referenced(post, 'replied_to') !== undefined) flags.push('reply');
  if (isQuote) flags.push('quote');
  if (post.possibly_sensitive) flags.push('sensitive');
  return flags;
}
