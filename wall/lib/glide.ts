/**
 * Where a mosaic card comes from when its place changes. The grid's cells are all the same size, so the offset
 * follows from the old and new places alone: no measuring in the DOM, hence no forced layout per card on every
 * new item (what a measured FLIP costs, many times a second on a busy wall).
 */

export interface GridSteps {
  columns: number;
  /** Distance between the left edges of two neighbouring cells (cell width + gap). */
  stepX: number;
  /** Distance between the top edges of two neighbouring rows (cell height + gap). */
  stepY: number;
}

/** The translation that puts a card at place `to` back where it was at place `from`. */
export function offsetBetween(from: number, to: number, grid: GridSteps): { x: number; y: number } {
  const columns = Math.max(1, grid.columns);
  const column = (place: number) => place % columns;
  const row = (place: number) => Math.floor(place / columns);
  return { x: (column(from) - column(to)) * grid.stepX, y: (row(from) - row(to)) * grid.stepY };
}
