/**
 * Where the email addresses of a (folded, see redact-fold.ts) text are, written plainly or in the ways people hide
 * them from robots. No maintained library finds the obfuscated forms (the address validators check one whole
 * string, linkifyjs knows only `user@domain.tld`), so the patterns below are built from named pieces.
 *
 * What counts as an address:
 * - `local@domain.tld` with any letters and digits, `user@localhost`, `user@intranet` (an unspaced `@` between two
 *   words is a contact in a private message far more often than anything else), IP literals `user@[192.168.0.1]`,
 *   `user@[IPv6:2001:db8::1]` and `user@192.168.0.1`, quoted local parts `"john doe"@example.org`;
 * - `jean @ exemple.fr`: a spaced `@` needs a convincing domain (see below), so `vous @ 10h` and
 *   `Rendez-vous @ Paris.Bisous` stay;
 * - `[at]`, `(at)`, `{at}`, `<at>`, `[@]`, `(@)`, `arobase`, `arrobase` for the `@`, and `[dot]`, `(dot)`, `[.]`,
 *   `dot`, `point` for the dots;
 * - `jean at exemple dot fr`: a bare ` at ` only when the domain has a hidden dot or ends in a common top-level
 *   domain (`at example.com`), since English prose puts "at" before ordinary words (`at 10.30`, `at St.Pierre`).
 * - `@user@instance.social`, a fediverse handle, with its first `@`: redaction runs on private channels only (SMS,
 *   email, web form), where such a handle is a way to reach the sender, like an address. A lone `@alice` stays.
 */
import type { Span } from './redact-spans.js';

const SPACE = String.raw`[ \u00A0\u202F]`;
const LETTER_OR_DIGIT = String.raw`\p{L}\p{M}\p{N}`;
/** One word of a local part: letters, digits, `_ % + -`, and an apostrophe inside (`o'brien`). */
const WORD = String.raw`[${LETTER_OR_DIGIT}_%+-]+(?:'[${LETTER_OR_DIGIT}_%+-]+)*`;
/** A local part starts at a word's start: the engine then tries each word once, not each of its letters. */
const LOCAL_START = String.raw`(?<![${LETTER_OR_DIGIT}_%+'.@-])`;

const HIDDEN_DOT_WORD = '(?:dot|point|\\.)';
/** `[dot]`, `(point)`, `[.]`, with spaces around or not. */
const BRACKETED_DOT = String.raw`${SPACE}{0,3}[\[({<]${SPACE}{0,2}${HIDDEN_DOT_WORD}${SPACE}{0,2}[\])}>]${SPACE}{0,3}`;
/** ` dot `, ` point `. */
const WORD_DOT = String.raw`${SPACE}{1,3}(?:dot|point)${SPACE}{1,3}`;
const STRICT_DOT = String.raw`(?:\.|${BRACKETED_DOT})`;
const ANY_DOT = String.raw`(?:\.|${BRACKETED_DOT}|${WORD_DOT})`;

const QUOTED_LOCAL = String.raw`["“”][^"“”\n]{1,64}["“”]`;
const LOCAL = String.raw`@?(?:${QUOTED_LOCAL}|${WORD}(?:${STRICT_DOT}${WORD})*)`;
const LOOSE_LOCAL = String.raw`@?(?:${QUOTED_LOCAL}|${WORD}(?:${ANY_DOT}${WORD})*)`;

const LABEL = String.raw`[${LETTER_OR_DIGIT}][${LETTER_OR_DIGIT}-]*`;
/** A top-level domain: letters, possibly glued to what follows if that is not a letter (`exemple.fr2026`). */
const TLD = String.raw`\p{L}{2,63}(?![\p{L}\p{M}])`;
const IP_LITERAL = String.raw`\[(?:IPv6:[0-9a-f:.]+|\d{1,3}(?:\.\d{1,3}){3})\]|\d{1,3}(?:\.\d{1,3}){3}(?!\d)`;
const DOTTED_DOMAIN = String.raw`${LABEL}(?:${STRICT_DOT}${LABEL})*${STRICT_DOT}${TLD}`;

/** An address with a real `@` and no space around it, to any domain. */
const WITH_AT = new RegExp(String.raw`${LOCAL_START}${LOCAL}@(?:${IP_LITERAL}|${DOTTED_DOMAIN}|${LABEL})`, 'giu');

/**
 * Ways of writing `@` without it, or with spaces: `spaced` and `bare` (a plain ` at `) are common in prose too
 * (`Rendez-vous @ Paris.Bisous`), and need a convincing domain.
 */
const HIDDEN_AT = `(?:${[
  // [at] (@) {arobase}
  String.raw`${SPACE}{0,3}[\[({<]${SPACE}{0,2}(?:@|at|arr?obase)${SPACE}{0,2}[\])}>]${SPACE}{0,3}`,
  `${SPACE}{1,3}arr?obase${SPACE}{1,3}`,
  `(?<spaced>${SPACE}{1,3}@${SPACE}{0,3}|@${SPACE}{1,3})`,
  `(?<bare>${SPACE}{1,3}at${SPACE}{1,3})`,
].join('|')})`;
const LOOSE_DOMAIN = String.raw`(?<domain>${IP_LITERAL}|${LABEL}(?:${ANY_DOT}${LABEL})*${ANY_DOT}(?<tld>${TLD}))`;
const HIDDEN = new RegExp(String.raw`${LOCAL_START}${LOOSE_LOCAL}${HIDDEN_AT}${LOOSE_DOMAIN}`, 'giu');

/** Top-level domains that make `word at name.tld` an address rather than prose. */
const COMMON_TLDS = new Set(
  'com org net edu gov info io me app dev eu fr be ch ca lu mc ma dz tn uk us ie au de es it nl pt'.split(' '),
);

/**
 * Anything {@link HIDDEN} could match needs one of these; most texts have none, and skip its scan. A bare ` at `
 * counts only before a word and a dot (`at exemple.`, `at exemple [dot]`): English prose is full of ` at `.
 */
const HIDDEN_HINT =
  /arr?obase|[[({<]\s*(?:at|@)\s*[\])}>]|\sat\s{1,3}[\p{L}\p{M}\p{N}-]+(?:\.|\s{0,3}[[({<]|\s{1,3}(?:dot|point)\s)|\s@|@\s/iu;

/** Spans of the addresses in `text`, in order, possibly overlapping. */
export function emailSpans(text: string): Span[] {
  const spans: Span[] = [];
  if (text.includes('@')) {
    for (const match of text.matchAll(WITH_AT)) spans.push([match.index, match.index + match[0].length]);
  }
  if (HIDDEN_HINT.test(text)) {
    for (const match of text.matchAll(HIDDEN)) {
      const groups = match.groups ?? {};
      if ((groups.bare || groups.spaced) && !convincingDomain(groups, groups.spaced !== undefined)) continue;
      spans.push([match.index, match.index + match[0].length]);
    }
  }
  return spans;
}

/** A hidden dot's brackets or spaces. */
const HIDDEN_DOT_MARK = /[[({<\s]/;

/**
 * After a bare ` at ` or a spaced `@`: an IP address, a hidden dot somewhere in the domain, or a common top-level
 * domain; after a spaced `@`, any lower-case one (`jean @ exemple.xyz`, not `Paris.Bisous`).
 */
function convincingDomain(groups: Record<string, string | undefined>, spaced: boolean): boolean {
  const { tld, domain = '' } = groups;
  if (tld === undefined || HIDDEN_DOT_MARK.test(domain) || COMMON_TLDS.has(tld.toLowerCase())) return true;
  return spaced && tld === tld.toLowerCase();
}
