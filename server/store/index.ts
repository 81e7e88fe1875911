/** The store: the only place that writes SQL. One module per table family, all on one connection. */
import { closeDatabase, openDatabase, type Db } from './db.js';
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
import { createWalSync } from './wal-sync.js';

export interface StoreOptions {
  /** Rewrites image URLs of items read from the store (the media proxy's signed paths). */
  presentUrl?: PresentUrl;
}

export function createStore(file: string, options: StoreOptions = {}) {
  const db: Db = openDatabase(file);
  const walSync = createWalSync(db.name);
  return {
    db,
    walSync,
    items: createItemStore(db, options.presentUrl),
    events: createEventStore(db),
    moderators: createModeratorStore(db),
    rules: createRuleStore(db),
    log: createModerationLog(db),
    purge: createPurge(db),
    sourceState: createSourceStateStore(db),
    installSettings: createInstallSettingsStore(db),
    sources: createSourceStore(db),
    close: () => closeDatabase(db),
  };
}

export type Store = ReturnType<typeof createStore>;
export { decodeCursor, encodeCursor, type Cursor } from './cursor.js';
export type { InsertResult, ItemChange, NewItem } from './items.js';
