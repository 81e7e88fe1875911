import { describe, expect, it } from 'vitest';
import { offsetBetween } from '../../../../wall/lib/glide.js';

const grid = { columns: 4, stepX: 310, stepY: 220 };

describe('offsetBetween', () => {
  it('slides a card one place along a row from the left', () => {
    expect(offsetBetween(0, 1, grid)).toEqual({ x: -310, y: 0 });
  });

  it('brings a card that wrapped to the next row back from the end of the row above', () => {
    expect(offsetBetween(3, 4, grid)).toEqual({ x: 930, y: -220 });
  });

  it('does not move a card that keeps its place', () => {
    expect(offsetBetween(5, 5, grid)).toEqual({ x: 0, y: 0 });
  });

  it('treats a degenerate grid as one column', () => {
    expect(offsetBetween(0, 2, { columns: 0, stepX: 100, stepY: 50 })).toEqual({ x: 0, y: -100 });
  });
});
