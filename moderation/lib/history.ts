/** The items this console acted on, most recent last, for `u` (undo the last action). */

/** Enough to walk back a burst of approvals; older actions stay undoable from the item's own row. */
export const HISTORY_LIMIT = 50;

/** The history with `id` as the most recent (moved to the end if it was already there). */
export function remember(history: readonly number[], id: number, limit = HISTORY_LIMIT): number[] {
  return [...history.filter((entry) => entry !== id), id].slice(-limit);
}

export function forget(history: readonly number[], id: number): number[] {
  return history.filter((entry) => entry !== id);
}
