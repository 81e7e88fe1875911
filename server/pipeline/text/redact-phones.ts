/**
 * Where the phone numbers of a (folded, see redact-fold.ts) text are. Every run of digits with the usual
 * separators between them is a candidate, glued to letters or not (`appelle-moi0612345678`, `tel:0612345678`):
 * - 8 digits or more: a number, whatever the country, unless it is plainly an ordinary figure (a date, a range of
 *   years, an amount with its unit: redact-figures.ts);
 * - 7 digits after `+`, `00` or a trunk `0`: a number too;
 * - 6 or 7 other digits: a number when libphonenumber finds a valid one there for one of the event's countries
 *   (Luxembourg's `26 12 34`, Australia's `13 12 34`), except groups of three (`2 500 000`), which are figures,
 *   and at most {@link CHECKS_PER_TEXT} of them a text;
 * - 5 digits or fewer: never (postcodes, years, `49.3`).
 * A number is redacted whole, from its first digit to its last: a list of numbers in one run (`06 12 34 56 78 /
 * 07 98 76 54 32`) goes as one, and no digit of a number is left behind for lack of a country that knows it.
 */
import { findPhoneNumbersInText, Metadata, type CountryCode } from 'libphonenumber-js/max';
import { memoize } from '../memo.js';
import { isOrdinaryFigure, isThousands } from './redact-figures.js';
import type { Span } from './redact-spans.js';

/** What may stand between two digits of one number: spaces (no-break and thin too), dots, dashes, slashes, brackets. */
const SEPARATOR = String.raw`[ \u00A0\u2007\u2009\u202F.()/\-\u2010-\u2015\u2212]`;

/** A run: digits with at most three separators between each two (` - `, ` (0)`), an opening `(` or `+` kept. */
const DIGIT_RUN = new RegExp(String.raw`\(?\+?\d(?:${SEPARATOR}{0,3}\d)*`, 'g');

/**
 * Six digits close together, the fewest a number has here. Texts without them (most: a year, a time, a price)
 * skip the scan below.
 */
const SIX_DIGITS = new RegExp(String.raw`\d(?:${SEPARATOR}{0,3}\d){5}`);

const DIGIT = /\d/g;
/** How an international (`+`, `00`) or national (trunk `0`) number starts. */
const NUMBER_START = /^\(?[+0]/;

/**
 * Short runs a text may have checked by libphonenumber; past them, short runs are taken for numbers unasked. A
 * check costs tens to hundreds of µs (below), and a text of many different six-digit runs (`123456, 123457, …`)
 * is more likely a trick than a list of Luxembourg landlines.
 */
const CHECKS_PER_TEXT = 4;

/** Spans of the phone numbers in `text`, in order. */
export function phoneSpans(text: string, countries: readonly CountryCode[]): Span[] {
  if (!SIX_DIGITS.test(text)) return [];
  const spans: Span[] = [];
  let checks = 0;
  const validShort = (run: string, digits: number) =>
    ++checks > CHECKS_PER_TEXT || validSomewhere(run, digits, countries);
  for (const match of text.matchAll(DIGIT_RUN)) {
    const run = match[0];
    if (!isPhoneNumber(run, text, match.index, validShort)) continue;
    // An opening bracket belongs to the number only when the number closes it (`(0)6…`, `(+33) 6…`): a number
    // written in brackets keeps them, as `(•••)`.
    const open = run.startsWith('(') && !run.includes(')') ? 1 : 0;
    spans.push([match.index + open, match.index + run.length]);
  }
  return spans;
}

function isPhoneNumber(
  run: string,
  text: string,
  start: number,
  validShort: (run: string, digits: number) => boolean,
): boolean {
  const digits = run.match(DIGIT)?.length ?? 0;
  if (digits < 6 || isOrdinaryFigure(run, text, start)) return false;
  if (digits >= 8 || (digits === 7 && NUMBER_START.test(run))) return true;
  return !isThousands(run) && validShort(run, digits);
}

/**
 * Whether libphonenumber (full metadata: the strictest check of a short number) finds a valid number in `run` for
 * one of `countries`. Each search costs tens to hundreds of µs (it compiles the country's patterns), so only
 * countries where a number can be that short are searched (of the default 13, two for six digits: LU, AU; five
 * for seven), and a run seen lately is answered from memory (a sender repeats their number).
 */
function validSomewhere(run: string, digits: number, countries: readonly CountryCode[]): boolean {
  return countries.some((country) => shortestNumber(country) <= digits && validIn(`${country}${run}`));
}

/** `FR06…`: whether the run after the two-letter country is a valid number there. */
const validIn = memoize(
  (key: string) => findPhoneNumbersInText(key.slice(2), { defaultCountry: key.slice(0, 2) as CountryCode }).length > 0,
  1000,
);

const shortest = new Map<CountryCode, number>();

/** The fewest digits a national number of `country` has, from its metadata; read once per country. */
function shortestNumber(country: CountryCode): number {
  let fewest = shortest.get(country);
  if (fewest === undefined) {
    const metadata = new Metadata();
    metadata.selectNumberingPlan(country);
    fewest = Math.min(...(metadata.numberingPlan?.possibleLengths() ?? [0]));
    shortest.set(country, fewest);
  }
  return fewest;
}
