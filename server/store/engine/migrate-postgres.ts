/**
 * Brings a PostgreSQL database to the current schema: the baseline (version 9, postgres-schema.ts) on an empty
 * database, then every later migration. Several nodes may start at once: a transaction-scoped advisory lock makes
 * the second wait and then find the work done.
 */
import { sql, type Kysely } from 'kysely';
import { POSTGRES_BASELINE, POSTGRES_BASELINE_VERSION } from './postgres-schema.js';
import { LATER_MIGRATIONS } from './later-migrations.js';
import type { Tables } from './tables.js';

/** Any fixed number: the lock's name among this database's advisory locks. */
const MIGRATION_LOCK = 7_160_001;

export async function migratePostgres(db: Kysely<Tables>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
    await sql`CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`.execute(trx);
    const row = await sql<{ version: number }>`SELECT version FROM schema_version`.execute(trx);
    let current = row.rows[0]?.version ?? 0;
    if (current === 0) {
      await sql.raw(POSTGRES_BASELINE).execute(trx);
      await sql`INSERT INTO schema_version (version) VALUES (${POSTGRES_BASELINE_VERSION})`.execute(trx);
      current = POSTGRES_BASELINE_VERSION;
    }
    for (const migration of LATER_MIGRATIONS) {
      if (migration.version <= current) continue;
      await migration.up(trx, 'postgres');
      await sql`UPDATE schema_version SET version = ${migration.version}`.execute(trx);
      current = migration.version;
    }
  });
}

/** The schema version a PostgreSQL database is at (0: none yet). */
export async function postgresSchemaVersion(db: Kysely<Tables>): Promise<number> {
  const exists = await sql<{ name: string | null }>`SELECT to_regclass('schema_version')::text AS name`.execute(db);
  if (!exists.rows[0]?.name) return 0;
  const row = await sql<{ version: number }>`SELECT version FROM schema_version`.execute(db);
  return row.rows[0]?.version ?? 0;
}
