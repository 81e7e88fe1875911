/**
 * The store: the only place that writes SQL. One module per table family, on one database: the embedded SQLite file
 * (one process) or a PostgreSQL server (several nodes), through one query layer (engine/).
 */
import { sql } from 'kysely';
import { openEngine, type Engine } from './engine/open.js';
import { createUploadRows } from './uploads.js';
import { createEventStore } from './events.js';
import { createItemStore } from './items.js';
import type { PresentUrl } from './item-rows.js';
import { createModeratorStore } from './moderators.js';
import { createRuleStore } from './rules.js';
import { createModerationLog } from './moderation-log.js';
import { createPurge } from './purge.js';
import { createSourceStateStore } from './source-state.js';
import { createInstallSettingsStore } from './install-settings.js';
import { createSourceStore } from './sources.js';
import { walSyncOf } from './wal-sync.js';

export interface StoreOptions {
  /** Rewrites image URLs of items read from the store (the media proxy's signed paths). */
  presentUrl?: PresentUrl;
}

/**
 * Opens the database at `location` (a file path, or a postgres:// URL) and brings its schema up to date. Every
 * method of every part returns a promise: a database server sits behind the same interface as the embedded file.
 */
export async function openStore(location: string, options: StoreOptions = {}) {
  const engine: Engine = await openEngine(location);
  const walSync = walSyncOf(engine);
  return {
    engine,
    /** SQLite's own connection (absent on PostgreSQL), for the store's own tests only: SQL stays in this folder. */
    db: engine.sqlite,
    walSync,
    items: createItemStore(engine, options.presentUrl),
    events: createEventStore(engine),
    moderators: createModeratorStore(engine),
    rules: createRuleStore(engine),
    log: createModerationLog(engine),
    purge: createPurge(engine),
    sourceState: createSourceStateStore(engine),
    installSettings: createInstallSettingsStore(engine),
    sources: createSourceStore(engine),
    uploads: createUploadRows(engine),
    /** Resolves when the database answers a query (the health check). */
    async ping(): Promise<void> {
      await sql`SELECT 1`.execute(engine.db);
    },
    close: (): Promise<void> => engine.close(),
  };
}

export type Store = Awaited<ReturnType<typeof openStore>>;
export { decodeCursor, encodeCursor, type Cursor } from './cursor.js';
export type { InsertResult, ItemChange, NewItem } from './items.js';
export type { SourceWrite } from './sources.js';
