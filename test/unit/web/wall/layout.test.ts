import { describe, expect, it } from 'vitest';
import {
  CARD,
  cardLayout,
  chooseLayout,
  fitCount,
  imagePlacement,
  mosaicGrid,
  orientationOf,
  pinnedSlots,
  tickerSpeed,
  UP_NEXT,
  minBodySize,
  upNextCount,
  wallFontSize,
} from '../../../../wall/lib/layout.js';

describe('chooseLayout', () => {
  it('follows the event, and ?layout= pins one screen', () => {
    expect(chooseLayout('spotlight', null)).toBe('spotlight');
    expect(chooseLayout('mosaic', 'Ticker')).toBe('ticker');
  });

  it('ignores an unknown ?layout= and falls back to the mosaic before the event is known', () => {
    expect(chooseLayout('spotlight', 'carousel')).toBe('spotlight');
    expect(chooseLayout(undefined, undefined)).toBe('mosaic');
  });
});

describe('orientationOf', () => {
  it('calls a clearly taller screen portrait', () => {
    expect(orientationOf(1080, 1920)).toBe('portrait');
    expect(orientationOf(1920, 1080)).toBe('landscape');
    expect(orientationOf(1000, 1050)).toBe('landscape');
  });
});

describe('wallFontSize', () => {
  it('scales with the screen so every resolution reads alike', () => {
    expect(wallFontSize(1920, 1080)).toBe(24);
    expect(wallFontSize(1080, 1920)).toBe(24);
    expect(wallFontSize(1280, 720)).toBe(16);
    expect(wallFontSize(3840, 2160)).toBe(48);
  });

  it('stays within bounds and applies the theme scale, ignoring a nonsensical one', () => {
    expect(wallFontSize(320, 240)).toBe(14);
    expect(wallFontSize(0, 0)).toBe(14);
    expect(wallFontSize(1920, 1080, 1.5)).toBe(36);
    expect(wallFontSize(1920, 1080, 0)).toBe(24);
    expect(wallFontSize(1920, 1080, Number.NaN)).toBe(24);
  });
});

describe('mosaicGrid', () => {
  const screens = [
    [1920, 1080],
    [1280, 720],
    [3840, 2160],
    [1080, 1920],
  ] as const;

  it.each(screens)('fits whole cards, no smaller than the minimum, filling a %ix%i area', (width, height) => {
    const font = wallFontSize(width, height);
    // The mosaic area: the screen less the padding, the title and the participation panel.
    const area = { width: width * 0.8, height: height * 0.85 };
    const grid = mosaicGrid(area.width, area.height, font);
    expect(grid.capacity).toBe(grid.columns * grid.rows);
    expect(grid.cell.width).toBeGreaterThanOrEqual(CARD.minWidth * font);
    expect(grid.cell.height).toBeGreaterThanOrEqual(CARD.minHeight * font);
    expect(grid.columns * grid.cell.width + (grid.columns - 1) * grid.gap).toBeCloseTo(area.width);
    expect(grid.rows * grid.cell.height + (grid.rows - 1) * grid.gap).toBeCloseTo(area.height);
    // One more column or row would not fit.
    expect((grid.columns + 1) * CARD.minWidth * font + grid.columns * grid.gap).toBeGreaterThan(area.width);
    expect((grid.rows + 1) * CARD.minHeight * font + grid.rows * grid.gap).toBeGreaterThan(area.height);
  });

  it('shows the same cards at 1080p and 4K, and more rows than columns in portrait', () => {
    const hd = mosaicGrid(1536, 918, 24);
    const uhd = mosaicGrid(3072, 1836, 48);
    expect(uhd.capacity).toBe(hd.capacity);
    const portrait = mosaicGrid(1030, 1500, 24);
    expect(portrait.rows).toBeGreaterThan(portrait.columns);
  });

  it.each(screens)('cuts a %ix%i area into half cards, whole smallest cards each way', (width, height) => {
    const font = wallFontSize(width, height);
    const area = { width: width * 0.8, height: height * 0.85 };
    const grid = mosaicGrid(area.width, area.height, font, 2);
    expect(grid.columns % 2).toBe(0);
    expect(grid.rows % 2).toBe(0);
    expect(grid.capacity).toBe((grid.columns / 2) * (grid.rows / 2));
    // Two cells and the gap between them make at least a smallest card.
    expect(2 * grid.cell.width + grid.gap).toBeGreaterThanOrEqual(CARD.minWidth * font);
    expect(2 * grid.cell.height + grid.gap).toBeGreaterThanOrEqual(CARD.minHeight * font);
    expect(grid.columns * grid.cell.width + (grid.columns - 1) * grid.gap).toBeCloseTo(area.width);
  });

  it('shows at least one card, even before the area is measured', () => {
    expect(mosaicGrid(0, 0, 16)).toMatchObject({ columns: 1, rows: 1, capacity: 1 });
  });
});

