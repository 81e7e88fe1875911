/**
 * The selected row and the bulk selection, as pure functions of the rows shown. The selection is kept as the
 * item last chosen, not as an index: when that item leaves the list (acted on here or by someone else), the
 * selection falls on the row that came after it in the list's order, which is where the moderator's eyes are.
 */
import type { Item } from '../../server/protocol/items.js';

type Compare = (a: Item, b: Item) => number;

/**
 * The row to show as selected: the wanted item if it is still listed, else the first row ordered after it,
 * else the last row; the first row when nothing was chosen yet.
 */
export function resolveSelection(rows: readonly Item[], wanted: Item | null, compare: Compare): Item | null {
  if (rows.length === 0) return null;
  if (wanted === null) return rows[0] ?? null;
  const same = rows.find((row) => row.id === wanted.id);
  if (same) return same;
  return rows.find((row) => compare(wanted, row) < 0) ?? rows.at(-1) ?? null;
}

/** One step down (+1) or up (-1) from the current row, stopping at either end. */
export function moveSelection(rows: readonly Item[], current: Item | null, delta: number): Item | null {
  if (rows.length === 0) return null;
  const index = current ? rows.findIndex((row) => row.id === current.id) : -1;
  if (index < 0) return rows[0] ?? null;
  const target = Math.min(rows.length - 1, Math.max(0, index + delta));
  return rows[target] ?? null;
}

/**
 * The row to select once an action moves `acted` out of the list: the next one that is not itself waiting
 * for an acknowledgement (so fast repeated keys never land twice on one item), else the one before.
 */
export function nextAfter(rows: readonly Item[], acted: Item, skip: (item: Item) => boolean): Item | null {
  const index = rows.findIndex((row) => row.id === acted.id);
  if (index < 0) return null;
  const after = rows.slice(index + 1).find((row) => !skip(row));
  if (after) return after;
  return rows.slice(0, index).findLast((row) => !skip(row)) ?? null;
}

/** An empty bulk selection (sets are replaced, never changed, so one shared empty set is safe). */
export const NO_IDS: ReadonlySet<number> = new Set<number>();

/** The bulk selection with this id added or removed. */
export function toggleId(set: ReadonlySet<number>, id: number): ReadonlySet<number> {
  const next = new Set(set);
  if (!next.delete(id)) next.add(id);
  return next;
}

/** The bulk selection without ids no longer shown; the same set when nothing left. */
export function pruneIds(set: ReadonlySet<number>, rows: readonly Item[]): ReadonlySet<number> {
  if (set.size === 0) return set;
  const shown = new Set(rows.map((row) => row.id));
  const kept = [...set].filter((id) => shown.has(id));
  return kept.length === set.size ? set : new Set(kept);
}

/** The rows of the bulk selection, in the order shown (so a bulk approval reaches the wall in queue order). */
export function bulkTargets(rows: readonly Item[], set: ReadonlySet<number>): Item[] {
  return set.size === 0 ? [] : rows.filter((row) => set.has(row.id));
}
