/**
 * A quick first look for the blocklist: one pass over a text's characters that tells "certainly no entry here"
 * for nearly every text, without folding it, splitting it into words or looking each word up (bench/intake: the
 * blocklist was the costliest step of the pipeline). Anything else, a word or pair of words that may start an
 * entry, a token holding one of the list's symbols, a character of a fragment entry, or a character the pass
 * cannot fold alone, sends the text to the full matcher, so the answers are the same; a unit test compares both on
 * generated texts.
 *
 * The pass folds as it goes, character by character, with {@link foldForMatch} itself: for characters that fold to
 * ASCII letters and digits (or to nothing), to spaces, or to punctuation, that gives the same words and the same
 * whitespace tokens as folding the whole text. Letters that stay non-ASCII (Greek, Cyrillic…) are left to the full
 * matcher, which also knows word-final sigma and the like. A word with a digit is read again from the text as the
 * full matcher reads it, digits as letters (blocklist-leet.ts): such words are few.
 */
import { foldForMatch } from './text/fold.js';
import { readLeet } from './blocklist-leet.js';

/** What one character is to the pass. */
const enum Kind {
  /** Not foldable alone: the full matcher decides. */
  Unknown = 0,
  /** Adds ASCII letters or digits (maybe none: a mark, an invisible character) to the current word. */
  Letters = 1,
  /** Ends a word and a whitespace token. */
  Space = 2,
  /** Ends a word, not a whitespace token: punctuation, symbols, emoji. */
  Punctuation = 3,
}

interface Fold {
  kind: Kind;
  /** For {@link Kind.Letters}: the char codes it adds. For {@link Kind.Punctuation}: its code points once folded. */
  codes: number[];
  /** For {@link Kind.Letters}: whether it adds a digit (`４`, `²`), which the word is then read again for. */
  digit: boolean;
}

const WORD_PIECE = /^[a-z0-9]*$/;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const WHITESPACE = /^\s+$/u;

function foldOf(char: string): Fold {
  const folded = foldForMatch(char);
  const isSpace = WHITESPACE.test(char);
  if (WORD_PIECE.test(folded) && !isSpace) {
    return { kind: Kind.Letters, codes: [...folded].map((c) => c.charCodeAt(0)), digit: /[0-9]/.test(folded) };
  }
  if (isSpace && WHITESPACE.test(folded)) return { kind: Kind.Space, codes: [], digit: false };
  // Neither letters, digits nor spaces once folded (`’`, `«`, `…` as `...`, `🙂`): a word boundary either way.
  if (folded !== '' && !isSpace && [...folded].every((c) => !LETTER_OR_DIGIT.test(c) && !WHITESPACE.test(c))) {
    return { kind: Kind.Punctuation, codes: [...folded].map((c) => c.codePointAt(0)!), digit: false };
  }
  return { kind: Kind.Unknown, codes: [], digit: false };
}

/** Latin, marks, general punctuation and currency signs: folded once, when the first list is compiled. */
const TABLE_SIZE = 0x20d0;
let latinFolds: Fold[] | null = null;
/** Built on first use rather than at import: ~25 ms that a process which never filters need not pay. */
const tableFolds = (): Fold[] =>
  (latinFolds ??= Array.from({ length: TABLE_SIZE }, (_, code) => foldOf(String.fromCharCode(code))));
/** Other characters (emoji, other scripts) as texts bring them; a few thousand kept. */
const MORE_FOLDS = new Map<number, Fold>();
const MORE_FOLDS_KEPT = 4096;

function foldOfCodePoint(point: number): Fold {
  let fold = MORE_FOLDS.get(point);
  if (fold === undefined) {
    fold = foldOf(String.fromCodePoint(point));
    if (MORE_FOLDS.size < MORE_FOLDS_KEPT) MORE_FOLDS.set(point, fold);
  }
  return fold;
}

/** ASCII at a glance: a lower-case letter or digit's code, or 0 for a space, or -1 for punctuation. */
const ASCII = Int16Array.from({ length: 128 }, (_, code) => {
  const char = String.fromCharCode(code).toLowerCase();
  if (/[a-z0-9]/.test(char)) return char.charCodeAt(0);
  return /\s/.test(char) ? 0 : -1;
});

/**
 * Bits of the filter of a list's words and phrase starts (128 KiB): for every language's list with its plurals and
 * feminines, under 4,000 keys, about one word in 15,000 is a false "maybe".
 */
const FILTER_BITS = 1 << 20;
const MASK = FILTER_BITS - 1;
const SEED = 0x811c9dc5;
const step = (hash: number, code: number) => Math.imul(hash ^ code, 0x01000193);
const finish = (hash: number) => {
  const mixed = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b);
  return mixed ^ (mixed >>> 16);
};
/** The hash of a pair of words, from the finished hashes of both. */
const pair = (first: number, second: number) => finish(Math.imul(first, 0x9e3779b1) ^ second);

export interface BlocklistScan {
  /** False when the text certainly holds no entry; true when the full matcher must look. */
  mayMatch(text: string): boolean;
}

export interface ScannedList {
  /** Folded single words. */
  words: Iterable<string>;
  /** The first two words of each phrase. */
  phraseStarts: Iterable<readonly [string, string]>;
  /** Whether a folded whitespace token is a leet entry (as the full matcher looks it up). */
  isSymbolEntry(token: string): boolean;
  /** The symbols of the leet entries (`@`, `!`…). */
  symbols: Iterable<string>;
  /** Folded entries matched as substrings. */
  fragments: Iterable<string>;
}

