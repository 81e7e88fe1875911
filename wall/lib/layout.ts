/**
 * Mosaic maths for the full-screen wall. Cards have a fixed size in `em`, so the number that fits is known
 * before rendering and no card is ever cut by the screen edge: the wall shows the first `capacity` items.
 */

export interface WallGrid {
  /** Base font size in pixels; cards and type are sized from it. */
  fontSize: number;
  columns: number;
  rows: number;
  /** How many cards fit: columns × rows. */
  capacity: number;
}

/** Card size and gap in ems of the wall's base font size. */
export const CARD = { minWidth: 20, height: 11, gap: 1 } as const;

/** Type readable from the back of a room: 1/70 of the screen width, within bounds, times the theme's scale. */
export function wallFontSize(width: number, fontScale = 1): number {
  const automatic = Math.min(40, Math.max(16, width / 70));
  return Math.round(automatic * (fontScale > 0 ? fontScale : 1));
}

/** How many fixed-size cards fit in a `width` × `height` pixel area. */
export function mosaicGrid(width: number, height: number, fontScale = 1): WallGrid {
  const fontSize = wallFontSize(width, fontScale);
  const gap = CARD.gap * fontSize;
  const columns = Math.max(1, Math.floor((width + gap) / (CARD.minWidth * fontSize + gap)));
  const rows = Math.max(1, Math.floor((height + gap) / (CARD.height * fontSize + gap)));
  return { fontSize, columns, rows, capacity: columns * rows };
}
