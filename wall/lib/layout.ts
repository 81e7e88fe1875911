/**
 * Wall geometry: the base type size for a screen, the layout in use, how many mosaic cards fit and how large each
 * one is, how many "up next" cards a column holds. Pure maths on pixel sizes, so every screen from 720p to 4K and
 * portrait is checked without a browser. Cards are sized in `em` of the base size, so the same number of cards
 * fits on a 1080p and a 4K screen of the same physical size, and reads the same from the back row.
 */
import type { WallLayout } from '../../server/protocol/event.js';

export const WALL_LAYOUTS: readonly WallLayout[] = ['mosaic', 'spotlight', 'ticker'];

/**
 * The layout a screen shows: `?layout=` pins one screen (a ticker for the video stream beside the room's mosaic),
 * otherwise the event's setting, which moderators switch live.
 */
export function chooseLayout(setting: WallLayout | undefined, query: string | null | undefined): WallLayout {
  const wanted = query?.trim().toLowerCase();
  return WALL_LAYOUTS.find((layout) => layout === wanted) ?? setting ?? 'mosaic';
}

export type Orientation = 'landscape' | 'portrait';

/** Portrait once clearly taller than wide (a totem screen); a square-ish window stays landscape. */
export function orientationOf(width: number, height: number): Orientation {
  return height > width * 1.1 ? 'portrait' : 'landscape';
}

/** The base type size is the screen's geometric mean size over `divisor`, within bounds. */
export const TYPE = { divisor: 60, min: 14, max: 120 } as const;

/**
 * Base font size in pixels: 24 px at 1920×1080 and at 1080×1920, 16 px at 1280×720, 48 px at 3840×2160; then the
 * theme's `fontScale` (a nonsensical scale counts as 1).
 */
export function wallFontSize(width: number, height: number, fontScale = 1): number {
  const automatic = Math.sqrt(Math.max(0, width) * Math.max(0, height)) / TYPE.divisor;
  const scale = Number.isFinite(fontScale) && fontScale > 0 ? fontScale : 1;
  return Math.round(clamp(automatic, TYPE.min, TYPE.max) * scale);
}

/** The smallest message text on the wall: 28 px on a screen 1,080 pixels high, in proportion on every other. */
export const MIN_BODY = { px: 28, atHeight: 1080 } as const;

/**
 * The smallest message text for a screen, in pixels: what reads from the back of a room. A portrait screen counts
 * its width, so a totem does not get type sized for a screen twice as tall as it is wide. The theme's `fontScale`
 * can make text larger, never smaller than this.
 */
export function minBodySize(width: number, height: number): number {
  const side = Math.max(0, Math.min(width, height));
  return Math.round(((MIN_BODY.px * side) / MIN_BODY.atHeight) * 10) / 10;
}

/** Smallest mosaic card and the gap between cards, in ems of the base size. */
export const CARD = { minWidth: 17, minHeight: 10, gap: 0.8 } as const;

export interface Size {
  width: number;
  height: number;
}

export interface MosaicGrid {
  columns: number;
  rows: number;
  /** How many smallest cards fit. */
  capacity: number;
  /** Each card's size in pixels: the cards stretch to fill the area, never below `CARD`. */
  cell: Size;
  /** Gap between cards in pixels. */
  gap: number;
}

/**
 * How many cards fit in a `width` × `height` pixel area at `fontSize`, and how large each one is. With a
 * `subdivision` of 2, each cell is half a smallest card (gap included), so cards of several sizes pack closely: a
 * card then takes at least 2 × 2 cells.
 */
export function mosaicGrid(width: number, height: number, fontSize: number, subdivision = 1): MosaicGrid {
  const gap = CARD.gap * fontSize;
  const part = Math.max(1, Math.floor(subdivision));
  // Whole smallest cards each way, so that a screen of short messages fills every cell.
  const whole = (count: number) => Math.max(part, count - (count % part));
  const columns = whole(fitCount(width, (CARD.minWidth * fontSize - (part - 1) * gap) / part, gap));
  const rows = whole(fitCount(height, (CARD.minHeight * fontSize - (part - 1) * gap) / part, gap));
  const cell = {
    width: Math.max(0, (width - (columns - 1) * gap) / columns),
    height: Math.max(0, (height - (rows - 1) * gap) / rows),
  };
  return { columns, rows, capacity: Math.floor(columns / part) * Math.floor(rows / part), cell, gap };
}

/** How many items of `size` pixels fit in `length` with `gap` between them; at least one. */
export function fitCount(length: number, size: number, gap: number): number {
  if (!(size > 0)) return 1;
  return Math.max(1, Math.floor((length + gap) / (size + gap)));
}

/** At most this share of the mosaic goes to pinned cards, so pinning many never freezes the whole wall. */
export const PINNED_SHARE = 0.5;

/** How many pinned cards the mosaic shows out of `capacity` (at least one when anything is pinned). */
export function pinnedSlots(capacity: number, pinnedCount: number): number {
  if (pinnedCount === 0) return 0;
  return Math.min(pinnedCount, Math.max(1, Math.floor(capacity * PINNED_SHARE)));
}

/** Height of an "up next" card of the spotlight layout, and the gap between them, in ems. */
export const UP_NEXT = { height: 7, gap: 0.6, max: 4 } as const;

/** How many whole "up next" cards fit in a column `height` pixels tall (none below one card). */
export function upNextCount(height: number, fontSize: number): number {
  const size = UP_NEXT.height * fontSize;
  if (height < size) return 0;
  return Math.min(UP_NEXT.max, fitCount(height, size, UP_NEXT.gap * fontSize));
}

/** Where an image goes in a card: beside the text in a wide card, above it in a tall one. */
export function imagePlacement(box: Size): 'side' | 'top' {
  return box.width >= box.height * 1.35 ? 'side' : 'top';
}

/** A card's inner measures, in ems of its own font size (the card's CSS uses the same). */
export const CARD_BOX = {
  padding: 0.8,
  /** The author line: avatar height and the space below it. */
  header: 2.75,
  /** Share of the body an image takes, and the gap beside it. */
  imageShare: 0.45,
  imageGap: 0.7,
} as const;

export interface CardLayout {
  /** Where the text goes, in pixels. */
  text: Size;
  image: 'side' | 'top' | null;
}

/** The room left for the text in a `card`-sized card at `fontSize`, with or without an image. */
export function cardLayout(card: Size, fontSize: number, hasImage: boolean, hasText = true): CardLayout {
  const inner = {
    width: Math.max(0, card.width - 2 * CARD_BOX.padding * fontSize),
    height: Math.max(0, card.height - 2 * CARD_BOX.padding * fontSize - CARD_BOX.header * fontSize),
  };
  if (!hasImage) return { text: inner, image: null };
  const image = imagePlacement(inner);
  const share = hasText ? 1 - CARD_BOX.imageShare : 0;
  const gap = hasText ? CARD_BOX.imageGap * fontSize : 0;
  return image === 'side'
    ? { text: { width: Math.max(0, inner.width * share - gap), height: inner.height }, image }
    : { text: { width: inner.width, height: Math.max(0, inner.height * share - gap) }, image };
}

/** Ticker crawl speed in pixels per second: about ten characters a second, scaled with the type. */
export function tickerSpeed(fontSize: number): number {
  return fontSize * 5;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
