/**
 * The event form's logic: the values it edits, the slug suggested from a title, the hashtags typed as text, and
 * the server's field errors placed next to their field. The server checks everything with the configuration
 * file's schema; nothing here refuses a value, it only shapes what is sent.
 */
import type { AdminFieldError, EventSettings } from '../../server/protocol/admin.js';
import type { Language, ModerationMode, WallLayout, WallTheme } from '../../server/protocol/event.js';

/** What the form edits: the settings, with the hashtags as typed and the numbers as the inputs give them. */
export interface EventFormValues {
  title: string;
  slug: string;
  hashtags: string;
  mode: ModerationMode;
  holdSeconds: number | null;
  retentionDays: number | null;
  layout: WallLayout;
  languages: Language[];
  theme: WallTheme;
}

/** The configuration file's defaults (server/config/schema.ts), pre-filled on a new event. */
export function newEventValues(): EventFormValues {
  return {
    title: '',
    slug: '',
    hashtags: '',
    mode: 'pre',
    holdSeconds: 30,
    retentionDays: null,
    layout: 'mosaic',
    languages: ['fr', 'en'],
    theme: {
      mode: 'dark',
      accent: '#38bdf8',
      // None chosen: the wall's background follows the mode.
      background: null,
      logoUrl: null,
      backgroundImageUrl: null,
      fontScale: 1,
      transparent: false,
    },
  };
}

export function valuesFromSettings(settings: EventSettings): EventFormValues {
  return {
    title: settings.title,
    slug: settings.slug,
    hashtags: settings.hashtags.map((tag) => `#${tag}`).join(' '),
    mode: settings.moderation.mode,
    holdSeconds: settings.moderation.holdSeconds,
    retentionDays: settings.moderation.retentionDays,
    layout: settings.wall.layout,
    languages: [...settings.wall.languages],
    theme: { ...settings.wall.theme },
  };
}

/** The body of POST or PUT: an empty number is left out (the server's default) or null (keep items forever). */
export function settingsFromValues(values: EventFormValues): Partial<EventSettings> {
  const blank = (text: string | null) => (text === null || text.trim() === '' ? null : text.trim());
  return {
    slug: values.slug.trim(),
    title: values.title.trim(),
    hashtags: parseHashtags(values.hashtags),
    moderation: {
      mode: values.mode,
      ...(values.holdSeconds === null ? {} : { holdSeconds: values.holdSeconds }),
      retentionDays: values.retentionDays,
    } as EventSettings['moderation'],
    wall: {
      layout: values.layout,
      languages: values.languages,
      theme: {
        ...values.theme,
        background: blank(values.theme.background),
        logoUrl: blank(values.theme.logoUrl),
        backgroundImageUrl: blank(values.theme.backgroundImageUrl),
      },
    },
  };
}

const SLUG_MAX = 64;
/** Letters that no Unicode decomposition splits. */
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss' };

/** "Assemblée générale 2026 !" → "assemblee-generale-2026": what the schema takes, from a title. */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[œæß]/gu, (letter) => LIGATURES[letter] ?? '')
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, SLUG_MAX)
    .replace(/^-+|-+$/g, '');
}

/** "#AG2026, climat #Paris" → ["AG2026", "climat", "Paris"]: '#' optional, commas or spaces, no repeats. */
export function parseHashtags(text: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const word of text.split(/[\s,;]+/u)) {
    const tag = word.replace(/^#+/u, '');
    if (tag === '' || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    tags.push(tag);
  }
  return tags;
}

/** The languages in order, the default first; turning off the default's partner keeps the default alone. */
export function orderLanguages(defaultLanguage: Language, both: boolean): Language[] {
  const other: Language = defaultLanguage === 'fr' ? 'en' : 'fr';
  return both ? [defaultLanguage, other] : [defaultLanguage];
}

/** Field path → its messages in one language, joined; `hashtags.2` stays under its own path. */
export type FieldMessages = Record<string, string>;

export function fieldMessages(errors: readonly AdminFieldError[], lang: Language): FieldMessages {
  const found: FieldMessages = {};
  for (const { field, message } of errors) {
    const text = message[lang] || message.en;
    found[field] = found[field] ? `${found[field]} ${text}` : text;
  }
  return found;
}

/** The messages about a field and what it contains (`instances` gathers `instances.1.url`), or null. */
export function messageAt(found: FieldMessages, path: string): string | null {
  const texts = Object.entries(found)
    .filter(([field]) => field === path || field.startsWith(`${path}.`))
    .map(([, text]) => text);
  return texts.length > 0 ? texts.join(' ') : null;
}

/** Messages about no field the form shows (an empty path, or a newer server's field): shown above the buttons. */
export function unplacedMessages(found: FieldMessages, shown: readonly string[]): string[] {
  return Object.entries(found)
    .filter(([field]) => !shown.some((path) => field === path || field.startsWith(`${path}.`)))
    .map(([field, text]) => (field === '' ? text : `${field}: ${text}`));
}

/** Every path the event form shows a field for, so other errors are not lost. */
export const EVENT_FIELDS = [
  'title',
  'slug',
  'hashtags',
  'moderation.mode',
  'moderation.holdSeconds',
  'moderation.retentionDays',
  'wall.layout',
  'wall.languages',
  'wall.theme.mode',
  'wall.theme.accent',
  'wall.theme.background',
  'wall.theme.fontScale',
  'wall.theme.logoUrl',
  'wall.theme.backgroundImageUrl',
  'wall.theme.transparent',
] as const;
