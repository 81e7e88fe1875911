/** Case and accent folding for matching (blocklist), never for display. */

/** Only ASCII characters (the fast path): most of a French or English text once its accents are gone. */
// eslint-disable-next-line no-control-regex -- the whole ASCII range, controls included, is the point
export const ASCII = /^[\x00-\x7f]*$/;

/** Combining diacritical marks (all of them `\p{M}`), the accents of decomposed Latin letters. */
const DIACRITICS = /[\u0300-\u036f]/g;

const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', ł: 'l', đ: 'd', ı: 'i' };

/**
 * Lower case, compatibility forms unified (full-width letters, ligatures such as `ﬁ`), accents and other
 * combining marks removed, invisible format characters (zero-width joiners, bidi controls) removed so they cannot
 * split a word in two.
 */
export function foldForMatch(text: string): string {
  // Plain ASCII has no accents, marks, ligatures or compatibility forms: lower case is all there is to do.
  if (ASCII.test(text)) return text.toLowerCase();
  // Latin accents are all combining diacritics once decomposed: without them, most texts are ASCII again.
  const decomposed = text.toLowerCase().normalize('NFKD').replace(DIACRITICS, '');
  if (ASCII.test(decomposed)) return decomposed;
  return decomposed.replace(/[\p{M}\p{Cf}]/gu, '').replace(/[œæßøłđı]/g, (c) => LIGATURES[c] ?? c);
}
