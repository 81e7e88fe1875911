/**
 * Whether items exist, for dedupe on PostgreSQL, where every lookup is a query (store/item-inserts.ts): the
 * lookups asked together go to the server together. Intake asks one per item, a turn's worth of items at once,
 * and a round trip each was most of an item's time there (bench/intake); one query answers them all, and those
 * asked while it runs go in the next.
 */
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Tables } from './engine/tables.js';

/** Keys per query: 3 parameters each, far below PostgreSQL's 65,535. */
const KEYS_PER_QUERY = 500;

interface Lookup {
  event: string;
  source: string;
  sourceId: string;
  answer: (found: boolean) => void;
  fail: (error: unknown) => void;
}

const keyOf = (event: string, source: string, sourceId: string) => `${event}\u0000${source}\u0000${sourceId}`;

export function createKeyLookups(db: Kysely<Tables>) {
  let waiting: Lookup[] = [];
  let running = false;

  async function run(): Promise<void> {
    while (waiting.length > 0) {
      const lookups = waiting.slice(0, KEYS_PER_QUERY);
      waiting = waiting.slice(KEYS_PER_QUERY);
      try {
        const wanted = sql.join(lookups.map((l) => sql`(${l.event}, ${l.source}, ${l.sourceId})`));
        const rows = await db
          .selectFrom('items')
          .select(['event', 'source', 'source_id'])
          .where(sql<SqlBool>`(event, source, source_id) IN (VALUES ${wanted})`)
          .execute();
        const found = new Set(rows.map((row) => keyOf(row.event, row.source, row.source_id)));
        for (const l of lookups) l.answer(found.has(keyOf(l.event, l.source, l.sourceId)));
      } catch (error) {
        for (const l of lookups) l.fail(error);
      }
    }
    running = false;
  }

  /** Whether the event has an item with this key, asked with the lookups made in the same turn. */
  return (event: string, source: string, sourceId: string): Promise<boolean> =>
    new Promise((answer, fail) => {
      waiting.push({ event, source, sourceId, answer, fail });
      if (running) return;
      running = true;
      // After the current turn's synchronous work, so that every lookup it makes goes in the first query.
      queueMicrotask(() => void run());
    });
}
