/**
 * Pure list operations of the moderation console: one list per status, each in the order a moderator works
 * through it, and the buttons each status offers. Lists are never mutated.
 */
import type { Item, ItemStatus } from '../../server/protocol/items.js';
import type { ModerationAction, StatusCounts } from '../../server/protocol/socket.js';

export type QueueLists = Record<ItemStatus, Item[]>;

export const STATUSES: readonly ItemStatus[] = ['pending', 'approved', 'rejected', 'hidden'];

/** Items asked for per `queue:snapshot` page (the server accepts at most 500). */
export const QUEUE_PAGE = 200;

export function emptyLists(): QueueLists {
  return { pending: [], approved: [], rejected: [], hidden: [] };
}

export function zeroCounts(): StatusCounts {
  return { pending: 0, approved: 0, rejected: 0, hidden: 0 };
}

/** Pending: oldest first, a queue worked from the top. The others: most recently decided first. */
export function compareForStatus(status: ItemStatus): (a: Item, b: Item) => number {
  if (status === 'pending') return (a, b) => a.receivedAt - b.receivedAt || a.id - b.id;
  return (a, b) => decidedAt(b) - decidedAt(a) || b.id - a.id;
}

/** Replaces one status's list with a fresh snapshot page. */
export function setList(lists: QueueLists, status: ItemStatus, items: readonly Item[]): QueueLists {
  return { ...lists, [status]: [...items].sort(compareForStatus(status)) };
}

/** Adds a further page to a status's list; an item already listed keeps its newer copy from the page. */
export function appendPage(lists: QueueLists, status: ItemStatus, items: readonly Item[]): QueueLists {
  const ids = new Set(items.map((item) => item.id));
  return setList(lists, status, [...lists[status].filter((item) => !ids.has(item.id)), ...items]);
}

/** Puts an item in the list of its current status and takes it out of every other. */
export function placeItem(lists: QueueLists, item: Item): QueueLists {
  const next = emptyLists();
  for (const status of STATUSES) next[status] = lists[status].filter((existing) => existing.id !== item.id);
  next[item.status] = [...next[item.status], item].sort(compareForStatus(item.status));
  return next;
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

function decidedAt(item: Item): number {
  return item.moderatedAt ?? item.receivedAt;
}
