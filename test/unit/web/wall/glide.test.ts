import { describe, expect, it } from 'vitest';
import { offsetBetween } from '../../../../wall/lib/glide.js';

const grid = { stepX: 310, stepY: 220 };

describe('offsetBetween', () => {
  it('slides a card one cell along a row from the left', () => {
    expect(offsetBetween({ column: 0, row: 0 }, { column: 1, row: 0 }, grid)).toEqual({ x: -310, y: 0 });
  });

  it('brings a card that wrapped to the next row back from the end of the row above', () => {
    expect(offsetBetween({ column: 3, row: 0 }, { column: 0, row: 1 }, grid)).toEqual({ x: 930, y: -220 });
  });

  it('does not move a card that keeps its cell', () => {
    expect(offsetBetween({ column: 2, row: 1 }, { column: 2, row: 1 }, grid)).toEqual({ x: 0, y: 0 });
  });
});
