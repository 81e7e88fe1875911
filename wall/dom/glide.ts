/** Slides a mosaic card from its old place to its new one, computed rather than measured (see lib/glide.ts). */
import { offsetBetween, type Cell, type GridSteps } from '../lib/glide.js';

export interface GlideTarget extends GridSteps, Cell {
  /** 0 when the room asks for reduced motion. */
  duration: number;
}

/** Per card: the cell and grid it was last drawn with (kept on the element, whatever re-creates the closure). */
const drawn = new WeakMap<Element, GridSteps & Cell>();

/**
 * An attachment: it re-runs when the card's cell or the grid changes, and animates the move from the cell it
 * remembers. A grid change (a resize) moves nothing: every cell means another spot then.
 */
export function glide(target: () => GlideTarget): (element: HTMLElement) => void {
  return (element) => {
    const { column, row, duration, ...grid } = target();
    const before = drawn.get(element);
    drawn.set(element, { column, row, ...grid });
    if (!before || (before.column === column && before.row === row) || duration === 0) return;
    if (before.stepX !== grid.stepX || before.stepY !== grid.stepY) return;
    const { x, y } = offsetBetween(before, { column, row }, grid);
    element.animate([{ transform: `translate(${x}px, ${y}px)` }, { transform: 'none' }], {
      duration,
      easing: 'cubic-bezier(0.2, 0, 0, 1)',
    });
  };
}
