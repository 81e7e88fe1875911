/**
 * Compiles blocked words and phrases into a matcher that is case- and accent-insensitive and matches whole words
 * only: "analyse" does not contain "anal", "constitution" does not contain "con". Digits written for letters are
 * read as letters (`c0nnard`, blocklist-leet.ts), and the default lists' words also match their plurals and
 * feminines (`connards`, `enculées`, blocklist-variants.ts). It runs on every item, so entries are sorted once
 * into hash lookups and a text is scanned token by token.
 */
import type { Blocklist } from './types.js';
import { defaultEntries, everydayWords, foldEntry, type DefaultEntry } from './blocklist-default.js';
import { DEFAULT_BLOCKLISTS, type BlocklistLanguage } from './blocklist-languages.js';
import { readLeet } from './blocklist-leet.js';
import { variantsOf } from './blocklist-variants.js';
import { ASCII, foldForMatch } from './text/fold.js';
import { createBlocklistScan, type BlocklistScan } from './blocklist-scan.js';

export { defaultBlockedWords, EVERYDAY_WORDS } from './blocklist-default.js';
export { BLOCKLIST_LANGUAGES, DEFAULT_BLOCKLISTS, type BlocklistLanguage } from './blocklist-languages.js';

export interface BlocklistOptions {
  /** Also block the packaged default lists ({@link defaultBlockedWords}). */
  useDefault: boolean;
  /** Which languages' default lists; French and English unless told. */
  languages?: readonly BlocklistLanguage[];
  /** Entries of the default lists this event does not block (compared case- and accent-insensitively). */
  allowed?: readonly string[];
}

interface Phrase {
  tokens: string[];
  entry: string;
}

interface Compiled {
  /** Single words: folded token -> entry as written. */
  words: Map<string, string>;
  /** Phrases of several words, found through their first word. */
  phrases: Map<string, Phrase[]>;
  /** Leetspeak such as `@brut!`: compared with whole whitespace-separated tokens. */
  symbolTokens: Map<string, string>;
  /** The symbols those entries hold (`@`, `!`…): a text without any cannot match one. Null when there are none. */
  symbols: RegExp | null;
  /** The same symbols, one by one, for the quick pass. */
  symbolChars: string[];
  /** Entries without letters (`🖕`) or symbols with spaces: plain substring search. */
  fragments: Map<string, string>;
}

