import { describe, expect, it } from 'vitest';
import { EMPTY_CYCLE, FRESH_CAP, dropFresh, peekNext, pushFresh, takeNext } from '../../../../wall/lib/rotation.js';
import { publicItem } from '../items.fixture.js';

/** Items 10 (newest) down to 1. */
const pool = Array.from({ length: 10 }, (_, i) => publicItem(10 - i));
const none = new Set<number>();

/** The ids `takeNext` gives `count` times in a row, and whether each one wrapped. */
function run(count: number, exclude = none, cycle = EMPTY_CYCLE): { ids: number[]; wraps: boolean[] } {
  const ids: number[] = [];
  const wraps: boolean[] = [];
  let current = cycle;
  for (let i = 0; i < count; i += 1) {
    const pick = takeNext(current, pool, exclude);
    if (pick.id !== null) ids.push(pick.id);
    wraps.push(pick.wrapped);
    current = pick.cycle;
  }
  return { ids, wraps };
}

describe('takeNext', () => {
  it('goes round from the newest to the oldest, then starts again', () => {
    const { ids, wraps } = run(12);
    expect(ids).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 10, 9]);
    expect(wraps.indexOf(true)).toBe(10);
    expect(wraps.filter(Boolean)).toHaveLength(1);
  });

  it('skips what is on screen', () => {
    expect(run(4, new Set([10, 8, 7])).ids).toEqual([9, 6, 5, 4]);
  });

  it('shows fresh arrivals first, in the order they came, then resumes the round', () => {
    const start = takeNext(takeNext(EMPTY_CYCLE, pool, none).cycle, pool, none).cycle; // 10 and 9 shown
    const withFresh = pushFresh(pushFresh(start, 3), 5);
    expect(run(4, none, withFresh).ids).toEqual([3, 5, 8, 7]);
  });

  it('resumes after the last item even when it was hidden since', () => {
    const afterSix = { fresh: [], last: { at: 6000, id: 6 } };
    const withoutSix = pool.filter((item) => item.id !== 6);
    expect(takeNext(afterSix, withoutSix, none).id).toBe(5);
  });

  it('forgets fresh ids that are no longer held', () => {
    const pick = takeNext(pushFresh(EMPTY_CYCLE, 42), pool, none);
    expect(pick.id).toBe(10);
    expect(pick.cycle.fresh).toEqual([]);
  });

  it('gives nothing when everything is on screen or the pool is empty', () => {
    expect(takeNext(EMPTY_CYCLE, pool, new Set(pool.map((item) => item.id))).id).toBeNull();
    expect(takeNext(EMPTY_CYCLE, [], none)).toEqual({ id: null, cycle: EMPTY_CYCLE, wrapped: false });
  });
});

describe('peekNext', () => {
  it('lists what takeNext will give, without changing the cycle', () => {
    const cycle = pushFresh(EMPTY_CYCLE, 4);
    expect(peekNext(cycle, pool, new Set([10]), 3)).toEqual([4, 9, 8]);
    expect(run(3, new Set([10]), cycle).ids).toEqual([4, 9, 8]);
    expect(cycle.fresh).toEqual([4]);
  });

  it('stops when there is nothing else', () => {
    expect(peekNext(EMPTY_CYCLE, pool.slice(0, 2), none, 5)).toEqual([10, 9]);
  });
});

describe('pushFresh and dropFresh', () => {
  it('queues an id once, and forgets the oldest past the cap', () => {
    let cycle = pushFresh(pushFresh(EMPTY_CYCLE, 1), 1);
    expect(cycle.fresh).toEqual([1]);
    for (let id = 2; id <= FRESH_CAP + 5; id += 1) cycle = pushFresh(cycle, id);
    expect(cycle.fresh).toHaveLength(FRESH_CAP);
    expect(cycle.fresh[0]).toBe(6);
    expect(dropFresh(cycle, 6).fresh[0]).toBe(7);
    expect(dropFresh(cycle, 999)).toBe(cycle);
  });
});
