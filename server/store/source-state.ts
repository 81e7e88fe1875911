/**
 * Small values pull sources keep across restarts, per event and source kind: a Jetstream cursor, the newest X post
 * id seen, the map from a Mastodon instance's local status ids to status URIs (deletes carry only the local id).
 */
import type { Db } from './db.js';

const SELECT_VALUE = 'SELECT value FROM source_state WHERE event = ? AND kind = ? AND key = ?';
const UPSERT_VALUE = `
INSERT INTO source_state (event, kind, key, value, updated_at) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (event, kind, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`;
const DELETE_VALUE = 'DELETE FROM source_state WHERE event = ? AND kind = ? AND key = ?';
const DELETE_OLDER = 'DELETE FROM source_state WHERE event = ? AND kind = ? AND key LIKE ? AND updated_at < ?';

export function createSourceStateStore(db: Db) {
  const statements = {
    select: db.prepare<[string, string, string], string>(SELECT_VALUE).pluck(),
    upsert: db.prepare(UPSERT_VALUE),
    delete: db.prepare(DELETE_VALUE),
    deleteOlder: db.prepare(DELETE_OLDER),
  };
  return {
    get: (event: string, kind: string, key: string): string | undefined => statements.select.get(event, kind, key),
    set(event: string, kind: string, key: string, value: string, at = Date.now()): void {
      statements.upsert.run(event, kind, key, value, at);
    },
    delete(event: string, kind: string, key: string): void {
      statements.delete.run(event, kind, key);
    },
    /** Forgets keys starting with `prefix` not written since `before` (old id maps). Returns how many. */
    forgetOlder: (event: string, kind: string, prefix: string, before: number): number =>
      statements.deleteOlder.run(event, kind, `${prefix.replace(/[%_]/g, '')}%`, before).changes,
  };
}

export type SourceStateStore = ReturnType<typeof createSourceStateStore>;
