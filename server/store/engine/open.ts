/**
 * Opens the database the store runs on: the embedded SQLite file (the default, one process) or a PostgreSQL
 * server (several nodes), behind one query layer (Kysely), with the schema brought up to date. The only module that
 * configures connections.
 */
import type Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { openDatabase as openSqliteFile, closeDatabase as closeSqliteFile, type Db } from '../db.js';
import { LATER_MIGRATIONS } from './later-migrations.js';
import { migratePostgres } from './migrate-postgres.js';
import type { Tables } from './tables.js';

export type EngineKind = 'sqlite' | 'postgres';

export interface Engine {
  kind: EngineKind;
  db: Kysely<Tables>;
  /** The SQLite connection itself, for what only SQLite has (the WAL, pragmas); absent on PostgreSQL. */
  sqlite?: Db;
  /** A printable name of where the data is, without a password. */
  where: string;
  close(): Promise<void>;
}

/** Whether a `--database` value names a PostgreSQL server rather than a file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

export async function openEngine(location: string): Promise<Engine> {
  return isPostgresUrl(location) ? openPostgres(location) : openSqlite(location);
}

async function openSqlite(file: string): Promise<Engine> {
  const sqlite = openSqliteFile(file);
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  await migrateSqliteLater(db, sqlite);
  return {
    kind: 'sqlite',
    db,
    sqlite,
    where: file,
    close: async () => {
      // Kysely's destroy would close the connection before the checkpoint that leaves a single file.
      closeSqliteFile(sqlite);
    },
  };
}

/** The migrations after SQLite's own history (versions 1–9, run by db.ts), each recorded in `user_version`. */
async function migrateSqliteLater(db: Kysely<Tables>, sqlite: Db): Promise<void> {
  for (const migration of LATER_MIGRATIONS) {
    if (migration.version <= (sqlite.pragma('user_version', { simple: true }) as number)) continue;
    await db.transaction().execute(async (trx) => {
      await migration.up(trx, 'sqlite');
      await sql.raw(`PRAGMA user_version = ${migration.version}`).execute(trx);
    });
  }
}

/**
 * Kysely prepares every query again; better-sqlite3's statements can be reused, and preparing is most of a
 * small query's time. The store's queries are a fixed set (their values are parameters), so the cache stays small.
 */
function withStatementCache(sqlite: Db): ConstructorParameters<typeof SqliteDialect>[0]['database'] {
  const statements = new Map<string, Database.Statement>();
  return {
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        // A query built with a varying number of values (a batch insert) would grow it without bound.
        if (statements.size < 500) statements.set(sql, statement);
      }
      return statement;
    },
    close: () => sqlite.close(),
  } as ConstructorParameters<typeof SqliteDialect>[0]['database'];
}

/** BIGINT (epoch milliseconds, ids) as a number: every value the store keeps is below 2^53. */
const INT8_OID = 20;
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID && format !== 'binary') return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

async function openPostgres(url: string): Promise<Engine> {
  const pool = new pg.Pool({ connectionString: url, types, max: 10 });
  // An idle client that loses its server emits 'error' on the pool; unheard, it would crash the process. The
  // next query gets a fresh client.
  pool.on('error', () => undefined);
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migratePostgres(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { kind: 'postgres', db, where: withoutPassword(url), close: () => db.destroy() };
}

export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}
