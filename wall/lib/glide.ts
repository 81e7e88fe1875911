/**
 * Where a mosaic card comes from when its place changes. The grid's cells are all the same size, so the offset
 * follows from the old and new cells alone: no measuring in the DOM, hence no forced layout per card on every
 * new item (what a measured FLIP costs, many times a second on a busy wall).
 */

export interface GridSteps {
  /** Distance between the left edges of two neighbouring cells (cell width + gap). */
  stepX: number;
  /** Distance between the top edges of two neighbouring rows (cell height + gap). */
  stepY: number;
}

/** A card's first cell. */
export interface Cell {
  column: number;
  row: number;
}

/** The translation that puts a card at cell `to` back where it was at cell `from`. */
export function offsetBetween(from: Cell, to: Cell, grid: GridSteps): { x: number; y: number } {
  return { x: (from.column - to.column) * grid.stepX, y: (from.row - to.row) * grid.stepY };
}
