/**
 * Patterns shared by the normalizers (hashtags of plain-text sources) and the sanitizer (linking).
 * Both are global and Unicode-aware; use them with `matchAll` or `replace`, which never leak `lastIndex`.
 */

/**
 * `#tag` in any script (`#débat`, `#Québec2026`), with at least one letter so `#1` stays a number. The lookbehind
 * keeps `C#`, `a#b` and URL fragments (`/#x`) out. Group 1 is the tag without `#`.
 */
export const HASHTAG = /(?<![\p{L}\p{M}\p{N}_&#/])#([\p{L}\p{M}\p{N}_]*[\p{L}\p{M}][\p{L}\p{M}\p{N}_]*)/gu;

/**
 * `@handle`, `@user@instance.example` or `@alice.bsky.social`; never the `@` inside an email address (lookbehind)
 * and never a trailing dot or dash. Group 1 is the handle without the leading `@`.
 */
export const MENTION =
  /(?<![\p{L}\p{M}\p{N}_@./])@([\p{L}\p{N}_](?:[\p{L}\p{M}\p{N}_.-]*[\p{L}\p{M}\p{N}_])?(?:@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)?)/gu;

/** {@link HASHTAG} tried at one position only (sticky): at each `#` of a text. */
const HASHTAG_AT = new RegExp(HASHTAG.source, 'uy');

/**
 * Hashtags found in plain text, lower-cased, deduplicated, in order of appearance. The same as every match of
 * {@link HASHTAG}, found faster: the pattern is tried only where a `#` stands, not (lookbehind first) everywhere.
 */
export function hashtagsInText(text: string): string[] {
  if (!text.includes('#')) return [];
  const normalized = text.normalize('NFC');
  const tags: string[] = [];
  for (let at = normalized.indexOf('#'); at >= 0; at = normalized.indexOf('#', at + 1)) {
    HASHTAG_AT.lastIndex = at;
    const match = HASHTAG_AT.exec(normalized);
    if (!match) continue;
    tags.push(match[1] ?? '');
    at = HASHTAG_AT.lastIndex - 1;
  }
  return uniqueLowerCase(tags);
}

/** Lower-cases, drops empty strings and a leading `#`, and deduplicates while keeping the first order. */
export function uniqueLowerCase(tags: Iterable<string>): string[] {
  const seen = new Set<string>();
  for (const tag of tags) {
    const clean = tag.replace(/^#/, '').normalize('NFC').toLowerCase();
    if (clean) seen.add(clean);
  }
  return [...seen];
}
