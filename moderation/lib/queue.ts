/**
 * Pure list operations of the moderation console: one list per status, each in the order a moderator works
 * through it, the filters, and the buttons each status offers. Lists are never mutated, and a list that an
 * update does not touch keeps its identity, so the open tab re-renders only when its own list changes.
 */
import type { Item, ItemStatus, SourceKind } from '../../server/protocol/items.js';
import type { ModerationAction, StatusCounts } from '../../server/protocol/socket.js';

export type QueueLists = Record<ItemStatus, Item[]>;

export const STATUSES: readonly ItemStatus[] = ['pending', 'approved', 'rejected', 'hidden'];

/** Items asked for per `queue:snapshot` page (the server accepts at most 500). */
export const QUEUE_PAGE = 100;

export function emptyLists(): QueueLists {
  return { pending: [], approved: [], rejected: [], hidden: [] };
}

export function zeroCounts(): StatusCounts {
  return { pending: 0, approved: 0, rejected: 0, hidden: 0 };
}

/** An item from the server, with the fields a server not yet sending them leaves out set to null. */
export function normalizeItem(item: Item): Item {
  if (item.starredBy !== undefined && item.holdUntil !== undefined) return item;
  return { ...item, starredBy: item.starredBy ?? null, holdUntil: item.holdUntil ?? null };
}

type Compare = (a: Item, b: Item) => number;

/** Pending: oldest first, a queue worked from the top. The others: most recently decided first. */
export function compareForStatus(status: ItemStatus): Compare {
  if (status === 'pending') return (a, b) => a.receivedAt - b.receivedAt || a.id - b.id;
  return (a, b) => decidedAt(b) - decidedAt(a) || b.id - a.id;
}

/** The order shown: the server's, or for pending items newest first when the moderator asked. */
export function displayCompare(status: ItemStatus, newestFirst: boolean): Compare {
  const compare = compareForStatus(status);
  return status === 'pending' && newestFirst ? (a, b) => compare(b, a) : compare;
}

/** The open tab's rows in display order (a reversed copy only when asked). */
export function displayOrder(list: Item[], status: ItemStatus, newestFirst: boolean): Item[] {
  return status === 'pending' && newestFirst ? list.toReversed() : list;
}

/** Replaces one status's list with a fresh snapshot page (an item listed twice is kept once: rows are keyed). */
export function setList(lists: QueueLists, status: ItemStatus, items: readonly Item[]): QueueLists {
  const unique = [...new Map(items.map((item) => [item.id, normalizeItem(item)])).values()];
  return { ...lists, [status]: unique.sort(compareForStatus(status)) };
}

/** Adds a further page to a status's list; an item already listed keeps its newer copy from the page. */
export function appendPage(lists: QueueLists, status: ItemStatus, items: readonly Item[]): QueueLists {
  const ids = new Set(items.map((item) => item.id));
  return setList(lists, status, [...lists[status].filter((item) => !ids.has(item.id)), ...items]);
}

/** What the moderator narrowed the lists to; the server applies it to pages, the console to live items. */
export interface QueueFilter {
  source: SourceKind | null;
  /** Already trimmed; empty for none. */
  search: string;
  starred: boolean;
}

export const NO_FILTER: QueueFilter = { source: null, search: '', starred: false };

export function isFiltered(filter: QueueFilter): boolean {
  return filter.source !== null || filter.search !== '' || filter.starred;
}

/** Lower case without accents, so "Élodie" matches "elodie" as the server's search does. */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Whether a live item belongs in the filtered lists (the server decides for the pages it sends). */
export function matchesFilter(item: Item, filter: QueueFilter): boolean {
  if (filter.source !== null && item.source !== filter.source) return false;
  if (filter.starred && !item.starredBy) return false;
  if (filter.search === '') return true;
  const needle = foldForSearch(filter.search);
  const haystack = [item.text, item.author.name, item.author.handle ?? ''].join('\n');
  return foldForSearch(haystack).includes(needle);
}

/** How far each list is loaded: null when complete, else the cursor of the next page. */
export type Cursors = Record<ItemStatus, string | null>;

export function noCursors(): Cursors {
  return { pending: null, approved: null, rejected: null, hidden: null };
}

