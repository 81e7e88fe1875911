/**
 * A name or text written by someone else, set inside a sentence of the console: wrapped in Unicode's first-strong
 * isolate (U+2068 … U+2069), it takes its own direction from its first letter, as `dir="auto"` does for an
 * element, so an Arabic or Hebrew name neither reads backwards nor drags the sentence's punctuation with it.
 */
export function isolated(text: string): string {
  return `\u2068${text}\u2069`;
}
