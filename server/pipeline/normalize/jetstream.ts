/**
 * Bluesky Jetstream v1 frame to an item. The creation or edit (`update`) of an `app.bsky.feed.post` is an item; every
 * other frame (deletes, likes, identity and account events) is ignored. Jetstream carries only the record: the
 * source adds what the AppView knows in `meta` (author profiles, the quoted or parent post) and the CDN roots.
 */
import { z } from 'zod';
import type { Author, ItemContext, ItemFlag, Media } from '../../protocol/items.js';
import { IgnoredPayloadError, MalformedPayloadError } from '../types.js';
import type { NormalizeContext, NormalizedItem, RawPayload } from '../types.js';
import { hashtagsInText, uniqueLowerCase } from '../text/patterns.js';
import { cleanLang, metaString, parsePayload, parseTime } from './common.js';

const POST = 'app.bsky.feed.post';
const TAG_FACET = 'app.bsky.richtext.facet#tag';
const IMAGES = 'app.bsky.embed.images';
const VIDEO = 'app.bsky.embed.video';
const QUOTE = 'app.bsky.embed.record';
const QUOTE_WITH_MEDIA = 'app.bsky.embed.recordWithMedia';

const Frame = z.object({
  did: z.string().min(1),
  kind: z.string(),
  commit: z
    .object({
      operation: z.string(),
      collection: z.string(),
      rkey: z.string().min(1),
      record: z.unknown().optional(),
    })
    .optional(),
});
const PostRecord = z.object({
  text: z.string(),
  createdAt: z.string().optional(),
  langs: z.array(z.string()).optional(),
  tags: z.array(z.string()).optional(),
  facets: z
    .array(z.object({ features: z.array(z.object({ $type: z.string(), tag: z.string().optional() })) }))
    .optional(),
  reply: z.unknown().optional(),
  embed: z.unknown().optional(),
});
const PostCommit = z.object({ commit: z.object({ record: PostRecord }) });
// Current blobs carry `ref.$link`; records written before 2023 carry a bare `cid`.
const Blob = z.union([
  z.object({ ref: z.object({ $link: z.string() }) }).transform((b) => b.ref.$link),
  z.object({ cid: z.string() }).transform((b) => b.cid),
]);
const AspectRatio = z.object({ width: z.number(), height: z.number() }).optional();
const Images = z.object({
  $type: z.literal(IMAGES),
  images: z.array(z.object({ alt: z.string().optional(), image: Blob, aspectRatio: AspectRatio })),
});
const Video = z.object({
  $type: z.literal(VIDEO),
  video: Blob,
  alt: z.string().optional(),
  aspectRatio: AspectRatio,
});
const StrongRef = z.object({ uri: z.string() });
const Quote = z.object({ $type: z.literal(QUOTE), record: StrongRef });
const QuoteWithMedia = z.object({
  $type: z.literal(QUOTE_WITH_MEDIA),
  record: z.object({ record: StrongRef }),
  media: z.unknown(),
});

const Profile = z.object({
  handle: z.string().optional(),
  displayName: z.string().optional(),
  avatar: z.string().optional(),
});
type Profile = z.output<typeof Profile>;
/** A quoted or parent post as the source read it on the AppView. */
const ContextPost = z.object({ author: Profile.optional(), text: z.string().optional() });
const Reply = z.object({ parent: StrongRef });

