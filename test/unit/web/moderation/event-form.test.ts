import { describe, expect, it } from 'vitest';
import { eventSchema } from '../../../../server/config/schema.js';
import type { EventSettings } from '../../../../server/protocol/admin.js';
import {
  EVENT_FIELDS,
  fieldMessages,
  messageAt,
  newEventValues,
  orderLanguages,
  parseHashtags,
  settingsFromValues,
  slugify,
  unplacedMessages,
  valuesFromSettings,
} from '../../../../moderation/lib/event-form.js';

describe('slugify', () => {
  it('makes a slug the schema takes from any title', () => {
    expect(slugify('Assemblée générale 2026 !')).toBe('assemblee-generale-2026');
    expect(slugify('  Fête de l’Œuvre — Noël ')).toBe('fete-de-l-oeuvre-noel');
    expect(slugify('!!!')).toBe('');
    const long = slugify('Un titre vraiment très long '.repeat(5));
    expect(long.length).toBeLessThanOrEqual(64);
    for (const title of ['Assemblée générale 2026 !', 'Town Hall', 'Ça_va ? 100%', 'x'.repeat(100) + ' -y']) {
      const slug = slugify(title);
      expect(eventSchema.shape.slug.safeParse(slug).success, slug).toBe(true);
    }
  });
});

describe('parseHashtags', () => {
  it('takes commas or spaces, an optional #, and drops repeats whatever their case', () => {
    expect(parseHashtags('#AG2026, climat #Paris')).toEqual(['AG2026', 'climat', 'Paris']);
    expect(parseHashtags('  #a;#A  ##b\n')).toEqual(['a', 'b']);
    expect(parseHashtags('')).toEqual([]);
  });
});

describe('event form values', () => {
  it('sends what the configuration file schema accepts, with its defaults pre-filled', () => {
    const values = { ...newEventValues(), title: 'Town hall', slug: 'town-hall', hashtags: '#TownHall, ag' };
    const body = settingsFromValues(values);
    const parsed = eventSchema.parse(body);
    expect(parsed.hashtags).toEqual(['TownHall', 'ag']);
    // Every default the form pre-fills is the schema's own.
    const defaults = eventSchema.parse({ slug: 'x', title: 'x' });
    expect(parsed.wall).toEqual(defaults.wall);
    expect(parsed.moderation.mode).toBe(defaults.moderation.mode);
    expect(parsed.moderation.holdSeconds).toBe(defaults.moderation.holdSeconds);
    expect(parsed.moderation.retentionDays).toBe(defaults.moderation.retentionDays);
  });

  it('round-trips saved settings, leaving out an emptied hold delay and blank image addresses', () => {
    const settings: EventSettings = {
      slug: 'ag',
      title: 'AG',
      hashtags: ['AG2026'],
      moderation: { mode: 'hold', holdSeconds: 45, retentionDays: 30 },
      wall: {
        layout: 'ticker',
        languages: ['en', 'fr'],
        theme: { ...newEventValues().theme, accent: '#ff0000', logoUrl: 'https://example.org/l.png' },
      },
    };
    const values = valuesFromSettings(settings);
    expect(values.hashtags).toBe('#AG2026');
    expect(settingsFromValues(values)).toEqual(settings);
    values.holdSeconds = null;
    values.theme.logoUrl = '  ';
    values.theme.background = ' ';
    const body = settingsFromValues(values);
    expect(body.moderation).toEqual({ mode: 'hold', retentionDays: 30 });
    expect(body.wall?.theme.logoUrl).toBeNull();
    // An emptied background colour is no colour: the wall's background follows the mode.
    expect(body.wall?.theme.background).toBeNull();
  });

  it('orders the languages with the default first', () => {
    expect(orderLanguages('en', true)).toEqual(['en', 'fr']);
    expect(orderLanguages('fr', false)).toEqual(['fr']);
  });
});

describe('field errors', () => {
  const errors = [
    { field: 'wall.theme.accent', message: { en: 'must be a hex colour', fr: 'doit être une couleur' } },
    { field: 'hashtags.1', message: { en: 'bad tag', fr: 'hashtag invalide' } },
    { field: 'hashtags.3', message: { en: 'bad again', fr: 'encore' } },
    { field: 'sources', message: { en: 'unknown', fr: 'inconnu' } },
  ];

  it('puts each message under its field in the console language, a list item under its list', () => {
    const fr = fieldMessages(errors, 'fr');
    expect(messageAt(fr, 'wall.theme.accent')).toBe('doit être une couleur');
    expect(messageAt(fr, 'hashtags')).toBe('hashtag invalide encore');
    expect(messageAt(fr, 'title')).toBeNull();
    expect(messageAt(fieldMessages(errors, 'en'), 'wall.theme')).toBe('must be a hex colour');
  });

  it('keeps the messages about fields the form does not show', () => {
    expect(unplacedMessages(fieldMessages(errors, 'en'), EVENT_FIELDS)).toEqual(['sources: unknown']);
    expect(unplacedMessages({ '': 'whole form' }, EVENT_FIELDS)).toEqual(['whole form']);
  });
});
