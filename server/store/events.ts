/**
 * The `events` table: one row per event ever declared (in the file or the console), so items keep a valid parent
 * after a change. `settings` holds the event as the configuration file shapes it, without its sources.
 */
import type { Announcement, WallSettings } from '../protocol/event.js';
import type { Db } from './db.js';
import type { RulesView } from '../protocol/moderation.js';

/** The editable settings of an event's rules (authors have their own table). */
export type RuleOverrides = Omit<RulesView, 'event' | 'bannedAuthors' | 'trustedAuthors'>;

const UPSERT_EVENT = `
INSERT INTO events (slug, title, origin, created_at) VALUES (?, ?, ?, ?)
ON CONFLICT (slug) DO UPDATE SET title = excluded.title`;
const SELECT_EVENTS = `
SELECT slug, title, origin, settings, file_hash, archived_at, created_at FROM events
WHERE settings IS NOT NULL ORDER BY created_at, rowid`;
const SEED_EVENT = `
INSERT INTO events (slug, title, origin, settings, file_hash, created_at) VALUES (@slug, @title, 'file', @settings, @hash, @now)
ON CONFLICT (slug) DO UPDATE SET title = excluded.title, origin = 'file', settings = excluded.settings,
  file_hash = excluded.file_hash, archived_at = NULL`;
const INSERT_EVENT = `
INSERT INTO events (slug, title, origin, settings, created_at) VALUES (@slug, @title, 'console', @settings, @now)`;
const UPDATE_SETTINGS = 'UPDATE events SET title = @title, settings = @settings WHERE slug = @slug';
const EXISTS = 'SELECT 1 FROM events WHERE slug = ?';
const UPDATE_ARCHIVED = 'UPDATE events SET archived_at = ? WHERE slug = ?';
const SELECT_OVERRIDES = 'SELECT wall_overrides FROM events WHERE slug = ?';
const UPDATE_OVERRIDES = 'UPDATE events SET wall_overrides = ? WHERE slug = ?';
const SELECT_RULES = 'SELECT rules FROM events WHERE slug = ?';
const UPDATE_RULES = 'UPDATE events SET rules = ? WHERE slug = ?';
const SELECT_ANNOUNCEMENT = 'SELECT announcement FROM events WHERE slug = ?';
const UPDATE_ANNOUNCEMENT = 'UPDATE events SET announcement = ? WHERE slug = ?';

/** An event's row as the catalog reads it (server/events/catalog.ts). */
export interface EventRow {
  slug: string;
  title: string;
  origin: 'file' | 'console';
  /** JSON of the event without its sources. */
  settings: string;
  file_hash: string | null;
  archived_at: number | null;
  created_at: number;
}

export function createEventStore(db: Db) {
  const statements = {
    list: db.prepare<[], EventRow>(SELECT_EVENTS),
    seed: db.prepare(SEED_EVENT),
    insert: db.prepare(INSERT_EVENT),
    updateSettings: db.prepare(UPDATE_SETTINGS),
    archived: db.prepare(UPDATE_ARCHIVED),
    exists: db.prepare<[string], 1>(EXISTS).pluck(),
    upsert: db.prepare(UPSERT_EVENT),
    overrides: db.prepare<[string], string | null>(SELECT_OVERRIDES).pluck(),
    setOverrides: db.prepare(UPDATE_OVERRIDES),
    announcement: db.prepare<[string], string | null>(SELECT_ANNOUNCEMENT).pluck(),
    rules: db.prepare<[string], string | null>(SELECT_RULES).pluck(),
    setRules: db.prepare(UPDATE_RULES),
    setAnnouncement: db.prepare(UPDATE_ANNOUNCEMENT),
  };
  return {
    /** Every event with settings, oldest first (rows from before the console set-up have none until seeded). */
    list: (): EventRow[] => statements.list.all(),
    /** Writes an event declared in the file (new, or changed in the file since `hash` was stored): the file wins. */
    seedFromFile(slug: string, title: string, settings: string, hash: string, now = Date.now()): void {
      statements.seed.run({ slug, title, settings, hash, now });
    },
    /** Creates an event from the console; throws SQLITE_CONSTRAINT_PRIMARYKEY when the slug exists. */
    create(slug: string, title: string, settings: string, now = Date.now()): void {
      statements.insert.run({ slug, title, settings, now });
    },
    saveSettings(slug: string, title: string, settings: string): void {
      statements.updateSettings.run({ slug, title, settings });
    },
    /** Whether any row has this slug, even one of an event long gone from the file (its items may remain). */
    exists: (slug: string): boolean => statements.exists.get(slug) !== undefined,
    setArchived(slug: string, at: number | null): void {
      statements.archived.run(at, slug);
    },
    /** Records an event declared in the configuration file (its title follows the file). */
    upsertFromFile(slug: string, title: string, now = Date.now()): void {
      statements.upsert.run(slug, title, 'file', now);
    },
    /** Wall settings a moderator changed live, which win over the file's until cleared. */
    wallOverrides(slug: string): Partial<WallSettings> {
      const json = statements.overrides.get(slug);
      return json ? (JSON.parse(json) as Partial<WallSettings>) : {};
    },
    setWallOverrides(slug: string, overrides: Partial<WallSettings>): void {
      statements.setOverrides.run(JSON.stringify(overrides), slug);
    },
    /** Moderation rules changed in the console, which win over the file's. */
    ruleOverrides(slug: string): Partial<RuleOverrides> {
      const json = statements.rules.get(slug);
      return json ? (JSON.parse(json) as Partial<RuleOverrides>) : {};
    },
    setRuleOverrides(slug: string, overrides: Partial<RuleOverrides>): void {
      statements.setRules.run(JSON.stringify(overrides), slug);
    },
    announcement(slug: string): Announcement | null {
      const json = statements.announcement.get(slug);
      return json ? (JSON.parse(json) as Announcement) : null;
    },
    setAnnouncement(slug: string, announcement: Announcement | null): void {
      statements.setAnnouncement.run(announcement ? JSON.stringify(announcement) : null, slug);
    },
  };
}

export type EventStore = ReturnType<typeof createEventStore>;
