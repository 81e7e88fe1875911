import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ROW_HEIGHT,
  anchoredScrollTop,
  estimateHeight,
  revealScrollTop,
  rowOffsets,
  scrollCorrection,
  visibleRange,
} from '../../../../moderation/lib/virtual.js';

const uniform = (count: number, height = 100) => rowOffsets(count, () => height);

describe('rowOffsets', () => {
  it('adds up the heights, with the gap after each row', () => {
    expect([...rowOffsets(3, (index) => [10, 20, 30][index] ?? 0)]).toEqual([0, 10, 30, 60]);
    expect([...rowOffsets(2, () => 10, 5)]).toEqual([0, 15, 30]);
    expect([...rowOffsets(0, () => 10)]).toEqual([0]);
  });

  it('asks each of 50,000 rows its height once', () => {
    let asked = 0;
    const offsets = rowOffsets(50_000, () => {
      asked += 1;
      return 100;
    });
    expect(asked).toBe(50_000);
    expect(offsets[50_000]).toBe(5_000_000);
  });
});

describe('visibleRange', () => {
  it('covers the rows that intersect the viewport and the overscan', () => {
    const offsets = uniform(100);
    expect(visibleRange(offsets, 0, 300, 0)).toEqual({ start: 0, end: 3 });
    expect(visibleRange(offsets, 250, 300, 0)).toEqual({ start: 2, end: 6 });
    expect(visibleRange(offsets, 250, 300, 100)).toEqual({ start: 1, end: 7 });
  });

  it('stays within the list at both ends and when empty', () => {
    const offsets = uniform(10);
    expect(visibleRange(offsets, 0, 5000, 800)).toEqual({ start: 0, end: 10 });
    expect(visibleRange(offsets, 99_999, 300, 0)).toEqual({ start: 9, end: 10 });
    expect(
      visibleRange(
        rowOffsets(0, () => 1),
        0,
        300,
        0,
      ),
    ).toEqual({ start: 0, end: 0 });
  });

  it('renders a few dozen rows out of 50,000, wherever the scroll is', () => {
    const offsets = uniform(50_000, 160);
    const range = visibleRange(offsets, 4_000_000, 700, 800);
    expect(range.end - range.start).toBeLessThan(20);
    expect(offsets[range.start]).toBeLessThanOrEqual(4_000_000 - 800);
    expect(offsets[range.end]).toBeGreaterThanOrEqual(4_000_000 + 700 + 800);
  });

  it('works with rows of different heights', () => {
    const heights = [50, 400, 50, 50, 50];
    const offsets = rowOffsets(heights.length, (index) => heights[index] ?? 0);
    expect(visibleRange(offsets, 100, 100, 0)).toEqual({ start: 1, end: 2 });
    expect(visibleRange(offsets, 440, 100, 0)).toEqual({ start: 1, end: 4 });
  });
});

describe('revealScrollTop', () => {
  it('leaves a visible row alone', () => {
    expect(revealScrollTop(100, 200, 0, 500)).toBeNull();
  });

  it('scrolls up to a row above, down to a row below, with the margin', () => {
    expect(revealScrollTop(100, 200, 300, 500, 10)).toBe(90);
    expect(revealScrollTop(900, 1000, 0, 500, 10)).toBe(510);
  });

  it('aligns a row taller than the viewport by its top', () => {
    expect(revealScrollTop(900, 2000, 0, 500, 10)).toBe(890);
  });

  it('never goes above the top', () => {
    expect(revealScrollTop(0, 100, 50, 500, 10)).toBe(0);
  });
});

describe('estimates and correction', () => {
  it('estimates unmeasured rows from the measured ones', () => {
    expect(estimateHeight([])).toBe(DEFAULT_ROW_HEIGHT);
    expect(estimateHeight([100, 200])).toBe(150);
  });

  it('corrects the scroll by the change of rows entirely above the view', () => {
    const offsets = uniform(10);
    // Rows 0 and 1 are above a view starting at 250; row 2 straddles it; row 5 is below.
    const changes = [
      { index: 0, delta: 30 },
      { index: 1, delta: -10 },
      { index: 2, delta: 50 },
      { index: 5, delta: 80 },
    ];
    expect(scrollCorrection(changes, offsets, 250)).toBe(20);
    expect(scrollCorrection([], offsets, 250)).toBe(0);
  });
});

describe('anchoredScrollTop', () => {
  const before = (ids: number[]) => ({ ids, offsets: uniform(ids.length) });
  const after = (ids: number[]) => ({
    indexOf: new Map(ids.map((id, index) => [id, index])),
    offsets: uniform(ids.length),
  });

  it('keeps the top row in place when rows above it go', () => {
    // Viewing from 250 (row id 3, 50 px into it); rows 1 and 2 are approved by a colleague.
    expect(anchoredScrollTop(before([1, 2, 3, 4, 5]), after([3, 4, 5]), 250)).toBe(50);
  });

  it('keeps the top row in place when rows are added above it', () => {
    expect(anchoredScrollTop(before([3, 4, 5]), after([1, 2, 3, 4, 5]), 120)).toBe(320);
  });

  it('moves the next surviving row to the top when the top row went', () => {
    expect(anchoredScrollTop(before([1, 2, 3, 4, 5]), after([1, 2, 4, 5]), 250)).toBe(200);
  });

  it('stays at the very top so new rows come into view, and gives up when nothing survives', () => {
    expect(anchoredScrollTop(before([2, 3]), after([1, 2, 3]), 0)).toBeNull();
    expect(anchoredScrollTop(before([1, 2]), after([3]), 150)).toBeNull();
  });
});
