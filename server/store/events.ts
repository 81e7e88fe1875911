/**
 * The `events` table: one row per event ever declared (in the file or the console), so items keep a valid parent
 * after a change. `settings` holds the event as the configuration file shapes it, without its sources.
 */
import { sql } from 'kysely';
import type { Announcement, WallSettings } from '../protocol/event.js';
import type { Engine } from './engine/open.js';
import { deleteFileSources, insertSourceRow, type SourceWrite } from './sources.js';
import type { RulesView } from '../protocol/moderation.js';

/** The editable settings of an event's rules (authors have their own table). */
export type RuleOverrides = Omit<RulesView, 'event' | 'bannedAuthors' | 'trustedAuthors'>;

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

/** The columns of an event holding JSON, read and written whole. */
type JsonColumn = 'wall_overrides' | 'rules' | 'announcement';

/**
 * Events created in the same millisecond (a file's events seeded at one start) in the order they were written:
 * SQLite's rowid is that order. PostgreSQL's rows keep none, so there such events are listed by slug.
 */
function writtenOrder(engine: Engine) {
  return engine.kind === 'postgres' ? sql`slug` : sql`rowid`;
}

export function createEventStore(engine: Engine) {
  const { db } = engine;

  async function readJson<T>(slug: string, column: JsonColumn): Promise<T | null> {
    const row = await db.selectFrom('events').select(column).where('slug', '=', slug).executeTakeFirst();
    const json = row?.[column];
    return json ? (JSON.parse(json) as T) : null;
  }

  async function writeJson(slug: string, column: JsonColumn, value: unknown, trx = db): Promise<void> {
    await trx
      .updateTable('events')
      .set(column, value === null ? null : JSON.stringify(value))
      .where('slug', '=', slug)
      .execute();
  }

  /**
   * Reads a JSON column, changes it and writes it back in one transaction, so that two moderators changing an
   * event at the same moment (on one node or two) both see their change kept.
   */
  function changeJson<T>(slug: string, column: JsonColumn, change: (current: T | null) => T | null) {
    return db.transaction().execute(async (trx) => {
      // Writing the column to itself first takes the lock before the read, the same way on both engines: the row's
      // on PostgreSQL, the file's write lock on SQLite. Read first, two connections would read the same value; then
      // PostgreSQL would keep only the second write, and SQLite would refuse it (SQLITE_BUSY).
      await trx
        .updateTable('events')
        .set(column, (eb) => eb.ref(column))
        .where('slug', '=', slug)
        .execute();
      const row = await trx.selectFrom('events').select(column).where('slug', '=', slug).executeTakeFirst();
      const json = row?.[column];
      const next = change(json ? (JSON.parse(json) as T) : null);
      await writeJson(slug, column, next, trx);
      return next;
    });
  }

  return {
    /** Every event with settings, oldest first (rows from before the console set-up have none until seeded). */
    list: (): Promise<EventRow[]> =>
      db
        .selectFrom('events')
        .select(['slug', 'title', 'origin', 'settings', 'file_hash', 'archived_at', 'created_at'])
        .where('settings', 'is not', null)
        .orderBy('created_at')
        .orderBy(writtenOrder(engine))
        .$narrowType<{ settings: string }>()
        .execute(),
    /**
     * Writes an event declared in the file (new, or changed in the file since `hash` was stored): the file wins.
     * Its sources from the file are replaced by `sources` in the same transaction; those added in the console stay.
     * Two nodes seeding the same event at once take turns on its row, so it ends with one set of the file's sources.
     */
    async seedFromFile(
      slug: string,
      title: string,
      settings: string,
      hash: string,
      sources: SourceWrite[],
      now = Date.now(),
    ): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('events')
          .values({ slug, title, origin: 'file', settings, file_hash: hash, created_at: now })
          .onConflict((conflict) =>
            conflict.column('slug').doUpdateSet((eb) => ({
              title: eb.ref('excluded.title'),
              origin: 'file',
              settings: eb.ref('excluded.settings'),
              file_hash: eb.ref('excluded.file_hash'),
              archived_at: null,
            })),
          )
          .execute();
        await deleteFileSources(trx, slug);
        for (const source of sources) await insertSourceRow(trx, slug, source, 'file', now);
      });
    },
    /** Creates an event from the console with its first sources, in one transaction; rejects when the slug exists. */
    async create(slug: string, title: string, settings: string, sources: SourceWrite[], now = Date.now()) {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('events').values({ slug, title, origin: 'console', settings, created_at: now }).execute();
        for (const source of sources) await insertSourceRow(trx, slug, source, 'console', now);
      });
    },
    async saveSettings(slug: string, title: string, settings: string): Promise<void> {
      await db.updateTable('events').set({ title, settings }).where('slug', '=', slug).execute();
    },
    /** Whether any row has this slug, even one of an event long gone from the file (its items may remain). */
    async exists(slug: string): Promise<boolean> {
      const row = await db.selectFrom('events').select('slug').where('slug', '=', slug).executeTakeFirst();
      return row !== undefined;
    },
    async setArchived(slug: string, at: number | null): Promise<void> {
      await db.updateTable('events').set({ archived_at: at }).where('slug', '=', slug).execute();
    },
    /** Records an event declared in the configuration file (its title follows the file). */
    async upsertFromFile(slug: string, title: string, now = Date.now()): Promise<void> {
      await db
        .insertInto('events')
        .values({ slug, title, origin: 'file', created_at: now })
        .onConflict((conflict) => conflict.column('slug').doUpdateSet((eb) => ({ title: eb.ref('excluded.title') })))
        .execute();
    },
    /** Wall settings a moderator changed live, which win over the file's until cleared. */
    wallOverrides: async (slug: string): Promise<Partial<WallSettings>> =>
      (await readJson<Partial<WallSettings>>(slug, 'wall_overrides')) ?? {},
    /** Applies `change` to the live wall settings as they are in the database (see changeJson); returns the result. */
    changeWallOverrides: async (
      slug: string,
      change: (current: Partial<WallSettings>) => Partial<WallSettings>,
    ): Promise<Partial<WallSettings>> =>
      (await changeJson<Partial<WallSettings>>(slug, 'wall_overrides', (current) => change(current ?? {}))) ?? {},
    /** Moderation rules changed in the console, which win over the file's. */
    ruleOverrides: async (slug: string): Promise<Partial<RuleOverrides>> =>
      (await readJson<Partial<RuleOverrides>>(slug, 'rules')) ?? {},
    /** Applies `change` to the console's rules as they are in the database (see changeJson); returns the result. */
    changeRuleOverrides: async (
      slug: string,
      change: (current: Partial<RuleOverrides>) => Partial<RuleOverrides>,
    ): Promise<Partial<RuleOverrides>> =>
      (await changeJson<Partial<RuleOverrides>>(slug, 'rules', (current) => change(current ?? {}))) ?? {},
    announcement: (slug: string): Promise<Announcement | null> => readJson<Announcement>(slug, 'announcement'),
    setAnnouncement: (slug: string, announcement: Announcement | null): Promise<void> =>
      writeJson(slug, 'announcement', announcement),
  };
}

export type EventStore = ReturnType<typeof createEventStore>;