/** Normalizes one Jetstream frame; `meta.profiles` may map DIDs to `{ handle, displayName, avatar }`. */
export function normalizeJetstream(raw: RawPayload, ctx: NormalizeContext): NormalizedItem {
  const frame = parsePayload('jetstream', Frame, raw.payload);
  if (frame.kind !== 'commit') throw new IgnoredPayloadError('jetstream', `${frame.kind} event`);
  const commit = frame.commit;
  if (!commit) throw new MalformedPayloadError('jetstream', 'commit: missing on a "commit" frame');
  if (commit.collection !== POST) throw new IgnoredPayloadError('jetstream', `${commit.collection} record`);
  if (commit.operation !== 'create' && commit.operation !== 'update') {
    throw new IgnoredPayloadError('jetstream', `post ${commit.operation}`);
  }
  const { record } = parsePayload('jetstream', PostCommit, frame).commit;
  const { did } = frame;
  const author = toAuthor(did, profileOf(raw.meta, did));
  const quoted = quotedUri(record.embed);
  const parent = parentUri(record.reply);
  const flags: ItemFlag[] = [];
  if (record.reply) flags.push('reply');
  if (quoted) flags.push('quote');
  // As for X, a quoted post is the context; a reply shows the post it answers when it quotes nothing.
  const context = quoted
    ? postContext('quote', quoted, raw.meta)
    : parent
      ? postContext('reply', parent, raw.meta)
      : null;
  return {
    source: 'bluesky',
    sourceId: `at://${did}/${POST}/${commit.rkey}`,
    url: `https://bsky.app/profile/${did}/post/${commit.rkey}`,
    author,
    authorKey: `bluesky:${did}`,
    contact: null,
    text: record.text,
    html: null,
    links: { hashtag: 'https://bsky.app/hashtag/{tag}', mention: 'https://bsky.app/profile/{handle}' },
    media: embedMedia(did, record.embed, cdnRoots(raw.meta)),
    lang: cleanLang(record.langs?.[0]),
    context,
    flags,
    hashtags: recordHashtags(record),
    createdAt: parseTime(record.createdAt, ctx),
  };
}

/** The source's profile for `did`, if it has a readable one. */
function profileOf(meta: Record<string, unknown> | undefined, did: string): Profile | undefined {
  return lookedUp(meta, 'profiles', did, Profile);
}

/** `meta[map][key]` when it reads as `schema` (looked up before parsing: the map may be large). */
function lookedUp<T extends z.ZodType>(
  meta: Record<string, unknown> | undefined,
  map: string,
  key: string,
  schema: T,
): z.output<T> | undefined {
  const entries = meta?.[map];
  if (typeof entries !== 'object' || entries === null || !Object.hasOwn(entries, key)) return undefined;
  return schema.safeParse((entries as Record<string, unknown>)[key]).data;
}

function toAuthor(did: string, profile: Profile | undefined): Author {
  const handle = profile?.handle;
  const author: Author = {
    name: profile?.displayName?.trim() || handle || did,
    profileUrl: `https://bsky.app/profile/${handle ?? did}`,
  };
  if (handle) author.handle = handle;
  if (profile?.avatar) author.avatarUrl = profile.avatar;
  return author;
}

/** What the source needs to know of a post record before it hands the frame to the pipeline. */
export interface JetstreamPostSummary {
  /** `#tag` facets, `tags` and `#words` of the text, lower-case NFC without `#`. */
  hashtags: string[];
  /** The `at://` URI of the quoted post, or else of the post it answers: the context to look up. */
  contextUri?: string;
}

/** Reads a post record the way {@link normalizeJetstream} does; null for something that is not a post record. */
export function summarizeJetstreamPost(record: unknown): JetstreamPostSummary | null {
  const post = PostRecord.safeParse(record);
  if (!post.success) return null;
  const contextUri = quotedUri(post.data.embed) ?? parentUri(post.data.reply);
  return { hashtags: recordHashtags(post.data), ...(contextUri ? { contextUri } : {}) };
}

function recordHashtags(record: z.output<typeof PostRecord>): string[] {
  const facetTags = (record.facets ?? []).flatMap((facet) =>
    facet.features.flatMap((feature) => (feature.$type === TAG_FACET && feature.tag ? [feature.tag] : [])),
  );
  return uniqueLowerCase([...facetTags, ...(record.tags ?? []), ...hashtagsInText(record.text)]);
}

