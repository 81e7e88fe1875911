/** Limits and checks of the wall controls, matching what the server accepts. */

/** The server refuses longer announcements. */
export const ANNOUNCEMENT_MAX = 280;

/** The text size multiplier's range and step on the slider. */
export const FONT_SCALE = { min: 0.5, max: 3, step: 0.1 } as const;

/**
 * Characters left for the announcement (sent trimmed); negative when over. Counted in UTF-16 units as the
 * server counts them, so an emoji takes two: the counter never says yes when the server would say no.
 */
export function remainingCharacters(text: string, max = ANNOUNCEMENT_MAX): number {
  return max - text.trim().length;
}

/** `#rgb`, `#rrggbb` or with alpha: the colours the server takes for the accent. */
export function isHexColour(value: string): boolean {
  return /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/iu.test(value);
}

/** The screen the console's preview lays the wall out for: a full-HD projector, in CSS pixels. */
export const PREVIEW_SCREEN = { width: 1920, height: 1080 } as const;

/** How much the preview shrinks that screen to fit a box `width` pixels wide (0 until the box is measured). */
export function previewScale(width: number): number {
  return width > 0 ? width / PREVIEW_SCREEN.width : 0;
}
