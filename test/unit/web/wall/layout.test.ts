import { describe, expect, it } from 'vitest';
import { CARD, mosaicGrid, wallFontSize } from '../../../../wall/lib/layout.js';

describe('wallFontSize', () => {
  it('scales with the width within bounds', () => {
    expect(wallFontSize(1920)).toBe(27);
    expect(wallFontSize(320)).toBe(16);
    expect(wallFontSize(7680)).toBe(40);
  });

  it('applies the theme scale, ignoring a nonsensical one', () => {
    expect(wallFontSize(1920, 1.5)).toBe(41);
    expect(wallFontSize(1920, 0)).toBe(27);
  });
});

describe('mosaicGrid', () => {
  it('fits whole cards in a 1080p area', () => {
    const grid = mosaicGrid(1872, 960);
    const cardWidth = CARD.minWidth * grid.fontSize;
    const cardHeight = CARD.height * grid.fontSize;
    const gap = CARD.gap * grid.fontSize;
    expect(grid.columns * cardWidth + (grid.columns - 1) * gap).toBeLessThanOrEqual(1872);
    expect(grid.rows * cardHeight + (grid.rows - 1) * gap).toBeLessThanOrEqual(960);
    expect((grid.columns + 1) * cardWidth + grid.columns * gap).toBeGreaterThan(1872);
    expect(grid.capacity).toBe(grid.columns * grid.rows);
  });

  it('shows at least one card, even before the area is measured', () => {
    expect(mosaicGrid(0, 0)).toMatchObject({ columns: 1, rows: 1, capacity: 1 });
  });
});
