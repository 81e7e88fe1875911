/** Slides a mosaic card from its old place to its new one, computed rather than measured (see lib/glide.ts). */
import { offsetBetween, type GridSteps } from '../lib/glide.js';

export interface GlideTarget extends GridSteps {
  place: number;
  /** 0 when the room asks for reduced motion. */
  duration: number;
}

/** Per card: the place and grid it was last drawn with (kept on the element, whatever re-creates the closure). */
const drawn = new WeakMap<Element, GridSteps & { place: number }>();

/**
 * An attachment: it re-runs when the card's place or the grid changes, and animates the move from the place it
 * remembers. A grid change (a resize) moves nothing: every place means another spot then.
 */
export function glide(target: () => GlideTarget): (element: HTMLElement) => void {
  return (element) => {
    const { place, duration, ...grid } = target();
    const before = drawn.get(element);
    drawn.set(element, { place, ...grid });
    if (!before || before.place === place || duration === 0) return;
    const sameGrid = before.columns === grid.columns && before.stepX === grid.stepX && before.stepY === grid.stepY;
    if (!sameGrid) return;
    const { x, y } = offsetBetween(before.place, place, grid);
    element.animate([{ transform: `translate(${x}px, ${y}px)` }, { transform: 'none' }], {
      duration,
      easing: 'cubic-bezier(0.2, 0, 0, 1)',
    });
  };
}
