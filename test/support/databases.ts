/**
 * The databases a store test runs on: a fresh SQLite file, and a fresh PostgreSQL database when the tests have a
 * server (support/postgres.ts). `describe.each(DATABASES)('… on $name', ({ fresh }) => …)` runs a suite on both.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshPostgresDatabase, hasPostgres } from './postgres.js';

export interface FreshDatabase {
  /** What `openEngine` / `openStore` / `--database` take: a file path or a postgres:// URL. */
  location: string;
  /** Removes the database (and the SQLite file's folder). */
  drop(): Promise<void>;
}

export interface DatabaseKind {
  name: 'SQLite' | 'PostgreSQL';
  fresh(): Promise<FreshDatabase>;
}

export const SQLITE: DatabaseKind = {
  name: 'SQLite',
  async fresh() {
    const dir = mkdtempSync(join(tmpdir(), 'murmure-db-'));
    return { location: join(dir, 'murmure.db'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  },
};

export const POSTGRES: DatabaseKind = {
  name: 'PostgreSQL',
  async fresh() {
    const database = await freshPostgresDatabase();
    return { location: database.url, drop: database.drop };
  },
};

/** SQLite always; PostgreSQL where the tests have a server (CI always has one). */
export const DATABASES: readonly DatabaseKind[] = hasPostgres ? [SQLITE, POSTGRES] : [SQLITE];
