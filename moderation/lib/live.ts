/**
 * "Pause live list": while paused the rows shown are frozen, so nothing moves under the cursor. New items
 * wait behind an "N new" button; items others act on stay in place, marked with what happened to them; the
 * moderator's own actions still take their rows out, as they expect.
 */
import type { Item, ItemStatus } from '../../server/protocol/items.js';
import { matchesFilter, removeById, replaceById, type QueueFilter } from './queue.js';

/** The frozen rows with one item's latest copy, if it is among them. */
export function updateFrozen(frozen: Item[], item: Item): Item[] {
  return replaceById(frozen, item);
}

/** The frozen rows without the item the moderator just acted on. */
export function dropFrozen(frozen: Item[], id: number): Item[] {
  return removeById(frozen, id);
}

/** Live rows not on screen yet: they wait behind the "N new" button. */
export function heldItems(live: readonly Item[], frozen: readonly Item[]): Item[] {
  const shown = new Set(frozen.map((row) => row.id));
  return live.filter((row) => !shown.has(row.id));
}

/**
 * A row that no longer belongs to the open tab (someone moved it, or it no longer matches the filter): shown
 * greyed out with who did what, and no action applies to it.
 */
export function isDeparted(item: Item, tab: ItemStatus, filter: QueueFilter): boolean {
  return item.status !== tab || !matchesFilter(item, filter);
}

/** A further page loaded while paused: its rows join the frozen ones (the moderator asked for them). */
export function withPage(frozen: Item[], live: readonly Item[], page: readonly Item[]): Item[] {
  const shown = new Set(frozen.map((row) => row.id));
  const fetched = new Set(page.map((item) => item.id));
  const added = live.filter((row) => !shown.has(row.id) && fetched.has(row.id));
  return added.length === 0 ? frozen : [...frozen, ...added];
}
