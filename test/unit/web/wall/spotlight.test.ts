import { describe, expect, it } from 'vitest';
import { readingMs } from '../../../../wall/lib/reading.js';
import {
  SPOTLIGHT_START,
  SPOTLIGHT_TIMING,
  busyDwellFor,
  dwellFor,
  spotlightArrive,
  spotlightTick,
  spotlightUpNext,
  type SpotlightState,
} from '../../../../wall/lib/spotlight.js';
import { publicItem } from '../items.fixture.js';

const pool = Array.from({ length: 6 }, (_, i) => publicItem(6 - i));
const quick = () => 0;
const tick = (state: SpotlightState, now: number, items = pool) => spotlightTick(state, items, now, quick).state;
const words = (count: number) => Array.from({ length: count }, (_, i) => `mot${i}`).join(' ');

describe('dwellFor', () => {
  it('gives a text its reading time at 250 words a minute, and a short one a comfortable minimum', () => {
    expect(readingMs(words(250))).toBe(2_000 + 60_000);
    expect(dwellFor(readingMs('Bravo !'))).toBe(SPOTLIGHT_TIMING.minMs);
    expect(dwellFor(readingMs(words(100)))).toBe(readingMs(words(100)));
    expect(dwellFor(readingMs(words(100)))).toBeGreaterThan(dwellFor(readingMs(words(40))));
    expect(dwellFor(10_000_000)).toBe(SPOTLIGHT_TIMING.maxMs);
  });

  it('never goes below the reading time while others wait, only below the comfortable extra', () => {
    for (const count of [1, 10, 50, 100, 300]) {
      const read = readingMs(words(count));
      expect(busyDwellFor(read)).toBeGreaterThanOrEqual(Math.min(read, SPOTLIGHT_TIMING.maxMs));
      expect(busyDwellFor(read)).toBeLessThanOrEqual(dwellFor(read));
    }
    expect(busyDwellFor(readingMs('Bravo !'))).toBe(SPOTLIGHT_TIMING.freshMs);
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

  it('uses the reading time for the dwell', () => {
    const state = spotlightTick(SPOTLIGHT_START, pool, 0, () => 30_000).state;
    expect(state).toMatchObject({ dwell: 30_000, read: 30_000 });
  });

  it('keeps a long item up for its whole reading time however many arrivals wait, then takes them first', () => {
    const read = readingMs(words(120)); // about 31 s
    const readOf = (id: number) => (id === 6 ? read : 0);
    let state = spotlightTick(SPOTLIGHT_START, pool, 0, readOf).state;
    for (const id of [1, 2, 3]) state = spotlightArrive(state, id);
    expect(spotlightTick(state, pool, read - 1, readOf).state.current).toBe(6);
    const next = spotlightTick(state, pool, read, readOf).state;
    // The waiting arrivals come before the round of earlier items (5 and 4 lose their turn for now).
    expect(next.current).toBe(1);
    expect(spotlightUpNext(next, pool, 2)).toEqual([2, 3]);
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
