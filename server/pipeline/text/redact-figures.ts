/**
 * Runs of digits that are long enough to be a phone number but plainly are something else: dates, years, amounts
 * and counts with their unit. They stay as written (test/unit/pipeline/text/redact-table.test.ts lists them).
 * Times (`10h30`, `10:30`), percentages (`45 %`), hashtags (`#JO2024`) and short figures never get that far:
 * their `h` or `:` ends a run, or they have too few digits.
 */

/** `07/12/2026`, `7.12.26`, `12-07-2026`: day and month in either order, one separator. */
const DAY_MONTH_YEAR = /^(\d{1,2})([./-])(\d{1,2})\2(?:\d{4}|\d{2})$/;
/** `2026-12-07`, `2026/12/07`. */
const YEAR_MONTH_DAY = /^(?:19|20)\d{2}([./-])(\d{1,2})\1(\d{1,2})$/;
/** `07/12`, one end of `07/12-08/12/2026`. */
const DAY_MONTH = /^(\d{1,2})\/(\d{1,2})$/;
/** `10.30`, one end of `10.30-12.30` (`10h30` and `10:30` never join a run). */
const TIME = /^([01]?\d|2[0-3])\.[0-5]\d$/;
/** `2026`, `2024/2025`, `2024/25`. */
const YEARS = /^(?:19|20)\d{2}(?:\/(?:(?:19|20)\d{2}|\d{2}))?$/;

/** Where a run of dates or years splits: a dash (spaced or not), a spaced slash, spaces. */
const RANGE_SEPARATOR = /\s*[-\u2010-\u2015\u2212]\s*|\s+\/\s+|\s+/;

/** `2 500 000`, `12.500.000`, `1 250 000 000,50`: groups of three after the first, one kind of separator. */
const THOUSANDS = /^\d{1,3}([ \u00A0\u2007\u2009\u202F.])\d{3}(?:\1\d{3})*(?:[.,]\d{1,2})?$/;

/** `2500000`: digits alone, an amount when its unit follows (never with a trunk zero, as a national number starts). */
const PLAIN = /^[1-9]\d*$/;

/** What may follow an amount or a count (after its decimals): a currency, a unit, what was counted. */
const UNIT_AFTER = new RegExp(
  String.raw`^(?:[.,]\d+)?\s?(?:de\s|d['’]\s?|of\s)?(?:[%‰€$£¥]|(?:` +
    [
      'k€|m€|md€|mds€|eur|euros?|usd|dollars?|gbp|livres?|pounds?|chf|francs?|cad',
      'mad|dh|dirhams?|dzd|da|tnd|dinars?',
      'millions?|milliards?|billions?|km|m2|m²|m3|kg|tonnes?|tons?|kwh|mwh|gwh|ha|hectares?',
      'habitants?|personnes?|participants?|participantes?|visiteurs?|visiteuses?|spectateurs?|inscrits?|votants?',
      'voix|votes?|signatures?|abonnés?|vues?|exemplaires?|logements?|emplois?|élèves?|étudiants?|arbres?|places?',
      'people|inhabitants?|residents?|visitors?|views?|followers?|members?|membres?|students?',
      'jobs?|homes?|trees?|seats?',
    ].join('|') +
    String.raw`)(?![\p{L}\p{M}'’]))`,
  'iu',
);
/** A currency sign or code just before an amount. */
const CURRENCY_BEFORE = /(?:[$£€¥]|\b(?:CHF|EUR|USD|GBP|CAD|MAD|DZD|TND))\s?$/u;

/** E.164 caps a phone number at 15 digits: a longer unbroken run is an identifier (a post's id in a link). */
const IDENTIFIER = /^\d{16,}$/;

/**
 * Whether the run `run`, found in `text` at `start`, is an ordinary figure rather than a contact: a date or a
 * list or range of dates, times or years, an amount or count (grouped by thousands or not) followed by its unit
 * (or after a currency), a long identifier.
 */
export function isOrdinaryFigure(run: string, text: string, start: number): boolean {
  if (IDENTIFIER.test(run) || isDate(run)) return true;
  if (THOUSANDS.test(run) || PLAIN.test(run)) {
    const after = text.slice(start + run.length, start + run.length + 24);
    return UNIT_AFTER.test(after) || CURRENCY_BEFORE.test(text.slice(Math.max(0, start - 5), start));
  }
  const pieces = run.split(RANGE_SEPARATOR);
  if (pieces.every(isDatePiece)) return true;
  // `le 12/03/2026 10 personnes`: a date, then too few digits for a number. Years do not count as dates here:
  // `020 2019 2020` is a London number.
  const others = pieces.filter((piece) => !isDate(piece) && !isDayMonth(piece) && !TIME.test(piece));
  return others.length < pieces.length && others.join('').replace(/\D/g, '').length < 6;
}

/** Groups of three digits: a figure (`2 500 000`), never a phone number that short (see redact-phones.ts). */
export function isThousands(run: string): boolean {
  return THOUSANDS.test(run);
}

function isDate(piece: string): boolean {
  const dmy = DAY_MONTH_YEAR.exec(piece);
  if (dmy) return dayAndMonth(Number(dmy[1]), Number(dmy[3]));
  const ymd = YEAR_MONTH_DAY.exec(piece);
  return ymd !== null && isMonth(Number(ymd[2])) && isDay(Number(ymd[3]));
}

/** One end of a range or one of a list: a date, a day and month, a time, years. */
function isDatePiece(piece: string): boolean {
  return isDate(piece) || isDayMonth(piece) || TIME.test(piece) || YEARS.test(piece);
}

function isDayMonth(piece: string): boolean {
  const match = DAY_MONTH.exec(piece);
  return match !== null && dayAndMonth(Number(match[1]), Number(match[2]));
}

/** Day then month, or month then day (`12/31/2026`). */
function dayAndMonth(first: number, second: number): boolean {
  return (isDay(first) && isMonth(second)) || (isMonth(first) && isDay(second));
}

const isDay = (value: number) => value >= 1 && value <= 31;
const isMonth = (value: number) => value >= 1 && value <= 12;
