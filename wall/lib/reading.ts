/**
 * How long people need to read a message from the back of the room: 250 words a minute plus a moment to find
 * it. Scripts written without spaces (Chinese, Japanese, Thai) count about two characters a word.
 */

export const READING = {
  /** Time to find the message and start it. */
  baseMs: 2_000,
  /** 250 words a minute. */
  perWordMs: 240,
} as const;

/** Words in `text`: space-separated runs, or for unspaced scripts, characters two by two. */
export function wordCount(text: string): number {
  const spaced = text.split(/\s+/u).filter((word) => word !== '').length;
  const unspaced = (text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/gu) ?? []).length;
  return Math.max(spaced, Math.ceil(unspaced / 2));
}

/** Milliseconds to read `text` once. */
export function readingMs(text: string): number {
  return READING.baseMs + wordCount(text) * READING.perWordMs;
}
