/**
 * The spotlight layout's order: one item large for a while, then the next. Fresh arrivals come first and cut a
 * long dwell short, so a new message is up within seconds; otherwise the round of earlier items goes on. The
 * "up next" column shows what `spotlightTick` will pick, in order.
 */
import type { PublicItem } from '../../server/protocol/items.js';
import { EMPTY_CYCLE, peekNext, pushFresh, takeNext, type Cycle } from './rotation.js';

export const SPOTLIGHT_TIMING = {
  /** Shortest and longest time an item stays large; longer texts stay longer. */
  minMs: 8_000,
  maxMs: 14_000,
  perCharMs: 30,
  /** An item gives way after this long when a fresh arrival is waiting. */
  freshMs: 4_000,
} as const;

export interface SpotlightState {
  current: number | null;
  /** When the current item went up. */
  since: number;
  /** How long it stays up. */
  dwell: number;
  cycle: Cycle;
}

export const SPOTLIGHT_START: SpotlightState = { current: null, since: 0, dwell: 0, cycle: EMPTY_CYCLE };

/** How long an item of `chars` characters stays large: time to read it from the back of the room. */
export function dwellFor(chars: number, timing: typeof SPOTLIGHT_TIMING = SPOTLIGHT_TIMING): number {
  return Math.min(timing.maxMs, Math.max(timing.minMs, timing.minMs + chars * timing.perCharMs));
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
 * Moves on when the current item's time is up (sooner when a fresh arrival waits), or at once when it is gone.
 * `charsOf` gives an item's length for its dwell time.
 */
export function spotlightTick(
  state: SpotlightState,
  pool: readonly PublicItem[],
  now: number,
  charsOf: (id: number) => number,
  timing: typeof SPOTLIGHT_TIMING = SPOTLIGHT_TIMING,
): SpotlightTick {
  const held = new Set(pool.map((item) => item.id));
  const gone = state.current === null || !held.has(state.current);
  const freshWaiting = state.cycle.fresh.some((id) => held.has(id) && id !== state.current);
  const due = state.since + (freshWaiting ? Math.min(state.dwell, timing.freshMs) : state.dwell);
  if (!gone && now < due) return { state, wrapped: false };
  const pick = takeNext(state.cycle, pool, new Set(gone || state.current === null ? [] : [state.current]));
  if (pick.id === null) {
    // Nothing else to show: the current item stays (or the spotlight empties), and is checked again later.
    const current = gone ? null : state.current;
    return { state: { ...state, current, since: now, cycle: pick.cycle }, wrapped: false };
  }
  const dwell = dwellFor(charsOf(pick.id), timing);
  return { state: { current: pick.id, since: now, dwell, cycle: pick.cycle }, wrapped: pick.wrapped };
}

/** The next `count` items, in the order they will come up. */
export function spotlightUpNext(state: SpotlightState, pool: readonly PublicItem[], count: number): number[] {
  return peekNext(state.cycle, pool, new Set(state.current === null ? [] : [state.current]), count);
}
