/** Opens the SQLite file and brings its schema up to date. The only module that configures the connection. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations/index.js';

export type Db = Database.Database;

export function openDatabase(file: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // An item is acknowledged to its sender only once it is on disk. WAL's usual synchronous=NORMAL survives a
  // process crash but can lose the last commits on a power cut, so an acknowledged SMS could vanish; FULL syncs
  // the WAL on every commit. Intake writes a batch per tick (group commit) and syncs the WAL itself, off the
  // event loop, before answering (store/wal-sync.ts); every other write keeps FULL.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Another process (the `npm run user` command) may hold the write lock for a moment.
  db.pragma('busy_timeout = 5000');
  migrate(db, migrations);
  return db;
}

export function migrate(db: Db, migrations: readonly Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}

/** Checkpoints the WAL into the main file and closes, so the data folder is a single self-contained file. */
export function closeDatabase(db: Db): void {
  if (!db.open) return;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
