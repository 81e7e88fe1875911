/**
 * Texts made of random pieces, the same on every run (a seeded generator): the fast paths of the text steps are
 * compared with the plain versions on thousands of them.
 */

/** A deterministic pseudo-random sequence in [0, 1) (a linear congruential generator). */
export function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

export interface GeneratedTexts {
  seed: number;
  count: number;
  /** Each text joins 1 to this many pieces. */
  maxPieces: number;
  /** Put after each piece (one of them at random), e.g. kinds of spaces. */
  separators?: readonly string[];
}

export function* generatedTexts(pieces: readonly string[], options: GeneratedTexts): Generator<string> {
  const next = seeded(options.seed);
  const pick = (list: readonly string[]) => list[Math.floor(next() * list.length)]!;
  for (let i = 0; i < options.count; i++) {
    let text = '';
    for (let k = 0; k < 1 + Math.floor(next() * options.maxPieces); k++) {
      text += pick(pieces) + (options.separators ? pick(options.separators) : '');
    }
    yield text;
  }
}
