/**
 * Cards of several sizes in the mosaic: a message too long for one cell gets a wider or taller card (two cells,
 * four...), so that at the smallest size allowed on the wall it is shown whole; only one too long even for the
 * largest card is paged. Each message has the shapes that show it whole, best first; cards are placed in reading
 * order, each in the first free place where one of its shapes fits (a short card may fill a hole left before a
 * large one, a long one may take a column where a square no longer fits), until one fits nowhere.
 */
import { cardLayout, type MosaicGrid, type Size } from './layout.js';
import { fitText, type TextMeasure } from './text-fit.js';

export interface Span {
  columns: number;
  rows: number;
}

export interface Placement extends Span {
  /** First column and row, from 0. */
  column: number;
  row: number;
}

/** What decides a card's span. */
export interface CardContent {
  text: TextMeasure;
  hasImage: boolean;
  hasText: boolean;
}

export interface CardFonts {
  /** The card's own type size, in pixels. */
  card: number;
  /** The smallest message text allowed on the wall, in pixels. */
  minBody: number;
  /** The largest message text, as a multiple of `card`. */
  maxScale: number;
}

export interface ChosenSpan {
  /** The shapes that show the message whole, best first (only the largest when it is paged). */
  options: Span[];
  /** True when even the largest card cannot show the whole text: it turns pages. */
  paged: boolean;
}

/** A card takes at most half the mosaic (at least its smallest size), so a long one never hides all the others. */
export const MAX_SPAN_SHARE = 0.5;

/** The mosaic's cells are half a smallest card each way: cards of several sizes then pack closely. */
export const SUBDIVISION = 2;

/**
 * Sizes a card may take on this grid, best first: the smallest, and among near equals the wider (longer lines
 * read better than a narrow column, which counts as larger by how much taller than wide it is).
 */
export function spanCandidates(grid: Pick<MosaicGrid, 'columns' | 'rows'>, smallest = SUBDIVISION): Span[] {
  const least = { columns: Math.min(smallest, grid.columns), rows: Math.min(smallest, grid.rows) };
  const maxArea = Math.max(least.columns * least.rows, Math.floor(grid.columns * grid.rows * MAX_SPAN_SHARE));
  const spans: Span[] = [];
  for (let columns = least.columns; columns <= grid.columns; columns += 1) {
    for (let rows = least.rows; rows <= grid.rows; rows += 1) {
      if (columns * rows <= maxArea) spans.push({ columns, rows });
    }
  }
  const cost = (span: Span) => span.columns * span.rows + Math.max(0, span.rows - span.columns);
  return spans.sort((a, b) => cost(a) - cost(b) || b.columns - a.columns);
}

/** The pixel size of a card of `span` cells. */
export function spanSize(span: Span, grid: Pick<MosaicGrid, 'cell' | 'gap'>): Size {
  return {
    width: span.columns * grid.cell.width + (span.columns - 1) * grid.gap,
    height: span.rows * grid.cell.height + (span.rows - 1) * grid.gap,
  };
}

/** Every card shape that shows the whole message at the wall's smallest size or larger; else the largest, paged. */
export function chooseSpan(content: CardContent, grid: MosaicGrid, fonts: CardFonts): ChosenSpan {
  const candidates = spanCandidates(grid);
  if (!content.hasText) return { options: candidates.slice(0, 1), paged: false };
  const min = fonts.minBody / fonts.card;
  const whole = candidates.filter((span) => {
    const box = cardLayout(spanSize(span, grid), fonts.card, content.hasImage, true).text;
    const fit = fitText({ text: content.text, box, base: fonts.card, min, max: Math.max(min, fonts.maxScale) });
    return fit.maxChars === Infinity && fit.wordsFit;
  });
  if (whole.length > 0) return { options: whole, paged: false };
  const largest = [...candidates].sort((a, b) => b.columns * b.rows - a.columns * a.rows || b.columns - a.columns)[0];
  return { options: [largest ?? { columns: 1, rows: 1 }], paged: true };
}

/**
 * Places cards in order, each with the first of its shapes that has a free place (row by row), and stops at the
 * first card that fits nowhere: the placements returned are those of the leading cards that fit.
 */
export function packCards(
  cards: ReadonlyArray<readonly Span[]>,
  grid: Pick<MosaicGrid, 'columns' | 'rows'>,
): Placement[] {
  const taken = Array.from({ length: grid.rows }, () => new Array<boolean>(grid.columns).fill(false));
  const placements: Placement[] = [];
  for (const options of cards) {
    let found: { span: Span; spot: { row: number; column: number } } | null = null;
    for (const wanted of options) {
      const span = { columns: Math.min(wanted.columns, grid.columns), rows: Math.min(wanted.rows, grid.rows) };
      const spot = firstFree(taken, span);
      if (spot) {
        found = { span, spot };
        break;
      }
    }
    if (!found) break;
    const { span, spot } = found;
    for (let row = spot.row; row < spot.row + span.rows; row += 1) {
      for (let column = spot.column; column < spot.column + span.columns; column += 1) taken[row]![column] = true;
    }
    placements.push({ ...spot, ...span });
  }
  return placements;
}

function firstFree(taken: boolean[][], span: Span): { row: number; column: number } | null {
  const rows = taken.length;
  const columns = taken[0]?.length ?? 0;
  for (let row = 0; row + span.rows <= rows; row += 1) {
    for (let column = 0; column + span.columns <= columns; column += 1) {
      if (isFree(taken, row, column, span)) return { row, column };
    }
  }
  return null;
}

function isFree(taken: boolean[][], row: number, column: number, span: Span): boolean {
  for (let r = row; r < row + span.rows; r += 1) {
    for (let c = column; c < column + span.columns; c += 1) if (taken[r]![c]) return false;
  }
  return true;
}
