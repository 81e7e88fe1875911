/**
 * Two nodes on one database, for store tests of what happens when both write at once: two engines on PostgreSQL.
 * On SQLite the file has one process, so both "nodes" are its one engine, whose calls interleave as a node's do: a
 * second connection in the same process would wait, synchronously, for the first's transaction, which could then
 * never end.
 */
import { openEngine, type Engine } from '../../server/store/engine/open.js';
import type { DatabaseKind, FreshDatabase } from './databases.js';

export interface TwoNodes {
  engines: [Engine, Engine];
  close(): Promise<void>;
}

export async function openTwoNodes(kind: DatabaseKind['name'], database: FreshDatabase): Promise<TwoNodes> {
  const first = await openEngine(database.location);
  const second = kind === 'PostgreSQL' ? await openEngine(database.location) : first;
  return {
    engines: [first, second],
    async close() {
      await first.close();
      if (second !== first) await second.close();
    },
  };
}