/** `$type` of an embed, so only the matching schema runs (a failed safeParse is costly). */
function embedType(embed: unknown): string | undefined {
  if (typeof embed !== 'object' || embed === null || !('$type' in embed)) return undefined;
  return typeof embed.$type === 'string' ? embed.$type : undefined;
}

interface CdnRoots {
  image: string;
  video: string;
}

/** `meta.cdnUrl` / `meta.videoUrl` (configurable, for self-hosted mirrors and tests), or Bluesky's own. */
function cdnRoots(meta: Record<string, unknown> | undefined): CdnRoots {
  return {
    image: (metaString(meta, 'cdnUrl') ?? 'https://cdn.bsky.app').replace(/\/+$/, ''),
    video: (metaString(meta, 'videoUrl') ?? 'https://video.bsky.app').replace(/\/+$/, ''),
  };
}

/** Images and video of a post, also when they sit beside a quoted post (`recordWithMedia`). */
function embedMedia(did: string, embed: unknown, cdn: CdnRoots): Media[] {
  const media = embedType(embed) === QUOTE_WITH_MEDIA ? QuoteWithMedia.safeParse(embed).data?.media : embed;
  const type = embedType(media);
  if (type === IMAGES) {
    const images = Images.safeParse(media).data?.images ?? [];
    return images.map((img) => sized(imageMedia(did, img.image, img.alt, cdn), img));
  }
  const video = type === VIDEO ? Video.safeParse(media).data : undefined;
  if (!video) return [];
  const base = `${cdn.video}/watch/${did}/${video.video}`;
  const out: Media = { type: 'video', url: `${base}/playlist.m3u8`, previewUrl: `${base}/thumbnail.jpg` };
  if (video.alt) out.alt = video.alt;
  return [sized(out, video)];
}

/** The CDN serves each blob re-encoded: `feed_fullsize` for the wall, `feed_thumbnail` where a small one does. */
function imageMedia(did: string, cid: string, alt: string | undefined, cdn: CdnRoots): Media {
  const media: Media = {
    type: 'image',
    url: `${cdn.image}/img/feed_fullsize/plain/${did}/${cid}@jpeg`,
    previewUrl: `${cdn.image}/img/feed_thumbnail/plain/${did}/${cid}@jpeg`,
  };
  if (alt) media.alt = alt;
  return media;
}

function sized(media: Media, from: { aspectRatio?: { width: number; height: number } | undefined }): Media {
  if (from.aspectRatio) Object.assign(media, { width: from.aspectRatio.width, height: from.aspectRatio.height });
  return media;
}

/** The `at://` URI of a quoted post: Jetstream only gives the reference. */
function quotedUri(embed: unknown): string | undefined {
  const type = embedType(embed);
  if (type === QUOTE) return Quote.safeParse(embed).data?.record.uri;
  if (type === QUOTE_WITH_MEDIA) return QuoteWithMedia.safeParse(embed).data?.record.record.uri;
  return undefined;
}

function parentUri(reply: unknown): string | undefined {
  return reply === undefined ? undefined : Reply.safeParse(reply).data?.parent.uri;
}

const POST_URI = /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([^/]+)$/;

/**
 * The quoted or parent post as context: its bsky.app address, and its author and text when the source found the
 * post on the AppView (`meta.posts`, keyed by `at://` URI). Its author's avatar is kept as the outside URL, like
 * the item's own: the store turns both into media proxy paths for clients.
 */
function postContext(
  kind: ItemContext['kind'],
  uri: string,
  meta: Record<string, unknown> | undefined,
): ItemContext | null {
  const parts = POST_URI.exec(uri);
  if (!parts) return null;
  const context: ItemContext = { kind, url: `https://bsky.app/profile/${parts[1]}/post/${parts[2]}` };
  const post = lookedUp(meta, 'posts', uri, ContextPost);
  if (!post) return context;
  if (post.text) context.text = post.text;
  if (post.author) context.author = toAuthor(parts[1] ?? '', post.author);
  return context;
}