export interface PlaceOptions {
  filter?: QueueFilter;
  cursors?: Cursors;
  /** Keep items newer than the loaded pages too (the pending list shown newest first). */
  keepNewest?: boolean;
}

/**
 * Puts an item in the list of its current status and takes it out of every other. It goes in only where it
 * belongs: it matches the filter, and it falls within the pages loaded so far (a list with more pages to load
 * gets the item from a later page instead, so the loaded part stays a contiguous run).
 */
export function placeItem(lists: QueueLists, incoming: Item, options: PlaceOptions = {}): QueueLists {
  const item = normalizeItem(incoming);
  let changed = false;
  const next = { ...lists };
  for (const status of STATUSES) {
    const without = removeById(lists[status], item.id);
    if (without !== lists[status]) {
      next[status] = without;
      changed = true;
    }
  }
  if (belongs(next[item.status], item, options)) {
    next[item.status] = insertSorted(next[item.status], item, compareForStatus(item.status));
    changed = true;
  }
  return changed ? next : lists;
}

function belongs(list: readonly Item[], item: Item, options: PlaceOptions): boolean {
  if (options.filter && !matchesFilter(item, options.filter)) return false;
  const complete = !options.cursors || options.cursors[item.status] === null;
  if (complete || (options.keepNewest && item.status === 'pending')) return true;
  const last = list.at(-1);
  return last !== undefined && compareForStatus(item.status)(item, last) < 0;
}

/** Replaces an item in place wherever it is listed; the same lists when it is not. */
export function replaceItem(lists: QueueLists, item: Item): QueueLists {
  const index = lists[item.status].findIndex((entry) => entry.id === item.id);
  if (index < 0) return lists;
  return { ...lists, [item.status]: lists[item.status].with(index, normalizeItem(item)) };
}

/** A copy with the item inserted at its sorted place (binary search: a 50,000-row list stays cheap). */
export function insertSorted(list: readonly Item[], item: Item, compare: Compare): Item[] {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(list[middle] as Item, item) <= 0) low = middle + 1;
    else high = middle;
  }
  return list.toSpliced(low, 0, item);
}

/** A copy without the item, or the same list when it was not there. */
export function removeById<T extends { id: number }>(list: T[], id: number): T[] {
  const index = list.findIndex((entry) => entry.id === id);
  return index < 0 ? list : list.toSpliced(index, 1);
}

/** Replaces one row by id, or returns the same list when the item is not in it. */
export function replaceById<T extends { id: number }>(list: T[], item: T): T[] {
  const index = list.findIndex((entry) => entry.id === item.id);
  return index < 0 ? list : list.with(index, item);
}

/** What a button says; `restore` sends `approve` for a rejected or hidden item. */
export type ActionLabel = ModerationAction | 'restore';

export interface ActionButton {
  action: ModerationAction;
  label: ActionLabel;
}

export function actionsFor(item: Pick<Item, 'status' | 'pinned'>): ActionButton[] {
  switch (item.status) {
    case 'pending':
      return [
        { action: 'approve', label: 'approve' },
        { action: 'reject', label: 'reject' },
      ];
    case 'approved':
      return [
        { action: 'hide', label: 'hide' },
        item.pinned ? { action: 'unpin', label: 'unpin' } : { action: 'pin', label: 'pin' },
      ];
    case 'rejected':
    case 'hidden':
      return [{ action: 'approve', label: 'restore' }];
  }
}

/** Whether the server accepts this action on an item with this status (mirrors its transitions). */
export function canApply(action: ModerationAction, item: Pick<Item, 'status' | 'pinned'>): boolean {
  switch (action) {
    case 'approve':
      return item.status !== 'approved';
    case 'reject':
      return item.status !== 'rejected';
    case 'hide':
      return item.status === 'approved';
    case 'pin':
      return item.status === 'approved' && !item.pinned;
    case 'unpin':
      return item.status === 'approved' && item.pinned;
  }
}

/** The status an action leaves the item in. */
export function statusAfter(action: ModerationAction): ItemStatus {
  if (action === 'approve' || action === 'pin' || action === 'unpin') return 'approved';
  return action === 'reject' ? 'rejected' : 'hidden';
}

function decidedAt(item: Item): number {
  return item.moderatedAt ?? item.receivedAt;
}
