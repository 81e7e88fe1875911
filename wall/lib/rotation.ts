/**
 * What the wall shows next, shared by the three layouts: live arrivals first, in the order they came, then a
 * round through the earlier items it holds, newest to oldest, starting again at the newest. Pure functions of
 * plain values: the layouts' timers only decide *when* to ask.
 */
import type { PublicItem } from '../../server/protocol/items.js';
import { feedTime } from './items.js';

/** A position in the round: the feed time and id of the last item brought back. */
export interface RoundMark {
  at: number;
  id: number;
}

export interface Cycle {
  /** Ids that arrived live and have not been shown yet, oldest first. */
  fresh: number[];
  /** The last earlier item brought back; the round resumes after it (even if it was hidden since). */
  last: RoundMark | null;
}

export const EMPTY_CYCLE: Cycle = { fresh: [], last: null };

export interface Pick {
  id: number | null;
  cycle: Cycle;
  /** True when the round came back to the newest item: everything held has been shown once. */
  wrapped: boolean;
}

/** Live arrivals waiting at most; past it the oldest waiting ones simply come back with the round. */
export const FRESH_CAP = 20;

/** Queues a live arrival to be shown next (once). */
export function pushFresh(cycle: Cycle, id: number): Cycle {
  if (cycle.fresh.includes(id)) return cycle;
  return { ...cycle, fresh: [...cycle.fresh, id].slice(-FRESH_CAP) };
}

/** Forgets an id that was hidden. */
export function dropFresh(cycle: Cycle, id: number): Cycle {
  return cycle.fresh.includes(id) ? { ...cycle, fresh: cycle.fresh.filter((fresh) => fresh !== id) } : cycle;
}

/**
 * The next item to show and the cycle after it: the oldest fresh arrival still held, else the next earlier item
 * of the round that is not in `exclude` (what is on screen already). Null when there is nothing else to show.
 */
export function takeNext(cycle: Cycle, pool: readonly PublicItem[], exclude: ReadonlySet<number>): Pick {
  const held = new Set(pool.map((item) => item.id));
  const fresh = cycle.fresh.filter((id) => held.has(id));
  const next = fresh.find((id) => !exclude.has(id));
  if (next !== undefined) {
    return { id: next, cycle: { ...cycle, fresh: fresh.filter((id) => id !== next) }, wrapped: false };
  }
  const waiting = new Set(fresh);
  const found = resumeIndex(pool, cycle.last);
  // Nothing older than the last one: the round is over and starts again at the newest.
  const start = found < 0 ? 0 : found;
  for (let step = 0; step < pool.length; step += 1) {
    const item = pool[(start + step) % pool.length];
    if (!item || exclude.has(item.id) || waiting.has(item.id)) continue;
    const wrapped = (cycle.last !== null && found < 0) || start + step >= pool.length;
    return { id: item.id, cycle: { fresh, last: markOf(item) }, wrapped };
  }
  return { id: null, cycle: { ...cycle, fresh }, wrapped: false };
}

/** The ids `takeNext` would give `count` times in a row, each excluded from the next, without changing anything. */
export function peekNext(
  cycle: Cycle,
  pool: readonly PublicItem[],
  exclude: ReadonlySet<number>,
  count: number,
): number[] {
  const ids: number[] = [];
  const skip = new Set(exclude);
  let current = cycle;
  while (ids.length < count) {
    const pick = takeNext(current, pool, skip);
    if (pick.id === null) break;
    ids.push(pick.id);
    skip.add(pick.id);
    current = pick.cycle;
  }
  return ids;
}

export function markOf(item: PublicItem): RoundMark {
  return { at: feedTime(item), id: item.id };
}

/** Index of the first item older than `last` in a newest-first pool: 0 at the start, -1 past the oldest. */
function resumeIndex(pool: readonly PublicItem[], last: RoundMark | null): number {
  if (last === null) return 0;
  // The same order as `newestFirst`: feed time, then id.
  return pool.findIndex((item) => feedTime(item) < last.at || (feedTime(item) === last.at && item.id < last.id));
}
