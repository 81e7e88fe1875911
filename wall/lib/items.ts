/**
 * Pure list operations on public items, used by the wall and the web view. Lists are newest first and never
 * mutated: each function returns a new array, so `$state.raw` fields update with a plain assignment.
 */
import type { Media, PublicItem } from '../../server/protocol/items.js';

/**
 * The wall holds this many approved items at most: enough to fill a 4K mosaic and to cycle through for a long
 * quiet spell, small enough that a wall running all day stays light (older ones are dropped first).
 */
export const WALL_CAP = 200;

/** When an item went on the wall; the order of the public feed. */
export function feedTime(item: PublicItem): number {
  return item.shownAt ?? item.createdAt;
}

/** Sort comparator: newest first, the id breaking ties so the order is stable. */
export function newestFirst(a: PublicItem, b: PublicItem): number {
  return feedTime(b) - feedTime(a) || b.id - a.id;
}

/** Adds or replaces `item`, keeps the newest first order, and drops the oldest past `cap`. */
export function upsertItem<T extends PublicItem>(list: readonly T[], item: T, cap = Infinity): T[] {
  return capList([item, ...list.filter((existing) => existing.id !== item.id)].sort(newestFirst), cap);
}

/** Replaces `item` only when it is already listed (an edit must not bring back an item dropped by the cap). */
export function replaceItem<T extends PublicItem>(list: readonly T[], item: T): T[] {
  return list.some((existing) => existing.id === item.id)
    ? list.map((existing) => (existing.id === item.id ? item : existing))
    : [...list];
}

export function removeItem<T extends PublicItem>(list: readonly T[], id: number): T[] {
  return list.filter((item) => item.id !== id);
}

/** Union by id, newest first; `incoming` wins over `list` for an id in both. */
export function mergeItems<T extends PublicItem>(list: readonly T[], incoming: readonly T[], cap = Infinity): T[] {
  const ids = new Set(incoming.map((item) => item.id));
  return capList([...incoming, ...list.filter((item) => !ids.has(item.id))].sort(newestFirst), cap);
}

/**
 * After a (re)connect, the snapshot is the truth for the period it covers: anything newer than its oldest item
 * that it does not hold was hidden meanwhile. Older items (pages the reader loaded) are kept.
 */
export function reconcileSnapshot<T extends PublicItem>(
  list: readonly T[],
  snapshot: readonly T[],
  cap = Infinity,
): T[] {
  const sorted = [...snapshot].sort(newestFirst);
  const oldest = sorted.at(-1);
  if (!oldest) return [];
  const older = list.filter((item) => newestFirst(item, oldest) > 0);
  return mergeItems(older, sorted, cap);
}

/** Splits `list` into the items newer than `pivot` and the rest (all newer when there is no pivot). */
export function partitionNewer<T extends PublicItem>(
  list: readonly T[],
  pivot: T | undefined,
): { newer: T[]; rest: T[] } {
  if (!pivot) return { newer: [...list], rest: [] };
  const newer = list.filter((item) => newestFirst(item, pivot) < 0);
  const rest = list.filter((item) => newestFirst(item, pivot) >= 0);
  return { newer, rest };
}

/** What the wall shows, in order: pinned items first, then the others, each newest first, no duplicates. */
export function wallOrder(pinned: readonly PublicItem[], items: readonly PublicItem[]): PublicItem[] {
  const pinnedIds = new Set(pinned.map((item) => item.id));
  return [...[...pinned].sort(newestFirst), ...items.filter((item) => !pinnedIds.has(item.id))];
}

/** Keeps the pinned list in step with an item's `pinned` flag after an update. */
export function syncPinned(pinned: readonly PublicItem[], item: PublicItem): PublicItem[] {
  return item.pinned ? upsertItem(pinned, item) : removeItem(pinned, item.id);
}

export interface DisplayImage {
  src: string;
  alt: string;
}

/**
 * The picture a screen loads for a media entry: a photo's screen-sized rendition when the server made one (a
 * large upload), else the photo; a video's or GIF's still preview.
 */
export function shownImageUrl(entry: Media): string | undefined {
  return entry.type === 'image' ? (entry.previewUrl ?? entry.url) : entry.previewUrl;
}

/** The still images an item can show: photos as they are, videos and GIFs through their preview. */
export function displayImages(media: readonly Media[]): DisplayImage[] {
  return media.flatMap((entry) => {
    const src = shownImageUrl(entry);
    // An empty alt marks the image decorative; the item's text is read right beside it.
    return src ? [{ src, alt: entry.alt ?? '' }] : [];
  });
}

function capList<T>(list: T[], cap: number): T[] {
  return list.length > cap ? list.slice(0, cap) : list;
}

/** The last `cap` ids seen, oldest forgotten first: hidden items a late page must not bring back. */
export class RecentIds {
  readonly #ids = new Set<number>();
  readonly #cap: number;

  constructor(cap: number) {
    this.#cap = cap;
  }

  add(id: number): void {
    this.#ids.delete(id);
    this.#ids.add(id);
    if (this.#ids.size > this.#cap) this.#ids.delete(this.#ids.values().next().value as number);
  }

  delete(id: number): void {
    this.#ids.delete(id);
  }

  has(id: number): boolean {
    return this.#ids.has(id);
  }
}
