/**
 * The `sources` table: each event's sources, seeded from the configuration file or added in the console. Settings
 * are JSON without secrets; the secrets are a sealed blob the catalog opens (server/events/catalog.ts).
 */
import { sql, type Kysely } from 'kysely';
import type { Engine } from './engine/open.js';
import type { Tables } from './engine/tables.js';

export interface SourceRow {
  id: number;
  event: string;
  kind: string;
  enabled: 0 | 1;
  settings: string;
  secrets: string | null;
  origin: 'file' | 'console';
  position: number;
}

/** A source to write, with its secrets. */
export interface SourceWrite {
  kind: string;
  enabled: boolean;
  /** JSON without secrets. */
  settings: string;
  /** The secrets sealed for the row's id (sealing binds them to it, so a new row's follow its insert), or null. */
  seal(id: number): string | null;
}

const COLUMNS = ['id', 'event', 'kind', 'enabled', 'settings', 'secrets', 'origin', 'position'] as const;

/**
 * Adds a source at the end of its event's list, with its secrets; returns its id. Inside a transaction (`trx`), so
 * that a row never stands without the secrets sealed for its id, and an event's (events.ts) with its sources.
 * The position is counted in the insert itself; two sources added to one event at the same moment on two nodes
 * may share it, and are then listed by id.
 */
export async function insertSourceRow(
  trx: Kysely<Tables>,
  event: string,
  source: SourceWrite,
  origin: SourceRow['origin'],
  now: number,
): Promise<number> {
  const { id } = await trx
    .insertInto('sources')
    .values((eb) => ({
      event,
      kind: source.kind,
      enabled: source.enabled ? 1 : 0,
      settings: source.settings,
      origin,
      position: eb
        .selectFrom('sources')
        .select(sql<number>`coalesce(max(position), -1) + 1`.as('next'))
        .where('event', '=', event),
      created_at: now,
      updated_at: now,
    }))
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('sources')
    .set({ secrets: source.seal(id) })
    .where('id', '=', id)
    .execute();
  return id;
}

/** Before the file's sources of an event are written again: those added in the console stay. */
export async function deleteFileSources(trx: Kysely<Tables>, event: string): Promise<void> {
  await trx.deleteFrom('sources').where('event', '=', event).where('origin', '=', 'file').execute();
}

export function createSourceStore(engine: Engine) {
  const { db } = engine;
  return {
    /** Every source of every event, in each event's order. */
    all: (): Promise<SourceRow[]> =>
      db.selectFrom('sources').select(COLUMNS).orderBy('event').orderBy('position').orderBy('id').execute(),
    get: (id: number): Promise<SourceRow | undefined> =>
      db.selectFrom('sources').select(COLUMNS).where('id', '=', id).executeTakeFirst(),
    /** Adds a console source at the end of its event's list, its row and secrets in one transaction; returns its id. */
    insert: (event: string, source: SourceWrite, now = Date.now()): Promise<number> =>
      db.transaction().execute((trx) => insertSourceRow(trx, event, source, 'console', now)),
    /** Rewrites a source's settings and secrets together, in one statement. */
    async update(id: number, enabled: boolean, settings: string, sealed: string | null, now = Date.now()) {
      await db
        .updateTable('sources')
        .set({ enabled: enabled ? 1 : 0, settings, secrets: sealed, updated_at: now })
        .where('id', '=', id)
        .execute();
    },
    async delete(id: number): Promise<void> {
      await db.deleteFrom('sources').where('id', '=', id).execute();
    },
  };
}

export type SourceStore = ReturnType<typeof createSourceStore>;
