/** Dedupe step: drops an item the store already holds (a reconnect replay, a webhook retry, a boost). */
import type { SourceKind } from '../protocol/items.js';
import type { SanitizedItem } from './types.js';

/** Lookup into the store (asynchronous); dedupe never records anything itself, the store's unique key does. */
export interface DedupeContext {
  seen(source: SourceKind, sourceId: string): Promise<boolean>;
}

/** `new` carries the item with its canonical `sourceId`, the one to store. */
export type DedupeResult =
  { kind: 'new'; item: SanitizedItem } | { kind: 'duplicate'; source: SourceKind; sourceId: string };

/** A URI whose scheme and host are lower-case ASCII already, as nearly all are: nothing to change. */
const LOWER_CASE_ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[^/?#A-Z\u0080-\uffff]*(?:[/?#]|$)/;

/**
 * Ids compare exactly (X and Bluesky ids, Message-IDs and Twilio SIDs are case-sensitive) except the host of a
 * Mastodon URI, which is case-insensitive like any host: `https://Mastodon.Social/users/a/statuses/1` and
 * `https://mastodon.social/users/a/statuses/1` are one status.
 */
export function canonicalSourceId(source: SourceKind, sourceId: string): string {
  if (source !== 'mastodon' || LOWER_CASE_ORIGIN.test(sourceId)) return sourceId;
  return sourceId.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i, (_, scheme: string, host: string) =>
    (scheme + host).toLowerCase(),
  );
}

/** Returns the item with its canonical id, or `duplicate` when `ctx.seen` knows that id. */
export async function dedupe(item: SanitizedItem, ctx: DedupeContext): Promise<DedupeResult> {
  const sourceId = canonicalSourceId(item.source, item.sourceId);
  if (await ctx.seen(item.source, sourceId)) return { kind: 'duplicate', source: item.source, sourceId };
  return { kind: 'new', item: sourceId === item.sourceId ? item : { ...item, sourceId } };
}