describe('fitCount', () => {
  it('counts items with gaps between them', () => {
    expect(fitCount(100, 30, 5)).toBe(3);
    expect(fitCount(99, 30, 5)).toBe(2);
    expect(fitCount(10, 30, 5)).toBe(1);
    expect(fitCount(100, 0, 5)).toBe(1);
  });
});

describe('pinnedSlots', () => {
  it('keeps at most half of the mosaic for pinned items, and at least one', () => {
    expect(pinnedSlots(9, 0)).toBe(0);
    expect(pinnedSlots(9, 2)).toBe(2);
    expect(pinnedSlots(9, 7)).toBe(4);
    expect(pinnedSlots(1, 3)).toBe(1);
  });
});

describe('minBodySize', () => {
  it('is 28 px at 1080p and in proportion to the screen’s height, the width on a portrait screen', () => {
    expect(minBodySize(1920, 1080)).toBe(28);
    expect(minBodySize(1280, 720)).toBeCloseTo(18.7, 1);
    expect(minBodySize(3840, 2160)).toBe(56);
    expect(minBodySize(1080, 1920)).toBe(28);
    expect(minBodySize(0, 0)).toBe(0);
  });
});

describe('upNextCount', () => {
  it('counts whole cards only, up to the maximum', () => {
    expect(upNextCount(100, 24)).toBe(0);
    expect(upNextCount(UP_NEXT.height * 24, 24)).toBe(1);
    expect(upNextCount(2 * UP_NEXT.height * 24 + UP_NEXT.gap * 24 + 0.5, 24)).toBe(2);
    expect(upNextCount(5000, 24)).toBe(4);
  });
});

describe('cardLayout', () => {
  const card = { width: 500, height: 300 };

  it('gives the text the inside of the card below the author line', () => {
    expect(cardLayout(card, 20, false)).toEqual({ text: { width: 468, height: 213 }, image: null });
  });

  it('puts an image beside the text in a wide card and above it in a tall one', () => {
    const wide = cardLayout(card, 20, true);
    expect(wide.image).toBe('side');
    expect(wide.text.width).toBeLessThan(468 * 0.6);
    const tall = cardLayout({ width: 300, height: 500 }, 20, true);
    expect(tall.image).toBe('top');
    expect(tall.text.height).toBeLessThan(413 * 0.6);
  });

  it('never gives negative room', () => {
    expect(cardLayout({ width: 10, height: 10 }, 20, true).text).toEqual({ width: 0, height: 0 });
  });

  it('places by aspect ratio', () => {
    expect(imagePlacement({ width: 400, height: 200 })).toBe('side');
    expect(imagePlacement({ width: 300, height: 300 })).toBe('top');
  });
});

describe('tickerSpeed', () => {
  it('grows with the type so the crawl reads the same on every screen', () => {
    expect(tickerSpeed(48)).toBe(2 * tickerSpeed(24));
  });
});
