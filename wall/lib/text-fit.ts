/**
 * Type size for a message in a box: as large as fits, so a short message reads from the back of the room and a
 * long one still fits its card. An estimate from the character count (no measuring in the DOM, no layout
 * thrashing on a wall that runs for hours), tuned to err on the side of fitting; when even the smallest size is
 * too large, it says how many characters to keep, and the card ends the text at a word boundary.
 */
import { shortenUrl } from './clamp.js';
import type { Size } from './layout.js';

/** Average advance of a character of the wall's sans-serif type, in ems (a little generous). */
export const GLYPH_EM = 0.53;
/** Line height of message text, in ems (the card's CSS uses the same). */
export const LINE_HEIGHT = 1.3;
/** Word wrapping leaves the end of most lines empty: only this share of a line is counted as filled. */
export const LINE_FILL = 0.86;

export interface TextMeasure {
  /** Characters as shown: whitespace collapsed, links shortened. */
  chars: number;
  /** Hard line breaks, each of which may end a line early. */
  breaks: number;
  /** The longest word: a size at which it does not fit a line would break it in two. */
  longest: number;
}

/** Hashtags are bold and words may be capitals: a single word is given this much more room than average. */
export const WORD_MARGIN = 1.3;

/** What the fit counts in a message: characters once long links are shortened, and its line breaks. */
export function measureText(text: string): TextMeasure {
  const shown = text
    .replace(/https?:\/\/\S+/gi, (url) => shortenUrl(url))
    .replace(/[^\S\n]+/g, ' ')
    .trim();
  const breaks = (shown.match(/\n+/g) ?? []).length;
  const longest = Math.max(0, ...shown.split(/\s+/).map((word) => word.length));
  return { chars: shown.replace(/\s*\n+\s*/g, '').length, breaks, longest };
}

export interface FitRequest {
  text: TextMeasure;
  /** The text box in pixels. */
  box: Size;
  /** The wall's base font size in pixels. */
  base: number;
  /** Smallest and largest size, as multiples of `base`. */
  min?: number;
  max?: number;
}

export interface Fit {
  /** Font size in pixels. */
  fontSize: number;
  /** How many characters to keep (Infinity when the whole text fits). */
  maxChars: number;
  /** False when a word is too long for a line even at the smallest size: it will have to break. */
  wordsFit: boolean;
}

/** Sizes are tried from the largest down in steps of this share of the base size. */
const STEP = 0.05;

/**
 * The largest size from `max` down to `min` × `base` at which the text fits the box and its longest word fits a
 * line (unless no size in the range lets it: then the word is broken as a last resort).
 */
export function fitText({ text, box, base, min = 0.85, max = 1.8 }: FitRequest): Fit {
  const low = Math.min(min, max);
  const wordCanFit = wordFits(text.longest, box.width, base * low);
  for (let scale = max; scale >= low - 1e-9; scale -= STEP) {
    const size = base * scale;
    if (wordCanFit && !wordFits(text.longest, box.width, size)) continue;
    if (linesNeeded(text, box.width, size) <= linesAvailable(box.height, size)) {
      return { fontSize: round(size), maxChars: Infinity, wordsFit: wordCanFit };
    }
  }
  const size = base * low;
  const perLine = charsPerLine(box.width, size);
  // Each hard break may waste up to a line: count half of one for each, on average.
  const lines = linesAvailable(box.height, size) - text.breaks / 2;
  return { fontSize: round(size), maxChars: Math.max(0, Math.floor(lines * perLine) - 1), wordsFit: wordCanFit };
}

/** Characters that fit on one line of `width` pixels at `size`. */
export function charsPerLine(width: number, size: number): number {
  return Math.max(0, Math.floor((width * LINE_FILL) / (GLYPH_EM * size)));
}

function wordFits(length: number, width: number, size: number): boolean {
  return length * GLYPH_EM * WORD_MARGIN * size <= width;
}

function linesNeeded(text: TextMeasure, width: number, size: number): number {
  const perLine = charsPerLine(width, size);
  if (perLine === 0) return Infinity;
  return Math.ceil(text.chars / perLine) + text.breaks;
}

function linesAvailable(height: number, size: number): number {
  return Math.floor(height / (LINE_HEIGHT * size));
}

function round(size: number): number {
  return Math.round(size * 10) / 10;
}
