/**
 * Edits on X. Each edit is a new post with a new id; its `edit_history_tweet_ids` lists every version, the
 * original first (https://docs.x.com/x-api/fundamentals/edit-posts). The item keeps the original's id (see
 * pipeline/normalize/x.ts), so an edit goes to intake as a revision of the stored item, not as a second item.
 */
import { newerId } from './policy.js';

/** One version of an edited post; for a retweet, of the post it retweets. */
export interface XVersion {
  originalId: string;
  versionId: string;
}

type Post = { id?: unknown; edit_history_tweet_ids?: unknown; referenced_tweets?: unknown };

const isIdList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.length > 0 && value.every((id) => typeof id === 'string' && id !== '');

/** The version a payload carries when it is an edit (more than one id in its history), or null. */
export function editedVersion(payload: unknown): XVersion | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const { data, includes } = payload as { data?: unknown; includes?: { tweets?: unknown } };
  const post = (Array.isArray(data) ? data[0] : data) as Post | undefined;
  if (typeof post !== 'object' || post === null) return null;
  const shown = retweeted(post, includes?.tweets) ?? post;
  const history = shown.edit_history_tweet_ids;
  if (!isIdList(history) || history.length < 2 || typeof shown.id !== 'string') return null;
  return { originalId: history[0]!, versionId: shown.id };
}

/** A retweet stands for the post it retweets, which comes in `includes.tweets`. */
function retweeted(post: Post, tweets: unknown): Post | undefined {
  if (!Array.isArray(post.referenced_tweets) || !Array.isArray(tweets)) return undefined;
  const ref = (post.referenced_tweets as { type?: unknown; id?: unknown }[]).find((r) => r?.type === 'retweeted');
  return ref === undefined ? undefined : (tweets as Post[]).find((tweet) => tweet?.id === ref.id);
}

/**
 * The newest version seen of each edited post, so that an older one arriving late (a backfill overlapping the
 * stream) does not undo a newer edit. Post ids grow with time. Bounded: the oldest posts are forgotten first.
 */
export class NewestVersions {
  readonly #newest = new Map<string, string>();

  constructor(readonly limit = 5_000) {}

  /** Records the version and says whether it is newer than every version of its post seen before. */
  isNewest({ originalId, versionId }: XVersion): boolean {
    const known = this.#newest.get(originalId);
    if (known !== undefined && newerId(known, versionId) === known) return false;
    this.#newest.delete(originalId);
    this.#newest.set(originalId, versionId);
    if (this.#newest.size > this.limit) this.#newest.delete(this.#newest.keys().next().value!);
    return true;
  }
}
