import { describe, expect, it } from 'vitest';
import {
  MOSAIC_TIMING,
  longestShown,
  mosaicArrive,
  mosaicFill,
  mosaicStart,
  mosaicTick,
  type MosaicState,
} from '../../../../wall/lib/mosaic.js';
import { publicItem } from '../items.fixture.js';

const pool = Array.from({ length: 10 }, (_, i) => publicItem(10 - i));
const ids = (state: MosaicState) => state.slots.map((slot) => slot.id);
const { idleMs, swapMs } = MOSAIC_TIMING;

describe('mosaicFill', () => {
  it('fills the cards with the newest items', () => {
    expect(ids(mosaicFill(mosaicStart(0), pool, 4, 0))).toEqual([10, 9, 8, 7]);
  });

  it('drops items no longer held and fills the gap at the end', () => {
    const full = mosaicFill(mosaicStart(0), pool, 4, 0);
    const without9 = pool.filter((item) => item.id !== 9);
    expect(ids(mosaicFill(full, without9, 4, 5))).toEqual([10, 8, 7, 6]);
  });

  it('trims to a smaller capacity and keeps the same object when nothing changes', () => {
    const full = mosaicFill(mosaicStart(0), pool, 4, 0);
    expect(ids(mosaicFill(full, pool, 2, 0))).toEqual([10, 9]);
    expect(mosaicFill(full, pool, 4, 99)).toBe(full);
  });
});

describe('mosaicArrive', () => {
  it('puts the new item first and lets the last card go', () => {
    const full = mosaicFill(mosaicStart(0), pool, 3, 0);
    const next = mosaicArrive(full, 11, 3, 1000);
    expect(ids(next)).toEqual([11, 10, 9]);
    expect(next.arrivedAt).toBe(1000);
  });

  it('moves an item already shown to the front instead of doubling it', () => {
    const full = mosaicFill(mosaicStart(0), pool, 3, 0);
    expect(ids(mosaicArrive(full, 8, 3, 1000))).toEqual([8, 10, 9]);
  });
});

describe('mosaicTick', () => {
  const full = mosaicFill(mosaicStart(0), pool, 4, 0);

  it('keeps still while arrivals are recent', () => {
    expect(mosaicTick(full, pool, idleMs - 1).state).toBe(full);
  });

  it('once quiet, replaces one card in place with the next earlier item, every swapMs', () => {
    const first = mosaicTick(full, pool, idleMs).state;
    expect(first.slots.filter((slot) => slot.id === 6)).toHaveLength(1);
    expect(ids(first).filter((id) => !ids(full).includes(id))).toEqual([6]);
    expect(mosaicTick(first, pool, idleMs + swapMs - 1).state).toBe(first);
    const second = mosaicTick(first, pool, idleMs + swapMs).state;
    expect(ids(second)).toContain(5);
    expect(ids(second)).toHaveLength(4);
  });

  it('replaces the card that has been up longest', () => {
    let state = full;
    const seen: number[] = [];
    for (let step = 0; step < 4; step += 1) {
      const before = ids(state);
      state = mosaicTick(state, pool, idleMs + step * swapMs).state;
      seen.push(before.find((id) => !ids(state).includes(id)) ?? -1);
    }
    // Each of the four first cards gave way once, in a spread-out order.
    expect([...seen].sort((a, b) => a - b)).toEqual([7, 8, 9, 10]);
  });

  it('comes back round and says so, so the wall can fetch an older page', () => {
    let state = mosaicFill(mosaicStart(0), pool, 8, 0);
    let wrapped = false;
    for (let step = 0; step < 3 && !wrapped; step += 1) {
      ({ state, wrapped } = mosaicTick(state, pool, idleMs + step * swapMs));
    }
    expect(wrapped).toBe(true);
  });

  it('does nothing when every item is already on screen', () => {
    const all = mosaicFill(mosaicStart(0), pool.slice(0, 3), 4, 0);
    expect(ids(mosaicTick(all, pool.slice(0, 3), idleMs).state)).toEqual([10, 9, 8]);
  });
});

describe('longestShown', () => {
  it('picks the oldest card, spreading ties', () => {
    const slots = [
      { id: 1, since: 5 },
      { id: 2, since: 1 },
      { id: 3, since: 9 },
    ];
    expect(longestShown(slots, 0)).toBe(1);
    const tied = [0, 1, 2, 3].map((id) => ({ id, since: 0 }));
    expect(new Set([0, 1, 2, 3].map((swaps) => longestShown(tied, swaps))).size).toBeGreaterThan(1);
  });
});
