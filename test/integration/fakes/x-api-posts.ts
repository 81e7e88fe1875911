/**
 * Posts for the fake X API, built from the recorded fixtures (test/fixtures/twitter/) with a new id, text,
 * hashtags and creation time, so every field the tests do not care about stays as X really sends it.
 */
import { readFileSync } from 'node:fs';

type Json = Record<string, unknown>;
type User = Json & { id: string; username: string };
export type PostData = Json & { id: string; text: string; created_at: string; author_id: string };

export interface PostOptions {
  text: string;
  hashtags?: string[];
  /** With the recorded photo attachment. */
  photo?: boolean;
}

export interface FakePost {
  data: PostData;
  includes: { users: User[]; tweets?: PostData[]; media?: Json[] };
  /** Lower-case, for matching rules and queries. */
  hashtags: string[];
}

interface Envelope {
  data: Json | Json[];
  includes: { users: User[]; media?: Json[] };
}

const load = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../fixtures/twitter/${name}`, import.meta.url), 'utf8')) as Envelope;
const STREAM_MESSAGE = load('stream-message.json');
const PHOTO = load('tweet-with-photo-media.json');
const RETWEET = load('retweet.json');
const QUOTE = load('quote-tweet.json');

const one = (envelope: Envelope) =>
  (Array.isArray(envelope.data) ? envelope.data[0]! : envelope.data) as Json & { author_id: string };
const userOf = (envelope: Envelope, id: unknown): User => envelope.includes.users.find((user) => user.id === id)!;

/** The text with its hashtags appended, and their entities (X counts offsets in code points). */
function tagged(text: string, hashtags: string[]): { text: string; entities: Json } {
  let full = text;
  const entities = hashtags.map((tag) => {
    full += ' ';
    const start = [...full].length;
    full += `#${tag}`;
    return { start, end: start + tag.length + 1, tag };
  });
  return { text: full, entities: entities.length ? { hashtags: entities } : {} };
}

function fresh(id: string): { id: string; created_at: string; edit_history_tweet_ids: string[] } {
  return { id, created_at: new Date().toISOString(), edit_history_tweet_ids: [id] };
}

export function buildPost(id: string, options: PostOptions): FakePost {
  const source = options.photo ? PHOTO : STREAM_MESSAGE;
  const hashtags = options.hashtags ?? [];
  const { text, entities } = tagged(options.text, hashtags);
  const data = { ...one(source), ...fresh(id), text, entities, lang: 'fr' } as PostData;
  const includes: FakePost['includes'] = { users: source.includes.users };
  if (options.photo) {
    const mediaKey = `3_${id}`;
    data.attachments = { media_keys: [mediaKey] };
    includes.media = [{ ...source.includes.media![0], media_key: mediaKey }];
  }
  return { data, includes, hashtags: hashtags.map((tag) => tag.toLowerCase()) };
}

/**
 * An edit as X makes it: a new post with a new id and creation time, the same author, and the ids of every
 * version, the original first, in `edit_history_tweet_ids`.
 */
export function editedPost(id: string, previous: FakePost, options: PostOptions): FakePost {
  const post = buildPost(id, { ...options, hashtags: options.hashtags ?? previous.hashtags });
  const history = (previous.data.edit_history_tweet_ids as string[] | undefined) ?? [previous.data.id];
  post.data.author_id = previous.data.author_id;
  post.data.edit_history_tweet_ids = [...history, id];
  post.includes.users = previous.includes.users;
  return post;
}

/** A retweet as X sends it: a truncated "RT @user: …" text, the original in `includes.tweets`. */
export function retweetPost(id: string, original: FakePost): FakePost {
  const recorded = one(RETWEET);
  const author = original.includes.users.find((user) => user.id === original.data.author_id)!;
  const data = {
    ...recorded,
    ...fresh(id),
    text: `RT @${author.username}: ${original.data.text}`.slice(0, 140),
    entities: original.data.entities ?? {},
    referenced_tweets: [{ type: 'retweeted', id: original.data.id }],
  } as PostData;
  const users = [userOf(RETWEET, recorded.author_id), author];
  return {
    data,
    includes: {
      users,
      tweets: [original.data],
      ...(original.includes.media ? { media: original.includes.media } : {}),
    },
    hashtags: original.hashtags,
  };
}

/** A quote post: its own text and a t.co link to the quoted post, which comes in `includes.tweets`. */
export function quotePost(id: string, quoted: FakePost, options: PostOptions): FakePost {
  const recorded = one(QUOTE);
  const quotedAuthor = quoted.includes.users.find((user) => user.id === quoted.data.author_id)!;
  const hashtags = options.hashtags ?? [];
  const { text, entities } = tagged(options.text, hashtags);
  const link = `https://t.co/q${id.slice(-8)}`;
  const expanded = `https://x.com/${quotedAuthor.username}/status/${quoted.data.id}`;
  const data = {
    ...recorded,
    ...fresh(id),
    text: `${text} ${link}`,
    entities: {
      ...entities,
      urls: [{ start: [...text].length + 1, end: [...text].length + 24, url: link, expanded_url: expanded }],
    },
    referenced_tweets: [{ type: 'quoted', id: quoted.data.id }],
  } as PostData;
  const users = [userOf(QUOTE, recorded.author_id), quotedAuthor];
  return { data, includes: { users, tweets: [quoted.data] }, hashtags: hashtags.map((tag) => tag.toLowerCase()) };
}

/** `#TownHall OR #MairieLive` (a rule value or a search query) as lower-case tags. */
export function queryTags(query: string): string[] {
  return [...query.matchAll(/#([\p{L}\p{N}_]+)/gu)].map((match) => match[1]!.toLowerCase());
}

export function mergeIncludes(page: FakePost[]): Record<string, unknown[]> {
  const merged: Record<string, Map<string, unknown>> = {};
  for (const post of page) {
    for (const [kind, list] of Object.entries(post.includes)) {
      const byKey = (merged[kind] ??= new Map());
      for (const entry of list as Record<string, string>[]) byKey.set(entry.id ?? entry.media_key ?? '', entry);
    }
  }
  return Object.fromEntries(Object.entries(merged).map(([kind, byKey]) => [kind, [...byKey.values()]]));
}

const X_EPOCH = 1_288_834_974_657n;
let sequence = 0n;
let lastId = 0n;

/** A snowflake id for now, like X's: later posts have larger ids. */
export function nextId(): string {
  const candidate = ((BigInt(Date.now()) - X_EPOCH) << 22n) | (sequence++ & 0x3fffffn);
  lastId = candidate > lastId ? candidate : lastId + 1n;
  return String(lastId);
}
