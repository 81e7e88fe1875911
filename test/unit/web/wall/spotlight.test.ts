import { describe, expect, it } from 'vitest';
import {
  SPOTLIGHT_START,
  SPOTLIGHT_TIMING,
  dwellFor,
  spotlightArrive,
  spotlightTick,
  spotlightUpNext,
  type SpotlightState,
} from '../../../../wall/lib/spotlight.js';
import { publicItem } from '../items.fixture.js';

const pool = Array.from({ length: 6 }, (_, i) => publicItem(6 - i));
const chars = () => 0;
const tick = (state: SpotlightState, now: number, items = pool) => spotlightTick(state, items, now, chars).state;

describe('dwellFor', () => {
  it('gives longer texts more time, within bounds', () => {
    expect(dwellFor(0)).toBe(SPOTLIGHT_TIMING.minMs);
    expect(dwellFor(100)).toBeGreaterThan(dwellFor(10));
    expect(dwellFor(5000)).toBe(SPOTLIGHT_TIMING.maxMs);
  });
});

describe('spotlightTick', () => {
  it('starts with the newest item and moves on when its time is up', () => {
    const first = tick(SPOTLIGHT_START, 0);
    expect(first.current).toBe(6);
    expect(tick(first, SPOTLIGHT_TIMING.minMs - 1)).toBe(first);
    expect(tick(first, SPOTLIGHT_TIMING.minMs).current).toBe(5);
  });

  it('cuts the dwell short for a fresh arrival, but not below freshMs', () => {
    const first = tick(SPOTLIGHT_START, 0);
    const waiting = spotlightArrive(first, 2);
    expect(tick(waiting, SPOTLIGHT_TIMING.freshMs - 1).current).toBe(6);
    const next = tick(waiting, SPOTLIGHT_TIMING.freshMs);
    expect(next.current).toBe(2);
    // Then the round resumes where it was.
    expect(tick(next, SPOTLIGHT_TIMING.freshMs + SPOTLIGHT_TIMING.minMs).current).toBe(5);
  });

  it('moves on at once when the current item is hidden', () => {
    const first = tick(SPOTLIGHT_START, 0);
    expect(tick(first, 10, pool.slice(1)).current).toBe(5);
  });

  it('keeps a lone item up and empties when nothing is left', () => {
    const lone = [publicItem(1)];
    const first = tick(SPOTLIGHT_START, 0, lone);
    expect(tick(first, 60_000, lone).current).toBe(1);
    expect(tick(first, 60_000, []).current).toBeNull();
  });

  it('uses the text length for the dwell', () => {
    const state = spotlightTick(SPOTLIGHT_START, pool, 0, () => 200).state;
    expect(state.dwell).toBe(dwellFor(200));
  });
});

describe('spotlightUpNext', () => {
  it('lists the next items in the order they come up', () => {
    let state = spotlightArrive(tick(SPOTLIGHT_START, 0), 3);
    const upcoming = spotlightUpNext(state, pool, 3);
    expect(upcoming).toEqual([3, 5, 4]);
    const shown: number[] = [];
    for (let t = 1; shown.length < 3; t += 1) {
      state = tick(state, t * SPOTLIGHT_TIMING.maxMs);
      shown.push(state.current ?? -1);
    }
    expect(shown).toEqual(upcoming);
  });
});
