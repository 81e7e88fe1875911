/**
 * Nodes starting at the same moment each seed the events of the file and make the first admin: one at a time, so
 * the second finds the first one's rows instead of writing them again (a session-level advisory lock, held on one
 * connection while the work runs on others). One process needs none.
 */
import { sql } from 'kysely';
import type { Engine } from '../store/engine/open.js';

/** Any fixed number: the lock's name among the database's advisory locks (the migration lock is another). */
const START_LOCK = 7_160_002;

export async function oneNodeAtATime<T>(engine: Engine, work: () => Promise<T>): Promise<T> {
  if (engine.kind !== 'postgres') return work();
  return engine.db.connection().execute(async (connection) => {
    await sql`SELECT pg_advisory_lock(${START_LOCK})`.execute(connection);
    try {
      return await work();
    } finally {
      await sql`SELECT pg_advisory_unlock(${START_LOCK})`.execute(connection);
    }
  });
}