const WORD = /[\p{L}\p{N}]+/gu;
/** {@link WORD} for ASCII text, where letters and digits are just these (text is folded to lower case first). */
const ASCII_WORD = /[a-z0-9]+/g;
const SINGLE_WORD = /^[\p{L}\p{N}]+$/u;
const SEPARATED_WORDS = /^[\p{L}\p{N}]+(?:[\s'’-]+[\p{L}\p{N}]+)+$/u;
const WHITESPACE = /\s+/u;
const HAS_DIGIT = /[0-9]/;
/** A character that is neither a letter nor a digit. */
const HAS_SYMBOL = /[^\p{L}\p{N}]/u;
/** Punctuation that may cling to a whitespace token (`@brut!,`) without being part of a leet entry. */
const CLINGING = /^["'«»“”‘’([{.,;:?]+|["'«»“”‘’)\]}.,;:?]+$/gu;

/** Builds a {@link Blocklist}; `match` returns the first entry found in a text, as it was written, or null. */
export function createBlocklist(words: readonly string[], options: BlocklistOptions): Blocklist {
  const compiled = compileList(words, options);
  const scan = scanFor(compiled);
  return {
    match: (text) => (scan === null || scan.mayMatch(text) ? matchText(compiled, text) : null),
    size: sizeOf(compiled),
  };
}

/** The same list without the quick pass: every text goes through the full matcher. What the tests compare with. */
export function createFullBlocklist(words: readonly string[], options: BlocklistOptions): Blocklist {
  const compiled = compileList(words, options);
  return { match: (text) => matchText(compiled, text), size: sizeOf(compiled) };
}

function compileList(words: readonly string[], options: BlocklistOptions): Compiled {
  const allowed = new Set((options.allowed ?? []).map(foldEntry));
  const languages = options.useDefault ? [...new Set(options.languages ?? DEFAULT_BLOCKLISTS)] : [];
  const everyday = everydayWords(languages);
  const defaults = languages
    .flatMap((language) => defaultEntries(language))
    .filter((entry) => !allowed.has(foldEntry(entry.word)) && !everyday.has(foldEntry(entry.word)));
  const compiled = compile([...defaults.map((entry) => entry.word), ...words]);
  addVariants(compiled, defaults, (form) => allowed.has(form) || everyday.has(form));
  return compiled;
}

/**
 * The default lists' plurals and feminines, after every entry so that none displaces a listed word: each matches
 * as the entry it comes from, and goes with it when an event allows that entry.
 */
function addVariants(compiled: Compiled, defaults: readonly DefaultEntry[], passes: (form: string) => boolean): void {
  for (const { word, language } of defaults) {
    const folded = foldForMatch(word).trim();
    if (compiled.words.get(folded) !== word) continue; // a phrase, a symbol entry, or another spelling listed first
    for (const variant of variantsOf(folded, word, language)) {
      if (!passes(variant)) setWord(compiled.words, variant, word);
    }
  }
}

/** Distinct entries as written (a plural counts with its word, a leet spelling with the word it spells). */
function sizeOf(compiled: Compiled): number {
  const entries = new Set([
    ...compiled.words.values(),
    ...compiled.symbolTokens.values(),
    ...compiled.fragments.values(),
  ]);
  for (const list of compiled.phrases.values()) for (const phrase of list) entries.add(phrase.entry);
  return entries.size;
}

/** Texts with no entry are told apart by a quick pass ({@link createBlocklistScan}); the others are matched. */
function scanFor(compiled: Compiled): BlocklistScan | null {
  return createBlocklistScan({
    words: compiled.words.keys(),
    phraseStarts: [...compiled.phrases.values()].flat().map(({ tokens }) => [tokens[0]!, tokens[1]!] as const),
    isSymbolEntry: (token) => symbolEntry(compiled, token) !== undefined,
    symbols: compiled.symbolChars,
    fragments: compiled.fragments.keys(),
  });
}

function compile(entries: readonly string[]): Compiled {
  const compiled: Compiled = {
    words: new Map(),
    phrases: new Map(),
    symbolTokens: new Map(),
    symbols: null,
    symbolChars: [],
    fragments: new Map(),
  };
  for (const entry of entries) {
    const folded = foldForMatch(entry).trim().replace(/\s+/g, ' ');
    if (folded === '') continue;
    if (SINGLE_WORD.test(folded)) setWord(compiled.words, readLeet(folded), entry);
    else if (SEPARATED_WORDS.test(folded)) addPhrase(compiled.phrases, (folded.match(WORD) ?? []).map(readLeet), entry);
    else if (/^\S+$/u.test(folded) && /[\p{L}\p{N}]/u.test(folded)) setOnce(compiled.symbolTokens, folded, entry);
    else setOnce(compiled.fragments, folded, entry);
  }
  compiled.symbolChars = symbolsOf(compiled.symbolTokens.keys());
  compiled.symbols = symbolPattern(compiled.symbolChars);
  return compiled;
}

function symbolsOf(entries: Iterable<string>): string[] {
  const symbols = new Set<string>();
  for (const entry of entries) for (const char of entry) if (HAS_SYMBOL.test(char)) symbols.add(char);
  return [...symbols];
}

function symbolPattern(symbols: readonly string[]): RegExp | null {
  if (symbols.length === 0) return null;
  const escaped = symbols.map((char) => char.replace(/[\\\]^-]/g, '\\$&')).join('');
  return new RegExp(`[${escaped}]`, 'u');
}

function setOnce(map: Map<string, string>, key: string, entry: string): void {
  if (!map.has(key)) map.set(key, entry);
}

/**
 * A word's key goes to the first entry, except that an entry in plain letters takes it from one with digits: a
 * moderator reads "connard" as the reason for `connarde`, not the list's `c0nnard3`.
 */
function setWord(words: Map<string, string>, key: string, entry: string): void {
  const current = words.get(key);
  if (current === undefined || (HAS_DIGIT.test(current) && !HAS_DIGIT.test(entry))) words.set(key, entry);
}

function addPhrase(phrases: Map<string, Phrase[]>, tokens: string[], entry: string): void {
  const [first] = tokens;
  if (first === undefined) return;
  const list = phrases.get(first) ?? [];
  if (!list.some((p) => p.tokens.join(' ') === tokens.join(' '))) list.push({ tokens, entry });
  phrases.set(first, list);
}

/** The full matcher: every entry looked for, the first found returned. */
function matchText(compiled: Compiled, text: string): string | null {
  const folded = foldForMatch(text);
  // Most texts are ASCII once folded, where a plain (non-Unicode) pattern finds the same words faster.
  const words = (folded.match(ASCII.test(folded) ? ASCII_WORD : WORD) ?? []).map(readLeet);
  return matchWords(compiled, words) ?? matchSymbols(compiled, folded) ?? matchFragments(compiled, folded);
}

function matchWords(compiled: Compiled, tokens: string[]): string | null {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const word = compiled.words.get(token);
    if (word !== undefined) return word;
    const phrases = compiled.phrases.get(token);
    if (phrases === undefined) continue;
    for (const phrase of phrases) {
      if (phrase.tokens.every((t, k) => tokens[i + k] === t)) return phrase.entry;
    }
  }
  return null;
}

function matchSymbols(compiled: Compiled, folded: string): string | null {
  const { symbols } = compiled;
  if (symbols === null || !symbols.test(folded)) return null;
  // Only tokens holding one of the entries' symbols can be a leet entry: most texts have few.
  for (const token of folded.split(WHITESPACE)) {
    if (!symbols.test(token)) continue;
    const entry = symbolEntry(compiled, token);
    if (entry !== undefined) return entry;
  }
  return null;
}

/** The leet entry a whitespace token is, with or without the punctuation clinging to it. */
function symbolEntry(compiled: Compiled, token: string): string | undefined {
  return compiled.symbolTokens.get(token) ?? compiled.symbolTokens.get(token.replace(CLINGING, ''));
}

function matchFragments(compiled: Compiled, folded: string): string | null {
  for (const [fragment, entry] of compiled.fragments) if (folded.includes(fragment)) return entry;
  return null;
}
