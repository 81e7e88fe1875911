/**
 * The spotlight layout's order: one item large for a while, then the next. An item stays up for its reading time
 * (longer for a short one while nothing waits); fresh arrivals come first and end the extra time, never the
 * reading time, so a busy queue catches up by skipping the round of earlier items rather than by cutting anyone
 * short. The "up next" column shows what `spotlightTick` will pick, in order.
 */
import type { PublicItem } from '../../server/protocol/items.js';
import { EMPTY_CYCLE, peekNext, pushFresh, takeNext, type Cycle } from './rotation.js';

export const SPOTLIGHT_TIMING = {
  /** An item stays up at least this long while nothing waits, and at most this long whatever its length. */
  minMs: 8_000,
  maxMs: 180_000,
  /** While fresh arrivals wait, an item gives way after its reading time, and never before this. */
  freshMs: 4_000,
} as const;

export interface SpotlightState {
  current: number | null;
  /** When the current item went up. */
  since: number;
  /** How long it stays up while nothing waits. */
  dwell: number;
  /** Its reading time: how long it stays up whatever waits. */
  read: number;
  cycle: Cycle;
}

export const SPOTLIGHT_START: SpotlightState = { current: null, since: 0, dwell: 0, read: 0, cycle: EMPTY_CYCLE };

/** How long an item that takes `readMs` to read stays large while nothing waits. */
export function dwellFor(readMs: number, timing: typeof SPOTLIGHT_TIMING = SPOTLIGHT_TIMING): number {
  return Math.min(timing.maxMs, Math.max(timing.minMs, readMs));
}

/** How long it stays while fresh arrivals wait: its reading time, at least `freshMs`, at most its dwell. */
export function busyDwellFor(readMs: number, timing: typeof SPOTLIGHT_TIMING = SPOTLIGHT_TIMING): number {
  return Math.min(dwellFor(readMs, timing), Math.max(timing.freshMs, readMs));
}

/** A live arrival waits at the head of the queue; `spotlightTick` brings it up. */
export function spotlightArrive(state: SpotlightState, id: number): SpotlightState {
  return { ...state, cycle: pushFresh(state.cycle, id) };
}

export interface SpotlightTick {
  state: SpotlightState;
  wrapped: boolean;
}

/**
 * Moves on when the current item's time is up (after its reading time only, when a fresh arrival waits), or at
 * once when it is gone. `readMsOf` gives an item's reading time.
 */
export function spotlightTick(
  state: SpotlightState,
  pool: readonly PublicItem[],
  now: number,
  readMsOf: (id: number) => number,
  timing: typeof SPOTLIGHT_TIMING = SPOTLIGHT_TIMING,
): SpotlightTick {
  const held = new Set(pool.map((item) => item.id));
  const gone = state.current === null || !held.has(state.current);
  const freshWaiting = state.cycle.fresh.some((id) => held.has(id) && id !== state.current);
  const due = state.since + (freshWaiting ? busyDwellFor(state.read, timing) : state.dwell);
  if (!gone && now < due) return { state, wrapped: false };
  const pick = takeNext(state.cycle, pool, new Set(gone || state.current === null ? [] : [state.current]));
  if (pick.id === null) {
    // Nothing else to show: the current item stays (or the spotlight empties), and is checked again later.
    const current = gone ? null : state.current;
    return { state: { ...state, current, since: now, cycle: pick.cycle }, wrapped: false };
  }
  const read = readMsOf(pick.id);
  const dwell = dwellFor(read, timing);
  return { state: { current: pick.id, since: now, dwell, read, cycle: pick.cycle }, wrapped: pick.wrapped };
}

/** The next `count` items, in the order they will come up. */
export function spotlightUpNext(state: SpotlightState, pool: readonly PublicItem[], count: number): number[] {
  return peekNext(state.cycle, pool, new Set(state.current === null ? [] : [state.current]), count);
}
