import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openEngine, withoutPassword } from '../../../server/store/engine/open.js';
import { postgresSchemaVersion } from '../../../server/store/engine/migrate-postgres.js';
import { SCHEMA_VERSION } from '../../../server/store/engine/later-migrations.js';
import { freshPostgresDatabase, hasPostgres } from '../../support/postgres.js';

const dir = mkdtempSync(join(tmpdir(), 'murmure-engine-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Columns of every table, as each engine describes them. */
async function columns(engine: Awaited<ReturnType<typeof openEngine>>): Promise<Record<string, string[]>> {
  const tables = await engine.db.introspection.getTables();
  return Object.fromEntries(
    tables
      .filter((table) => table.name !== 'schema_version')
      .map((table) => [table.name, table.columns.map((column) => column.name).sort()]),
  );
}

describe('the two engines', () => {
  it('opens a SQLite file at the latest schema', async () => {
    const engine = await openEngine(join(dir, 'a.db'));
    expect(engine.kind).toBe('sqlite');
    expect(engine.sqlite!.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    await engine.close();
  });

  it.skipIf(!hasPostgres)(
    'gives PostgreSQL the same tables and columns as SQLite, once, whoever starts first',
    async () => {
      const database = await freshPostgresDatabase();
      try {
        // Two nodes starting at the same moment: one creates the schema, the other waits and finds it.
        const [first, second] = await Promise.all([openEngine(database.url), openEngine(database.url)]);
        expect(first.kind).toBe('postgres');
        expect(await postgresSchemaVersion(first.db)).toBe(SCHEMA_VERSION);
        const sqlite = await openEngine(join(dir, 'b.db'));
        expect(await columns(first)).toEqual(await columns(sqlite));
        // Times come back as numbers, not strings.
        const { rows } = await sql<{ at: number }>`SELECT 1733600000000::bigint AS at`.execute(first.db);
        expect(rows[0]!.at).toBe(1_733_600_000_000);
        // The log stays append-only.
        await first.db
          .insertInto('events')
          .values({ slug: 'ev', title: 'Ev', origin: 'file', created_at: 1 })
          .execute();
        await first.db
          .insertInto('moderation_log')
          .values({ item_id: 1, event: 'ev', actor: 'a', action: 'x', after_status: 'pending', at: 1 })
          .execute();
        await expect(first.db.updateTable('moderation_log').set({ actor: 'b' }).execute()).rejects.toThrow(
          /append-only/,
        );
        await Promise.all([first.close(), second.close(), sqlite.close()]);
      } finally {
        await database.drop();
      }
    },
  );

  it('never prints a password', () => {
    expect(withoutPassword('postgres://murmure:s3cret@db:5432/m')).toBe('postgres://murmure:***@db:5432/m');
  });
});
