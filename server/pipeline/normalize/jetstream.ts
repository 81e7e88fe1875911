/**
 * Bluesky Jetstream v1 frame to an item. Only the creation of an `app.bsky.feed.post` is an item; every other frame
 * (deletes, edits, likes, identity and account events) is ignored.
 */
import { z } from 'zod';
import type { Author, ItemContext, ItemFlag, Media } from '../../protocol/items.js';
import { IgnoredPayloadError, MalformedPayloadError } from '../types.js';
import type { NormalizeContext, NormalizedItem, RawPayload } from '../types.js';
import { hashtagsInText, uniqueLowerCase } from '../text/patterns.js';
import { cleanLang, parsePayload, parseTime } from './common.js';

const POST = 'app.bsky.feed.post';
const TAG_FACET = 'app.bsky.richtext.facet#tag';
const IMAGES = 'app.bsky.embed.images';
const VIDEO = 'app.bsky.embed.video';
const QUOTE = 'app.bsky.embed.record';
const QUOTE_WITH_MEDIA = 'app.bsky.embed.recordWithMedia';

const Frame = z.looseObject({
  did: z.string().min(1),
  kind: z.string(),
  commit: z
    .looseObject({
      operation: z.string(),
      collection: z.string(),
      rkey: z.string().min(1),
      record: z.unknown().optional(),
    })
    .optional(),
});
const PostRecord = z.looseObject({
  text: z.string(),
  createdAt: z.string().optional(),
  langs: z.array(z.string()).optional(),
  tags: z.array(z.string()).optional(),
  facets: z
    .array(z.looseObject({ features: z.array(z.looseObject({ $type: z.string(), tag: z.string().optional() })) }))
    .optional(),
  reply: z.unknown().optional(),
  embed: z.unknown().optional(),
});
const PostCommit = z.object({ commit: z.object({ record: PostRecord }) });
// Current blobs carry `ref.$link`; records written before 2023 carry a bare `cid`.
const Blob = z.union([
  z.looseObject({ ref: z.looseObject({ $link: z.string() }) }).transform((b) => b.ref.$link),
  z.looseObject({ cid: z.string() }).transform((b) => b.cid),
]);
const AspectRatio = z.looseObject({ width: z.number(), height: z.number() }).optional();
const Images = z.looseObject({
  $type: z.literal(IMAGES),
  images: z.array(z.looseObject({ alt: z.string().optional(), image: Blob, aspectRatio: AspectRatio })),
});
const Video = z.looseObject({
  $type: z.literal(VIDEO),
  video: Blob,
  alt: z.string().optional(),
  aspectRatio: AspectRatio,
});
const StrongRef = z.looseObject({ uri: z.string() });
const Quote = z.looseObject({ $type: z.literal(QUOTE), record: StrongRef });
const QuoteWithMedia = z.looseObject({
  $type: z.literal(QUOTE_WITH_MEDIA),
  record: z.looseObject({ record: StrongRef }),
  media: z.unknown(),
});

const Profile = z.looseObject({
  handle: z.string().optional(),
  displayName: z.string().optional(),
  avatar: z.string().optional(),
});
type Profile = z.output<typeof Profile>;

/** Normalizes one Jetstream frame; `meta.profiles` may map DIDs to `{ handle, displayName, avatar }`. */
export function normalizeJetstream(raw: RawPayload, ctx: NormalizeContext): NormalizedItem {
  const frame = parsePayload('jetstream', Frame, raw.payload);
  if (frame.kind !== 'commit') throw new IgnoredPayloadError('jetstream', `${frame.kind} event`);
  const commit = frame.commit;
  if (!commit) throw new MalformedPayloadError('jetstream', 'commit: missing on a "commit" frame');
  if (commit.collection !== POST) throw new IgnoredPayloadError('jetstream', `${commit.collection} record`);
  if (commit.operation !== 'create') throw new IgnoredPayloadError('jetstream', `post ${commit.operation}`);
  const { record } = parsePayload('jetstream', PostCommit, frame).commit;
  const { did } = frame;
  const author = toAuthor(did, profileOf(raw.meta, did));
  const context = quoteContext(record.embed);
  const flags: ItemFlag[] = [];
  if (record.reply) flags.push('reply');
  if (context) flags.push('quote');
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
    media: embedMedia(did, record.embed),
    lang: cleanLang(record.langs?.[0]),
    context,
    flags,
    hashtags: recordHashtags(record),
    createdAt: parseTime(record.createdAt, ctx),
  };
}

/** The source's profile for `did`, if it has a readable one (looked up before parsing: the map may be large). */
function profileOf(meta: Record<string, unknown> | undefined, did: string): Profile | undefined {
  const profiles = meta?.profiles;
  if (typeof profiles !== 'object' || profiles === null || !Object.hasOwn(profiles, did)) return undefined;
  return Profile.safeParse((profiles as Record<string, unknown>)[did]).data;
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

/** Images and video of a post, also when they sit beside a quoted post (`recordWithMedia`). */
function embedMedia(did: string, embed: unknown): Media[] {
  const media = embedType(embed) === QUOTE_WITH_MEDIA ? QuoteWithMedia.safeParse(embed).data?.media : embed;
  const type = embedType(media);
  if (type === IMAGES) {
    const images = Images.safeParse(media).data?.images ?? [];
    return images.map((img) => sized(imageMedia(did, img.image, img.alt), img));
  }
  const video = type === VIDEO ? Video.safeParse(media).data : undefined;
  if (!video) return [];
  const base = `https://video.bsky.app/watch/${did}/${video.video}`;
  const out: Media = { type: 'video', url: `${base}/playlist.m3u8`, previewUrl: `${base}/thumbnail.jpg` };
  if (video.alt) out.alt = video.alt;
  return [sized(out, video)];
}

function imageMedia(did: string, cid: string, alt: string | undefined): Media {
  const media: Media = { type: 'image', url: `https://cdn.bsky.app/img/feed_fullsize/plain/${did}/${cid}@jpeg` };
  if (alt) media.alt = alt;
  return media;
}

function sized(media: Media, from: { aspectRatio?: { width: number; height: number } | undefined }): Media {
  if (from.aspectRatio) Object.assign(media, { width: from.aspectRatio.width, height: from.aspectRatio.height });
  return media;
}

/** A quoted post: Jetstream only gives its `at://` URI, turned into its bsky.app address. */
function quoteContext(embed: unknown): ItemContext | null {
  const type = embedType(embed);
  const uri =
    type === QUOTE
      ? Quote.safeParse(embed).data?.record.uri
      : type === QUOTE_WITH_MEDIA
        ? QuoteWithMedia.safeParse(embed).data?.record.record.uri
        : undefined;
  const parts = uri === undefined ? null : /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([^/]+)$/.exec(uri);
  if (!parts) return null;
  return { kind: 'quote', url: `https://bsky.app/profile/${parts[1]}/post/${parts[2]}` };
}
