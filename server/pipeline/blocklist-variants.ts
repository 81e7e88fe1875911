/**
 * The forms of a listed word that the packaged lists leave out: plurals (`connards`, `putes`), feminines
 * (`enculée`, `branleuse`, `couillonne`) and the plurals of those, made by each language's regular rules rather
 * than listed by hand. Only words of four letters or more vary: the short ones (`con`, `cul`) would meet everyday
 * words (`cône`, `cule`…). The forms are folded like the entries (lower case, no accents). A form that is an
 * everyday word is dropped by the caller, like the entries themselves.
 */
import type { BlocklistLanguage } from './blocklist-languages.js';

const LETTERS_ONLY = /^[a-z]+$/;
const MIN_LENGTH = 4;

/** Feminine endings of French nouns and adjectives, longest first: the first that fits is used. */
const FRENCH_FEMININES: readonly [string, string][] = [
  ['ateur', 'atrice'],
  ['eur', 'euse'],
  ['eux', 'euse'],
  ['ard', 'arde'],
  ['aud', 'aude'],
  ['ien', 'ienne'],
  ['on', 'onne'],
  ['in', 'ine'],
  ['ot', 'otte'],
  ['if', 'ive'],
  ['u', 'ue'],
];

function frenchPlural(word: string): string[] {
  if (/[sxz]$/.test(word)) return [];
  if (/(?:eau|au|eu)$/.test(word)) return [`${word}x`];
  if (word.endsWith('al')) return [`${word}s`, `${word.slice(0, -2)}aux`];
  return [`${word}s`];
}

/** `written` is the entry as listed: a final `é` (folded away in `word`) takes an `e` in the feminine. */
function frenchForms(word: string, written: string): string[] {
  const feminines: string[] = [];
  if (/é$/i.test(written.trim())) feminines.push(`${word}e`);
  else {
    const rule = FRENCH_FEMININES.find(([ending]) => word.endsWith(ending));
    if (rule) feminines.push(word.slice(0, -rule[0].length) + rule[1]);
  }
  return [...frenchPlural(word), ...feminines, ...feminines.flatMap(frenchPlural)];
}

function englishForms(word: string): string[] {
  if (/(?:s|x|z|ch|sh)$/.test(word)) return [`${word}es`];
  if (/[^aeiou]y$/.test(word)) return [`${word.slice(0, -1)}ies`];
  return [`${word}s`];
}

/** Spanish and Portuguese: `-s` after a vowel, `-es` after a consonant (Portuguese `-r`, `-z` too). */
function iberianForms(word: string): string[] {
  if (/[aeiou]$/.test(word))
    return [`${word}s`, ...(word.endsWith('o') ? [`${word.slice(0, -1)}a`, `${word.slice(0, -1)}as`] : [])];
  if (/[rzln]$/.test(word)) return [`${word}es`];
  return [];
}

/**
 * Italian plurals: `-o` and `-e` become `-i`, `-a` becomes `-e`, except after `c` or `g` (`-che`, `-ghe`, where a
 * plain `-e` would make French words: `fica`, `figa`, `topa` would give `fiche`, `fige`, `tope`). No feminines:
 * `cesso` would give `cessa`, `cesse`.
 */
function italianForms(word: string): string[] {
  const stem = word.slice(0, -1);
  if (/[oe]$/.test(word)) return [`${stem}i`];
  if (/[^cgp]a$/.test(word)) return [`${stem}e`];
  return [];
}

/** Other forms of one folded single-word entry of `language`'s list (never the word itself). */
export function variantsOf(word: string, written: string, language: BlocklistLanguage): string[] {
  if (word.length < MIN_LENGTH || !LETTERS_ONLY.test(word)) return [];
  switch (language) {
    case 'fr':
      return frenchForms(word, written);
    case 'en':
      return englishForms(word);
    case 'es':
    case 'pt':
      return iberianForms(word);
    case 'it':
      return italianForms(word);
    case 'de':
    case 'ar':
      // German inflects in ways a suffix does not capture (its list names the forms); Arabic lists are as written.
      return [];
  }
}
