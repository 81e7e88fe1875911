/**
 * Digits written for letters inside a word (`c0nnard`, `conn4rd`, `b1tch`, `5alope`): a word of the folded text
 * that holds both ASCII letters and digits is read with its digits as the letters they stand for. Entries are read
 * the same way when the list is compiled, so an entry with digits of its own (`2g1c`) still matches itself, and a
 * word of digits only (`2027`, `69`) is left as it is. The quick pass (blocklist-scan.ts) reads words the same way.
 */

/** The letter each digit stands for; 2, 6 and 9 stand for none commonly enough (and 9 is a letter in Arabizi). */
const LETTER_OF_DIGIT: readonly (string | undefined)[] = ['o', 'i', undefined, 'e', 'a', 's', undefined, 't', 'b'];
const HAS_DIGIT = /[0-9]/;
const HAS_LETTER = /[a-z]/;
const LEET_DIGITS = /[0-9]/g;

/** `word` (folded, one word) with its digits read as letters when it mixes letters and digits; else `word`. */
export function readLeet(word: string): string {
  if (!HAS_DIGIT.test(word) || !HAS_LETTER.test(word)) return word;
  return word.replace(LEET_DIGITS, (digit) => LETTER_OF_DIGIT[digit.charCodeAt(0) - 48] ?? digit);
}

const WORDS = /[\p{L}\p{N}]+/gu;

/** Every word of a folded text read as {@link readLeet} reads one. */
export function readLeetWords(folded: string): string {
  return folded.replace(WORDS, readLeet);
}
