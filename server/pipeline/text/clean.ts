/**
 * Plain-text hygiene applied to every item before it is stored: invisible characters, stacked combining marks,
 * blank lines, length.
 */

/**
 * C0/C1 controls except tab and newline, soft hyphen, zero-width space, word joiners, BOM, interlinear annotation
 * marks, and the bidi embedding/override/isolate controls that can make text render backwards ("Trojan Source").
 * ZWJ and ZWNJ (U+200C/U+200D) are kept on purpose: emoji sequences and several scripts need them.
 */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uFFF9-\uFFFB]/g;

/**
 * Combining marks kept after one base character. Real writing needs few, even decomposed: Vietnamese two, Arabic a
 * shadda with its vowel and perhaps a small letter, Hebrew a dagesh, a vowel and a cantillation mark, Devanagari a
 * nukta, a vowel sign and a candrabindu, a keycap emoji two. "Zalgo" text stacks thousands on one letter, which a
 * browser draws as a single unbreakable cluster, wider and taller than any card: the web view would scroll sideways.
 */
const MAX_MARKS = 4;
const MARK_RUN = new RegExp(String.raw`(\p{M}{${MAX_MARKS}})\p{M}+`, 'gu');

/**
 * NFC, invisible characters removed, runs of combining marks cut to {@link MAX_MARKS}, newlines unified, trailing
 * spaces dropped, runs of blank lines reduced to one, trimmed. Idempotent.
 */
export function cleanText(text: string): string {
  const composed = text.normalize('NFC');
  // Most texts need none of the steps below: one test instead of five passes.
  return NEEDS_CLEANING.test(composed) ? cleanEveryStep(composed) : composed.trim();
}

/** Anything one of {@link cleanEveryStep}'s replacements would change. */
const NEEDS_CLEANING = new RegExp(
  String.raw`[\r\u2028\u2029\u0085\t]|\n\n\n|[ \u00A0]\n|\p{M}{${MAX_MARKS + 1}}|` + INVISIBLE.source,
  'u',
);

/** Every step of {@link cleanText} after NFC, whatever the text (exported for its test). */
export function cleanEveryStep(text: string): string {
  return (
    text
      .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
      .replace(INVISIBLE, '')
      // After the invisible characters: removing one may join two runs of marks into one.
      .replace(MARK_RUN, '$1')
      .replace(/\t/g, ' ')
      .replace(/[ \u00A0]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}

/** A one-line label (author name, handle): cleaned, whitespace collapsed, capped without a word-boundary search. */
export function cleanLabel(label: string, maxLength: number): string {
  const line = cleanText(label).replace(/\s+/g, ' ');
  return line.length <= maxLength ? line : `${sliceCodePoints(line, maxLength - 1).trimEnd()}…`;
}

/**
 * Caps `text` at `maxLength` UTF-16 units including the added "…", cutting at the last whitespace when that keeps
 * at least half the budget (a single huge "word" such as a URL is cut hard instead).
 */
export function capText(text: string, maxLength: number): { text: string; capped: boolean } {
  if (text.length <= maxLength) return { text, capped: false };
  const budget = Math.max(1, maxLength - 1);
  const head = text.slice(0, budget + 1);
  const lastSpace = head.search(/\s\S*$/);
  const cut = lastSpace >= budget / 2 ? head.slice(0, lastSpace) : sliceCodePoints(text, budget);
  return { text: `${cut.trimEnd()}…`, capped: true };
}

/** `text.slice(0, end)` that never leaves half of a surrogate pair at the end. */
function sliceCodePoints(text: string, end: number): string {
  const code = text.charCodeAt(end - 1);
  const splitsPair = code >= 0xd800 && code <= 0xdbff;
  return text.slice(0, splitsPair ? end - 1 : end);
}
