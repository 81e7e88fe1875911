/** How an author without an avatar is drawn: initials on a colour derived from the name. Shared with moderation. */

/** "Marie-Claire Dupont" → "MD", "@alice" → "A", "Participant 14" → "P", "2027" → "2", "😀" → "?". */
export function initials(name: string): string {
  const firsts = name
    .split(/[\s-]+/)
    .map((word) => word.match(/[\p{L}\p{N}]/u)?.[0] ?? '')
    .filter((letter) => letter !== '');
  // A number in a name ("Table 12") reads badly as an initial: letters first, digits only when there are none.
  const words = firsts.filter((letter) => /\p{L}/u.test(letter));
  const letters = words.length > 0 ? words : firsts;
  const first = letters[0];
  if (first === undefined) return '?';
  const last = letters.length > 1 ? letters.at(-1) : '';
  return `${first}${last}`.toLocaleUpperCase();
}

/** A hue from 0 to 359, the same for the same name, so one author keeps one colour. */
export function nameHue(name: string): number {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) % 360;
  return hash;
}

/** Saturation and lightness of the initials' background: white initials reach 4.5:1 on every hue. */
export const AVATAR_SATURATION = 42;
export const AVATAR_LIGHTNESS = 32;

/** The background colour of an author's initials. */
export function avatarColour(name: string): string {
  return `hsl(${nameHue(name)} ${AVATAR_SATURATION}% ${AVATAR_LIGHTNESS}%)`;
}