interface ListScan {
  folds: readonly Fold[];
  bits: Uint32Array;
  /** For ASCII punctuation: whether it is one of the symbols. */
  asciiSymbols: Uint8Array;
  /** Other code points that send the token, or the text, to a closer look. */
  symbols: ReadonlySet<number>;
  fragmentMarks: ReadonlySet<number>;
  isSymbolEntry: (token: string) => boolean;
}

/**
 * The pass for one compiled list, or null when it cannot be exact for it: a fragment of ASCII characters only,
 * which could hide in any text.
 */
export function createBlocklistScan(list: ScannedList): BlocklistScan | null {
  // A fragment is found in folded text, so the text holds its first non-ASCII character, once folded.
  const fragmentMarks = new Set<number>();
  for (const fragment of list.fragments) {
    const mark = [...fragment].find((char) => char.charCodeAt(0) >= 128);
    if (mark === undefined) return null;
    fragmentMarks.add(mark.codePointAt(0)!);
  }
  const bits = new Uint32Array(FILTER_BITS / 32);
  // Words the pass builds are ASCII: an entry with any other character is only ever found by the full matcher.
  for (const word of list.words) if (WORD_PIECE.test(word)) add(bits, hashOf(word));
  // A phrase is worth a look only where its first two words follow each other.
  for (const [first, second] of list.phraseStarts) {
    if (WORD_PIECE.test(first) && WORD_PIECE.test(second)) add(bits, pair(hashOf(first), hashOf(second)));
  }
  const asciiSymbols = new Uint8Array(128);
  const symbols = new Set<number>();
  for (const symbol of list.symbols) {
    const point = symbol.codePointAt(0)!;
    if (point < 128) asciiSymbols[point] = 1;
    else symbols.add(point);
  }
  const scan: ListScan = {
    folds: tableFolds(),
    bits,
    asciiSymbols,
    symbols,
    fragmentMarks,
    isSymbolEntry: list.isSymbolEntry,
  };
  return { mayMatch: (text) => mayMatch(text, scan) };
}

function hashOf(word: string): number {
  let hash = SEED;
  for (let i = 0; i < word.length; i++) hash = step(hash, word.charCodeAt(i));
  return finish(hash);
}

function add(bits: Uint32Array, hash: number): void {
  for (const bit of [hash & MASK, (hash >>> 14) & MASK]) bits[bit >>> 5]! |= 1 << (bit & 31);
}

function inFilter(bits: Uint32Array, hash: number): boolean {
  const first = hash & MASK;
  const second = (hash >>> 14) & MASK;
  return (bits[first >>> 5]! & (1 << (first & 31))) !== 0 && (bits[second >>> 5]! & (1 << (second & 31))) !== 0;
}

/**
 * One pass over one text, in one function with local state: this runs on every text of every item, where helpers
 * or an object per text cost it noticeably (bench/intake).
 */
function mayMatch(text: string, scan: ListScan): boolean {
  const { folds, bits, asciiSymbols, symbols, fragmentMarks } = scan;
  let hash = SEED;
  let length = 0;
  let previous = 0; // the finished hash of the word before
  let hasPrevious = false;
  let tokenStart = 0; // where the current whitespace token started
  let symbolInToken = false;
  let wordStart = 0; // where the current word started
  let digit = false; // whether it holds a digit

  for (let i = 0; i <= text.length; i++) {
    // One step past the end: a space, which ends the last word and the last token.
    const code = i < text.length ? text.charCodeAt(i) : 32;
    const at = i; // where this character starts (`i` moves past a surrogate pair's second half)
    let kind: Kind;
    let fold: Fold | undefined;
    if (code < 128) {
      const ascii = ASCII[code]!;
      if (ascii > 0) {
        if (ascii < 58) digit = true;
        hash = step(hash, ascii);
        length += 1;
        continue;
      }
      kind = ascii === 0 ? Kind.Space : Kind.Punctuation;
      if (kind === Kind.Punctuation && asciiSymbols[code] === 1) symbolInToken = true;
    } else {
      if (code < TABLE_SIZE) fold = folds[code]!;
      else {
        const point = text.codePointAt(i)!;
        if (point > 0xffff) i += 1;
        fold = foldOfCodePoint(point);
      }
      kind = fold.kind;
      if (kind === Kind.Unknown) return true;
      if (kind === Kind.Letters) {
        for (const letter of fold.codes) hash = step(hash, letter);
        length += fold.codes.length;
        if (fold.digit) digit = true;
        continue;
      }
      if (kind === Kind.Punctuation) {
        for (const point of fold.codes) {
          if (fragmentMarks.has(point)) return true;
          if (point < 128 ? asciiSymbols[point] === 1 : symbols.has(point)) symbolInToken = true;
        }
      }
    }

    // A boundary: the word before it may be an entry, or the second word of a phrase.
    if (length > 0) {
      const word = digit ? hashOf(readLeet(foldForMatch(text.slice(wordStart, at)))) : finish(hash);
      if (inFilter(bits, word) || (hasPrevious && inFilter(bits, pair(previous, word)))) return true;
      previous = word;
      hasPrevious = true;
      hash = SEED;
      length = 0;
      digit = false;
    }
    wordStart = i + 1;
    if (kind === Kind.Space) {
      // The whitespace token before it, if it holds a symbol, is looked up as a leet entry.
      if (symbolInToken && scan.isSymbolEntry(foldForMatch(text.slice(tokenStart, i)))) return true;
      symbolInToken = false;
      tokenStart = i + 1;
    }
  }
  return false;
}
