/**
 * The default blocklists, one per language: LDNOOBW (naughty-words) for each, with french-badwords-list for French
 * and our Arabizi list (blocklist-arabizi.ts) with Arabic, minus the entries that are everyday words. The packages
 * are CommonJS without types, so they are loaded with `require` and checked.
 */
import { createRequire } from 'node:module';
import { z } from 'zod';
import { foldForMatch } from './text/fold.js';
import { ARABIZI_WORDS } from './blocklist-arabizi.js';
import { readLeetWords } from './blocklist-leet.js';
import { DEFAULT_BLOCKLISTS, type BlocklistLanguage } from './blocklist-languages.js';

const require = createRequire(import.meta.url);
const WordList = z.array(z.string());

/**
 * Entries of those lists that are ordinary words in a town-hall debate, where a match would reject the message
 * outright: a `gerbe` is laid at the war memorial, a `manche` is a sleeve, a `coche` a tick, a `punaise` a
 * thumbtack, a `crotte` de chien a classic complaint, `Les Misérables` a novel; `pet`, `sale`, `bite`, `cons`,
 * `butt` are common English; `xx` or `girl on` are not offensive at all; `domination` and `hardcore` are said of a
 * team or a band, `Peter` is a name, a `trainee` an intern, `vier` is German for four, and a debate on cycling
 * lanes speaks of `pédales`. Compared after accent folding.
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
  'domination',
  'epais',
  'escort',
  'folle',
  'gerbe',
  'girl on',
  'gourde',
  'gueule',
  'hardcore',
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
  'pedale',
  'pedales',
  'pet',
  'peter',
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
  'trainee',
  'trique',
  'vaurien',
  'vier',
  'wrapping men',
  'xx',
];

/**
 * The same for the other languages' lists, which name many words a debate uses plainly: drugs, abortion, racism
 * and Nazis are subjects, a `martillo` is a hammer, `cerveja` beer, `comer` to eat, `pesce` fish, `regina` a
 * queen, `spagnola` a Spanish woman, `mufti` a title, `فرج` a first name. Compared after accent folding, in every
 * list of an event that chose that language (see {@link everydayWords}).
 */
export const EVERYDAY_WORDS_ELSEWHERE: Readonly<Record<Exclude<BlocklistLanguage, 'fr' | 'en'>, readonly string[]>> = {
  es: [
    'asesinato',
    'con',
    'asno',
    'concha',
    'drogas',
    'esperma',
    'fiesta de salchichas',
    'haciendo el amor',
    'heroina',
    'infierno',
    'maldito',
    'martillo',
    'nazi',
    'orina',
    'pedo',
    'pervertido',
    'pezon',
    'pinche',
    'pis',
    'prostituta',
    'racista',
    'sadico',
    'semen',
    'sexo',
    'travesti',
    'trio',
    'vulva',
  ],
  de: [
    'bonze',
    'fratze',
    'kimme',
    'lummel',
    'mopse',
    'mufti',
    'nackt',
    'nippel',
    'orgasmus',
    'penis',
    'pinkeln',
    'popel',
    'rosette',
  ],
  it: [
    'bagnarsi',
    'balle',
    'battere',
    'biga',
    'cadavere',
    'cagna',
    'con',
    'cozza',
    'fava',
    'finocchio',
    'ingoio',
    'mannaggia',
    'mona',
    'monta',
    'montare',
    'nave scuola',
    'palle',
    'patacca',
    'pesce',
    'pisello',
    'pompa',
    'porca',
    'porca miseria',
    'porco',
    'quaglia',
    'regina',
    'sbattere',
    'sega',
    'spagnola',
    'tirare',
    'vacca',
    'vangare',
  ],
  pt: [
    'aborto',
    'amador',
    'aranha',
    'ariano',
    'bicha',
    'biscate',
    'bissexual',
    'burro',
    'camisinha',
    'cerveja',
    'cocaina',
    'comer',
    'consolo',
    'corno',
    'frango assado',
    'gozar',
    'grelho',
    'heroina',
    'heterosexual',
    'homem gay',
    'homosexual',
    'inferno',
    'lesbica',
    'mama',
    'pau',
    'pinto',
    'saco',
    'torneira',
    'veado',
  ],
  ar: [
    'احتلام',
    'اغتصاب',
    'بيضان',
    'تمص',
    'ثدي',
    'جماع',
    'حلمة',
    'خنثي',
    'شاذ',
    'شهوة',
    'فرج',
    'قضيب',
    'لحس',
    'لعق',
    'مبادل',
    'مص',
  ],
};

/** One entry of a default list, as written, with the language of its list. */
export interface DefaultEntry {
  word: string;
  language: BlocklistLanguage;
}

const NaughtyWords = z.object({
  en: WordList,
  fr: WordList,
  es: WordList,
  de: WordList,
  it: WordList,
  pt: WordList,
  ar: WordList,
});

const cached = new Map<BlocklistLanguage, readonly DefaultEntry[]>();
const everydayCache = new Map<string, ReadonlySet<string>>();

/** An entry folded, its digits read as letters (`cr0tt3` is `crotte`), as it is compared with everyday words. */
export const foldEntry = (word: string) => readLeetWords(foldForMatch(word).trim());

/**
 * The everyday words of an event with these lists, folded: French and English ones always, another language's
 * when its list is chosen (Spanish and Italian `con` is "with", and not blocked for an event that speaks them).
 */
export function everydayWords(languages: readonly BlocklistLanguage[]): ReadonlySet<string> {
  const key = [...new Set(languages)].sort().join(' ');
  let words = everydayCache.get(key);
  if (!words) {
    const elsewhere = languages.flatMap((language) =>
      language === 'fr' || language === 'en' ? [] : EVERYDAY_WORDS_ELSEWHERE[language],
    );
    words = new Set([...EVERYDAY_WORDS, ...elsewhere].map(foldEntry));
    everydayCache.set(key, words);
  }
  return words;
}

function packaged(language: BlocklistLanguage): string[] {
  const naughty = NaughtyWords.parse(require('naughty-words'));
  if (language === 'fr') {
    return [...naughty.fr, ...z.object({ array: WordList }).parse(require('french-badwords-list')).array];
  }
  if (language === 'ar') return [...naughty.ar, ...ARABIZI_WORDS];
  return naughty[language];
}

/** One language's packaged list, as written (the blocklist folds case and accents, and drops everyday words). */
export function defaultEntries(language: BlocklistLanguage): readonly DefaultEntry[] {
  let entries = cached.get(language);
  if (!entries) {
    entries = packaged(language).map((word) => ({ word, language }));
    cached.set(language, entries);
  }
  return entries;
}

/** The packaged lists of `languages` (French and English unless told), without their everyday words. */
export function defaultBlockedWords(languages: readonly BlocklistLanguage[] = DEFAULT_BLOCKLISTS): readonly string[] {
  const everyday = everydayWords(languages);
  return languages.flatMap((language) =>
    defaultEntries(language)
      .filter((entry) => !everyday.has(foldEntry(entry.word)))
      .map((entry) => entry.word),
  );
}
