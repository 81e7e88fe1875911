/**
 * An event form's body turned into an event as the configuration file declares it, so the file's schema checks
 * it. The form edits a part of the event (see EventSettings); what it leaves out keeps its current value, and the
 * moderation rules edited in the Rules view (word lists, trusted authors) are never touched by it.
 */
import type { EventConfig } from '../config/index.js';

type Body = Record<string, unknown>;

const objectOr = (value: unknown): Body =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Body) : {};

/** Keeps only the given keys that are present. */
function pick(source: Body, keys: readonly string[]): Body {
  return Object.fromEntries(keys.filter((key) => key in source).map((key) => [key, source[key]]));
}

const MODERATION_FIELDS = ['mode', 'holdSeconds', 'retentionDays'] as const;
const WALL_FIELDS = ['layout', 'languages'] as const;

/** The event to validate: the current one (when editing) with the form's fields over it. */
export function eventCandidate(body: unknown, current?: EventConfig): Body {
  const input = objectOr(body);
  const moderation = objectOr(input.moderation);
  const wall = objectOr(input.wall);
  return {
    // The slug names the event in every link and QR code already handed out: it is chosen once.
    slug: current ? current.slug : input.slug,
    title: 'title' in input ? input.title : current?.title,
    hashtags: 'hashtags' in input ? input.hashtags : (current?.hashtags ?? []),
    moderation: { ...current?.moderation, ...pick(moderation, MODERATION_FIELDS) },
    wall: {
      ...current?.wall,
      ...pick(wall, WALL_FIELDS),
      theme: { ...current?.wall.theme, ...objectOr(wall.theme) },
    },
    sources: [],
  };
}

/** What the events table keeps: the event without its sources (they have their own rows). */
export function settingsJson(config: EventConfig): string {
  const { sources: _sources, ...settings } = config;
  return JSON.stringify(settings);
}

/** Whether a form body tries to rename the event (refused: see `eventCandidate`). */
export function renames(body: unknown, current: EventConfig): boolean {
  const slug = objectOr(body).slug;
  return slug !== undefined && slug !== current.slug;
}
