/**
 * The copy of a text the contact finders read: digits, `@` and dots in any of their Unicode forms folded to ASCII,
 * with a way back to the original text's positions, so that what is redacted is the text as it was written.
 */

/** A folded copy of a text and the original span of any of its spans. */
export interface FoldedText {
  /** The text with fullwidth, superscript, circled and Arabic-Indic digits, `＠`, `．`… in ASCII. */
  readonly text: string;
  /** The original span `[start, end)` that folded characters `[start, end)` came from. */
  original(start: number, end: number): [number, number];
}

/**
 * Characters that fold to something else that matters: any numeral but 0-9 (fullwidth `０`, superscript `²`,
 * circled `①`, Arabic-Indic `٠`, mathematical `𝟎`…), the small and fullwidth forms block (`＠`, `．`, `＋`, `﹫`, and
 * fullwidth letters), and the one-dot leader `․`. Anything else is left as written: NFKC changes no digit, `@` or
 * dot outside these.
 */
const FOLDS = /[^\P{N}0-9]|[\u2024\uFE50-\uFE6B\uFF01-\uFF5E]/u;

/** Arabic-Indic (U+0660) and Extended Arabic-Indic (U+06F0) zeros: NFKC keeps these digits as they are. */
const ARABIC_INDIC_ZERO = 0x0660;
const EXTENDED_ARABIC_INDIC_ZERO = 0x06f0;

/** `text` folded for matching; the text itself, at no cost, when nothing in it folds (nearly every message). */
export function foldForMatching(text: string): FoldedText {
  if (!FOLDS.test(text)) return { text, original: (start, end) => [start, end] };
  return foldEachCharacter(text);
}

/**
 * Each code point through NFKC on its own (not the whole text: that could merge neighbours and lose track of
 * which came from where), Arabic-Indic digits mapped by hand. `from[i]` and `to[i]` are the original span of the
 * code point folded character `i` came from.
 */
function foldEachCharacter(text: string): FoldedText {
  let folded = '';
  const from: number[] = [];
  const to: number[] = [];
  for (let at = 0; at < text.length;) {
    const code = text.codePointAt(at)!;
    const width = code > 0xffff ? 2 : 1;
    const piece = foldCodePoint(code, text.slice(at, at + width));
    for (let k = 0; k < piece.length; k++) {
      from.push(at);
      to.push(at + width);
    }
    folded += piece;
    at += width;
  }
  return {
    text: folded,
    original: (start, end) => [from[start] ?? text.length, end > start ? to[end - 1]! : (from[start] ?? text.length)],
  };
}

function foldCodePoint(code: number, character: string): string {
  if (code < 0x80) return character;
  if (code >= ARABIC_INDIC_ZERO && code <= ARABIC_INDIC_ZERO + 9) return String(code - ARABIC_INDIC_ZERO);
  if (code >= EXTENDED_ARABIC_INDIC_ZERO && code <= EXTENDED_ARABIC_INDIC_ZERO + 9) {
    return String(code - EXTENDED_ARABIC_INDIC_ZERO);
  }
  return character.normalize('NFKC');
}
