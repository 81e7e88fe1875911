/**
 * Small values pull sources keep across restarts, per event and source kind: a Jetstream cursor, the newest X post
 * id seen, the map from a Mastodon instance's local status ids to status URIs (deletes carry only the local id).
 */
import { sql } from 'kysely';
import type { Engine } from './engine/open.js';

/** One stored value and when it was last written (epoch ms). */
export interface SourceStateEntry {
  key: string;
  value: string;
  updatedAt: number;
}

export function createSourceStateStore(engine: Engine) {
  const { db } = engine;
  const scope = (event: string, kind: string) =>
    db.selectFrom('source_state').where('event', '=', event).where('kind', '=', kind);
  return {
    async get(event: string, kind: string, key: string): Promise<string | undefined> {
      const row = await scope(event, kind).select('value').where('key', '=', key).executeTakeFirst();
      return row?.value;
    },
    /** Every value of an event's source kind (what its sources remember, read once before they start). */
    async entries(event: string, kind: string): Promise<SourceStateEntry[]> {
      const rows = await scope(event, kind).select(['key', 'value', 'updated_at']).execute();
      return rows.map((row) => ({ key: row.key, value: row.value, updatedAt: row.updated_at }));
    },
    async set(event: string, kind: string, key: string, value: string, at = Date.now()): Promise<void> {
      await db
        .insertInto('source_state')
        .values({ event, kind, key, value, updated_at: at })
        .onConflict((conflict) =>
          conflict.columns(['event', 'kind', 'key']).doUpdateSet((eb) => ({
            value: eb.ref('excluded.value'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    },
    async delete(event: string, kind: string, key: string): Promise<void> {
      await db
        .deleteFrom('source_state')
        .where('event', '=', event)
        .where('kind', '=', kind)
        .where('key', '=', key)
        .execute();
    },
    /**
     * Forgets keys starting with `prefix` not written since `before` (old id maps). Returns how many. The prefix is
     * compared as it is, case and all, on both engines (SQLite's LIKE would ignore case, PostgreSQL's would not), and
     * without `%` and `_`, as the sources' memory matches it (sources/source-memory.ts).
     */
    async forgetOlder(event: string, kind: string, prefix: string, before: number): Promise<number> {
      const start = prefix.replace(/[%_]/g, '');
      // Both engines count characters (code points), as the spread does.
      const length = [...start].length;
      const result = await db
        .deleteFrom('source_state')
        .where('event', '=', event)
        .where('kind', '=', kind)
        .where(sql<boolean>`substr(key, 1, ${length}) = ${start}`)
        .where('updated_at', '<', before)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type SourceStateStore = ReturnType<typeof createSourceStateStore>;
