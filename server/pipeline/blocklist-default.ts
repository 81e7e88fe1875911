/**
 * The default blocklist: LDNOOBW English and French (naughty-words) and french-badwords-list, minus the entries
 * that are everyday words in French or English. Both packages are CommonJS without types, so they are loaded with
 * `require` and checked.
 */
import { createRequire } from 'node:module';
import { z } from 'zod';
import { foldForMatch } from './text/fold.js';

const require = createRequire(import.meta.url);
const WordList = z.array(z.string());

/**
 * Entries of those lists that are ordinary words in a town-hall debate, where a match would reject the message
 * outright: a `gerbe` is laid at the war memorial, a `manche` is a sleeve, a `coche` a tick, a `punaise` a
 * thumbtack, a `crotte` de chien a classic complaint, `Les Misérables` a novel; `pet`, `sale`, `bite`, `cons`,
 * `butt` are common English; `xx` or `girl on` are not offensive at all. Compared after accent folding.
 */
export const EVERYDAY_WORDS: readonly string[] = [
  'baiser',
  'bite',
  'bourre',
  'bourree',
  'butt',
  'chauffard',
  'coche',
  'cons',
  'courtaud',
  'cricri',
  'crotte',
  'crouton',
  'epais',
  'escort',
  'folle',
  'gerbe',
  'girl on',
  'gourde',
  'gueule',
  'hot chick',
  'how to kill',
  'how to murder',
  'huge fat',
  'jouir',
  'lolita',
  'magot',
  'manche',
  'minable',
  'minus',
  'miserable',
  'nude',
  'nudity',
  'pet',
  'pleutre',
  'pouf',
  'punaise',
  'raton',
  'rosbif',
  'sale',
  'santorum',
  'sex',
  'sexual',
  'sexuality',
  'sexually',
  'tanche',
  'taste my',
  'tied up',
  'tongue in a',
  'trique',
  'vaurien',
  'wrapping men',
  'xx',
];

let cached: readonly string[] | undefined;

/** The packaged lists, without {@link EVERYDAY_WORDS} (raw entries; the blocklist folds case and accents). */
export function defaultBlockedWords(): readonly string[] {
  if (cached) return cached;
  const naughty = z.object({ en: WordList, fr: WordList }).parse(require('naughty-words'));
  const french = z.object({ array: WordList }).parse(require('french-badwords-list'));
  const everyday = new Set(EVERYDAY_WORDS);
  cached = [...naughty.en, ...naughty.fr, ...french.array].filter((word) => !everyday.has(foldForMatch(word).trim()));
  return cached;
}
