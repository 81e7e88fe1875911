/**
 * Window maths of the virtualised queue: only the rows in view (and a margin) are in the DOM. Rows have
 * different heights (text, photos), so each rendered row is measured and the others use an estimate; when a
 * row above the view turns out taller or shorter than estimated, the scroll position is corrected by the
 * difference so that what the moderator reads does not jump.
 */

/** Before any row is measured: a card with a line or two of text and its buttons. */
export const DEFAULT_ROW_HEIGHT = 168;

/**
 * Top of each row: `offsets[i]` is where row i starts, `offsets[count]` the total height. `gap` is the space
 * after each row.
 */
export function rowOffsets(count: number, heightAt: (index: number) => number, gap = 0): Float64Array {
  const offsets = new Float64Array(count + 1);
  for (let index = 0; index < count; index += 1) {
    offsets[index + 1] = (offsets[index] ?? 0) + heightAt(index) + gap;
  }
  return offsets;
}

export interface RowRange {
  /** First row to render. */
  start: number;
  /** One past the last row to render. */
  end: number;
}

/** The rows that intersect the viewport widened by `overscan` pixels above and below. */
export function visibleRange(
  offsets: Float64Array,
  scrollTop: number,
  viewportHeight: number,
  overscan: number,
): RowRange {
  const count = offsets.length - 1;
  if (count <= 0) return { start: 0, end: 0 };
  const top = Math.max(0, scrollTop - overscan);
  const bottom = scrollTop + viewportHeight + overscan;
  // The first row whose bottom is below `top`, then the first row whose top is at or past `bottom`.
  const start = Math.min(count - 1, firstIndex(offsets, 1, count, (offset) => offset > top) - 1);
  const end = firstIndex(offsets, start, count, (offset) => offset >= bottom);
  return { start: Math.max(0, start), end: Math.max(start + 1, Math.min(count, end)) };
}

/** The smallest index in [low, high] whose offset satisfies `test` (monotonic), or high + 1 when none. */
function firstIndex(offsets: Float64Array, low: number, high: number, test: (offset: number) => boolean): number {
  let lo = low;
  let hi = high + 1;
  while (lo < hi) {
    const middle = (lo + hi) >>> 1;
    if (test(offsets[middle] ?? Infinity)) hi = middle;
    else lo = middle + 1;
  }
  return lo;
}

/**
 * The scroll position that brings a row into view with `margin` pixels to spare, or null when it is already
 * fully visible. A row taller than the viewport is aligned by its top.
 */
export function revealScrollTop(
  rowTop: number,
  rowBottom: number,
  scrollTop: number,
  viewportHeight: number,
  margin = 0,
): number | null {
  if (rowTop - margin < scrollTop) return Math.max(0, rowTop - margin);
  if (rowBottom + margin > scrollTop + viewportHeight) {
    const aligned = rowBottom + margin - viewportHeight;
    return Math.max(0, Math.min(aligned, rowTop - margin));
  }
  return null;
}

/** The mean of the heights measured so far, for the rows not rendered yet. */
export function estimateHeight(measured: Iterable<number>, fallback = DEFAULT_ROW_HEIGHT): number {
  let sum = 0;
  let count = 0;
  for (const height of measured) {
    sum += height;
    count += 1;
  }
  return count === 0 ? fallback : Math.round(sum / count);
}

export interface HeightChange {
  index: number;
  /** New height minus the height the offsets were computed with. */
  delta: number;
}

/**
 * How far to scroll so the content in view stays put after rows were measured: the sum of the changes of
 * rows lying entirely above the viewport (`offsets` are those before the change).
 */
export function scrollCorrection(changes: readonly HeightChange[], offsets: Float64Array, scrollTop: number): number {
  let correction = 0;
  for (const { index, delta } of changes) {
    const bottom = offsets[index + 1];
    if (bottom !== undefined && bottom <= scrollTop) correction += delta;
  }
  return correction;
}

export interface Layout {
  ids: readonly number[];
  offsets: Float64Array;
}

/**
 * Where to scroll after rows were added or removed, so that what the moderator reads does not slide: the row
 * at the top of the view keeps its place; when that row is the one that went, the next surviving row moves up
 * to the top of the view. Null at the very top (new rows should come into view there) and when no row of the
 * view survives.
 */
export function anchoredScrollTop(
  before: Layout,
  after: { indexOf: ReadonlyMap<number, number>; offsets: Float64Array },
  scrollTop: number,
): number | null {
  if (scrollTop <= 0 || before.ids.length === 0) return null;
  const { start: anchor } = visibleRange(before.offsets, scrollTop, 0, 0);
  for (let index = anchor; index < before.ids.length; index += 1) {
    const survivor = after.indexOf.get(before.ids[index] ?? -1);
    if (survivor === undefined) continue;
    const shift = index === anchor ? scrollTop - (before.offsets[anchor] ?? 0) : 0;
    return Math.max(0, (after.offsets[survivor] ?? 0) + shift);
  }
  return null;
}
