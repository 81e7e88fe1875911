/** Who else is in the event's console and which item each has open, ready to show. */
import type { Presence } from '../../server/protocol/moderation.js';

export type OnlineModerator = Presence['online'][number];

/** Everyone in the event's console but the moderator reading (several tabs of one person count once). */
export function othersOnline(presence: Presence | null, me: string | null): OnlineModerator[] {
  if (!presence) return [];
  return presence.online.filter((entry) => entry.name !== me);
}

/** Item id -> names of the others who have it open. */
export function watchersByItem(others: readonly OnlineModerator[]): Map<number, string[]> {
  const byItem = new Map<number, string[]>();
  for (const { name, focus } of others) {
    if (focus === null) continue;
    byItem.set(focus, [...(byItem.get(focus) ?? []), name]);
  }
  return byItem;
}

/** "Léa Martin" -> "LM", "léa" -> "L", "jean-luc" -> "JL": one or two letters for an avatar. */
export function initials(name: string): string {
  const words = name
    .trim()
    .split(/[\s._-]+/u)
    .filter((word) => word !== '');
  const letters = words.length > 1 ? [words[0], words.at(-1)] : [words[0]];
  return letters
    .map((word) => Array.from(word ?? '')[0] ?? '')
    .join('')
    .toLocaleUpperCase();
}

/** Avatar hues, spaced for contrast with white initials. */
const HUES = [212, 340, 152, 28, 268, 190, 4, 96] as const;

/** A stable colour per name, so each colleague keeps theirs from one screen to the next. */
export function hueFor(name: string): number {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return HUES[hash % HUES.length] ?? HUES[0];
}
