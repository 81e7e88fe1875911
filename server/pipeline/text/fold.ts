/** Case and accent folding for matching (blocklist), never for display. */

const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', ł: 'l', đ: 'd', ı: 'i' };

/**
 * Lower case, compatibility forms unified (full-width letters, ligatures such as `ﬁ`), accents and other
 * combining marks removed, invisible format characters (zero-width joiners, bidi controls) removed so they cannot
 * split a word in two.
 */
export function foldForMatch(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\p{M}\p{Cf}]/gu, '')
    .replace(/[œæßøłđı]/g, (c) => LIGATURES[c] ?? c);
}
