/** The `events` table: one row per event ever configured, so items keep a valid parent after a config change. */
import type { Announcement, WallSettings } from '../protocol/event.js';
import type { Db } from './db.js';
import type { RulesView } from '../protocol/moderation.js';

/** The editable settings of an event's rules (authors have their own table). */
export type RuleOverrides = Omit<RulesView, 'event' | 'bannedAuthors' | 'trustedAuthors'>;

const UPSERT_EVENT = `
INSERT INTO events (slug, title, origin, created_at) VALUES (?, ?, ?, ?)
ON CONFLICT (slug) DO UPDATE SET title = excluded.title`;
const SELECT_OVERRIDES = 'SELECT wall_overrides FROM events WHERE slug = ?';
const UPDATE_OVERRIDES = 'UPDATE events SET wall_overrides = ? WHERE slug = ?';
const SELECT_RULES = 'SELECT rules FROM events WHERE slug = ?';
const UPDATE_RULES = 'UPDATE events SET rules = ? WHERE slug = ?';
const SELECT_ANNOUNCEMENT = 'SELECT announcement FROM events WHERE slug = ?';
const UPDATE_ANNOUNCEMENT = 'UPDATE events SET announcement = ? WHERE slug = ?';

export function createEventStore(db: Db) {
  const statements = {
    upsert: db.prepare(UPSERT_EVENT),
    overrides: db.prepare<[string], string | null>(SELECT_OVERRIDES).pluck(),
    setOverrides: db.prepare(UPDATE_OVERRIDES),
    announcement: db.prepare<[string], string | null>(SELECT_ANNOUNCEMENT).pluck(),
    rules: db.prepare<[string], string | null>(SELECT_RULES).pluck(),
    setRules: db.prepare(UPDATE_RULES),
    setAnnouncement: db.prepare(UPDATE_ANNOUNCEMENT),
  };
  return {
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
