import { describe, expect, it } from 'vitest';
import { mosaicGrid } from '../../../../wall/lib/layout.js';
import {
  SUBDIVISION,
  chooseSpan,
  packCards,
  spanCandidates,
  spanSize,
  type Span,
} from '../../../../wall/lib/mosaic-pack.js';
import { measureText } from '../../../../wall/lib/text-fit.js';

/** The mosaic area of a 1920×1080 wall, base type 24 px, smallest message text 28 px. */
const grid = mosaicGrid(1540, 950, 24, SUBDIVISION);
const fonts = { card: 24, minBody: 28, maxScale: 1.7 };
const text = (length: number) => measureText('mot '.repeat(Math.ceil(length / 4)).slice(0, length));
const content = (length: number, hasImage = false) => ({ text: text(length), hasImage, hasText: length > 0 });
const area = (span: Span) => span.columns * span.rows;

describe('spanCandidates', () => {
  it('starts at the smallest card, never takes more than half the mosaic, and prefers wide to tall', () => {
    const spans = spanCandidates(grid);
    expect(spans[0]).toEqual({ columns: 2, rows: 2 });
    for (const span of spans) {
      expect(span.columns).toBeGreaterThanOrEqual(2);
      expect(span.rows).toBeGreaterThanOrEqual(2);
      expect(area(span)).toBeLessThanOrEqual((grid.columns * grid.rows) / 2);
    }
    const wide = spans.findIndex((span) => span.columns === 3 && span.rows === 2);
    const tall = spans.findIndex((span) => span.columns === 2 && span.rows === 3);
    expect(wide).toBeLessThan(tall);
  });
});

describe('chooseSpan', () => {
  it('gives a short message the smallest card and longer ones larger cards, each showing it whole', () => {
    const short = chooseSpan(content(40), grid, fonts);
    expect(short).toMatchObject({ paged: false });
    expect(short.options[0]).toEqual({ columns: 2, rows: 2 });
    let previous = 0;
    for (const length of [140, 280, 600]) {
      const chosen = chooseSpan(content(length), grid, fonts);
      expect(chosen.paged, String(length)).toBe(false);
      expect(area(chosen.options[0]!)).toBeGreaterThanOrEqual(previous);
      previous = area(chosen.options[0]!);
    }
    expect(previous).toBeGreaterThan(4);
  });

  it('pages a message too long even for the largest card, and only then', () => {
    const huge = chooseSpan(content(2000), grid, fonts);
    expect(huge.paged).toBe(true);
    expect(huge.options).toHaveLength(1);
    const largest = Math.max(...spanCandidates(grid).map(area));
    expect(area(huge.options[0]!)).toBe(largest);
  });

  it('lets an image take room: the same text needs a larger card beside a photo', () => {
    const plain = chooseSpan(content(200), grid, fonts).options[0]!;
    const withImage = chooseSpan(content(200, true), grid, fonts).options[0]!;
    expect(area(withImage)).toBeGreaterThanOrEqual(area(plain));
    expect(spanSize(withImage, grid).width * spanSize(withImage, grid).height).toBeGreaterThan(0);
  });
});

describe('packCards', () => {
  const small = [{ columns: 2, rows: 2 }];
  const square = [{ columns: 4, rows: 4 }];

  it('places cards row by row and stops at the first that fits nowhere', () => {
    const placed = packCards([small, small, small, small], { columns: 4, rows: 4 });
    expect(placed.map(({ column, row }) => [column, row])).toEqual([
      [0, 0],
      [2, 0],
      [0, 2],
      [2, 2],
    ]);
    expect(packCards([square, small, small], { columns: 4, rows: 4 })).toHaveLength(1);
  });

  it('lets a short card fill a hole a large one left, and a long one take a shape that still fits', () => {
    const large = [{ columns: 4, rows: 2 }];
    const long = [
      { columns: 4, rows: 2 },
      { columns: 2, rows: 4 },
    ];
    const placed = packCards([large, long], { columns: 6, rows: 4 });
    expect(placed).toEqual([
      { column: 0, row: 0, columns: 4, rows: 2 },
      { column: 0, row: 2, columns: 4, rows: 2 },
    ]);
    const tall = [{ columns: 4, rows: 4 }];
    const column = packCards(
      [
        tall,
        [
          { columns: 6, rows: 2 },
          { columns: 2, rows: 4 },
        ],
      ],
      { columns: 6, rows: 4 },
    );
    expect(column[1]).toEqual({ column: 4, row: 0, columns: 2, rows: 4 });
    // A hole left at the start of a row by a card placed further on takes a later, smaller card.
    const holes = packCards([small, [{ columns: 4, rows: 2 }], small, small], { columns: 4, rows: 4 });
    expect(holes.map(({ column, row }) => [column, row])).toEqual([
      [0, 0],
      [0, 2],
      [2, 0],
    ]);
  });

  it('never places two cards on the same cell', () => {
    const cards = Array.from({ length: 30 }, (_, i) => [{ columns: 2 + (i % 3), rows: 2 + ((i * 7) % 3) }]);
    const placed = packCards(cards, { columns: 8, rows: 8 });
    const taken = new Set<string>();
    for (const card of placed) {
      for (let r = card.row; r < card.row + card.rows; r += 1) {
        for (let c = card.column; c < card.column + card.columns; c += 1) {
          expect(taken.has(`${c},${r}`)).toBe(false);
          expect(c).toBeLessThan(8);
          expect(r).toBeLessThan(8);
          taken.add(`${c},${r}`);
        }
      }
    }
  });
});
