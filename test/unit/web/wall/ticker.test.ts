import { describe, expect, it } from 'vitest';
import {
  LOOKAHEAD,
  MAX_FRAME_MS,
  TICKER_START,
  stripEnd,
  tickerArrive,
  tickerMeasure,
  tickerRemove,
  tickerStep,
  type TickerState,
} from '../../../../wall/lib/ticker.js';
import { publicItem } from '../items.fixture.js';

const pool = Array.from({ length: 5 }, (_, i) => publicItem(5 - i));
const frame = { elapsedMs: 0, speed: 100, viewport: 1000, pool };

/** Steps, measuring each new entry at `width`, until `done` or a limit. */
function runUntil(state: TickerState, width: number, done: (s: TickerState) => boolean, elapsedMs = 16): TickerState {
  let current = state;
  for (let i = 0; i < 10_000 && !done(current); i += 1) {
    current = tickerStep(current, { ...frame, elapsedMs }).state;
    for (const entry of current.entries) if (entry.width === null) current = tickerMeasure(current, entry.key, width);
  }
  return current;
}

describe('tickerStep', () => {
  it('starts on screen, then appends until the strip reaches past the right edge', () => {
    const first = tickerStep(TICKER_START, frame).state;
    expect(first.offset).toBe(0);
    expect(first.entries.map((e) => e.id)).toEqual([5]);
    // Nothing more until the first entry is measured.
    expect(tickerStep(first, frame).state.entries).toHaveLength(1);
    const filled = runUntil(first, 400, (s) => s.entries.length >= 4, 0);
    expect(filled.entries.map((e) => e.id)).toEqual([5, 4, 3, 2]);
    expect(stripEnd(filled)).toBeGreaterThan(1000 * (1 + LOOKAHEAD));
  });

  it('moves left at the given speed, a long frame counting as a short one', () => {
    const one = tickerMeasure(tickerStep(TICKER_START, frame).state, 1, 5000);
    expect(tickerStep(one, { ...frame, elapsedMs: 50 }).state.offset).toBe(-5);
    expect(tickerStep(one, { ...frame, elapsedMs: 60_000 }).state.offset).toBe(-(100 * MAX_FRAME_MS) / 1000);
  });

  it('drops entries that have left the screen and keeps the rest where they were', () => {
    let state = runUntil(TICKER_START, 400, (s) => s.entries.length >= 4, 0);
    state = { ...state, offset: -399 };
    const before = stripEnd(state);
    const after = tickerStep(state, { ...frame, elapsedMs: 20 }).state;
    expect(after.entries[0]?.id).toBe(4);
    expect(after.offset).toBeCloseTo(-1);
    expect(stripEnd(after)).toBeCloseTo(before - 2);
  });

  it('shows a fresh arrival next, then goes round again, a small pool repeating', () => {
    let state = runUntil(TICKER_START, 400, (s) => s.entries.length >= 4, 0);
    state = tickerArrive(state, 1);
    state = runUntil(state, 400, (s) => s.entries.some((e) => e.id === 1));
    expect(state.entries.at(-1)?.id).toBe(1);
    const small = [publicItem(2), publicItem(1)];
    let repeat: TickerState = TICKER_START;
    for (let i = 0; i < 6; i += 1) {
      repeat = tickerStep(repeat, { ...frame, pool: small }).state;
      for (const entry of repeat.entries) if (entry.width === null) repeat = tickerMeasure(repeat, entry.key, 300);
    }
    const order = repeat.entries.map((e) => e.id);
    expect(order.slice(0, 4)).toEqual([2, 1, 2, 1]);
  });

  it('brings the next strip in from the right once the first has run out', () => {
    const empty = { ...TICKER_START, started: true };
    expect(tickerStep(empty, frame).state.offset).toBe(1000);
  });

  it('stays empty with nothing to show', () => {
    expect(tickerStep(TICKER_START, { ...frame, pool: [] }).state.entries).toEqual([]);
  });
});

describe('tickerRemove and tickerMeasure', () => {
  it('removes every entry of a hidden item at once', () => {
    const state = runUntil(TICKER_START, 300, (s) => s.entries.length >= 5, 0);
    const removed = tickerRemove(state, 4);
    expect(removed.entries.map((e) => e.id)).not.toContain(4);
    expect(tickerRemove(removed, 4)).toBe(removed);
  });

  it('ignores a measure of an unknown entry or an unchanged width', () => {
    const state = tickerMeasure(tickerStep(TICKER_START, frame).state, 1, 300);
    expect(tickerMeasure(state, 99, 10)).toBe(state);
    expect(tickerMeasure(state, 1, 300)).toBe(state);
  });
});
