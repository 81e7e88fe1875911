/**
 * The `sources` table: each event's sources, seeded from the configuration file or added in the console. Settings
 * are JSON without secrets; the secrets are a sealed blob the catalog opens (server/events/catalog.ts).
 */
import type { Db } from './db.js';

export interface SourceRow {
  id: number;
  event: string;
  kind: string;
  enabled: 0 | 1;
  settings: string;
  secrets: string | null;
  origin: 'file' | 'console';
  position: number;
}

export interface NewSourceRow {
  event: string;
  kind: string;
  enabled: boolean;
  settings: string;
  origin: 'file' | 'console';
}

const SELECT_ALL = `
SELECT id, event, kind, enabled, settings, secrets, origin, position FROM sources ORDER BY event, position, id`;
const SELECT_ONE = 'SELECT id, event, kind, enabled, settings, secrets, origin, position FROM sources WHERE id = ?';
const INSERT = `
INSERT INTO sources (event, kind, enabled, settings, origin, position, created_at, updated_at)
VALUES (@event, @kind, @enabled, @settings, @origin,
  (SELECT coalesce(max(position), -1) + 1 FROM sources WHERE event = @event), @now, @now)`;
const UPDATE = 'UPDATE sources SET enabled = @enabled, settings = @settings, updated_at = @now WHERE id = @id';
const UPDATE_SECRETS = 'UPDATE sources SET secrets = ? WHERE id = ?';
const DELETE = 'DELETE FROM sources WHERE id = ?';
const DELETE_FROM_FILE = "DELETE FROM sources WHERE event = ? AND origin = 'file'";

export function createSourceStore(db: Db) {
  const statements = {
    all: db.prepare<[], SourceRow>(SELECT_ALL),
    one: db.prepare<[number], SourceRow>(SELECT_ONE),
    insert: db.prepare(INSERT),
    update: db.prepare(UPDATE),
    secrets: db.prepare(UPDATE_SECRETS),
    delete: db.prepare(DELETE),
    deleteFromFile: db.prepare(DELETE_FROM_FILE),
  };

  return {
    /** Every source of every event, in each event's order. */
    all: (): SourceRow[] => statements.all.all(),
    get: (id: number): SourceRow | undefined => statements.one.get(id),
    /** Adds a source at the end of its event's list; returns its id. */
    insert(row: NewSourceRow, now = Date.now()): number {
      const { lastInsertRowid } = statements.insert.run({ ...row, enabled: row.enabled ? 1 : 0, now });
      return Number(lastInsertRowid);
    },
    update(id: number, enabled: boolean, settings: string, now = Date.now()): void {
      statements.update.run({ id, enabled: enabled ? 1 : 0, settings, now });
    },
    /** The sealed secrets of a row (sealing binds them to the row's id, so this follows the insert). */
    setSecrets(id: number, sealed: string | null): void {
      statements.secrets.run(sealed, id);
    },
    delete(id: number): void {
      statements.delete.run(id);
    },
    /** Before the file's sources of an event are written again: those added in the console stay. */
    deleteFromFile(event: string): void {
      statements.deleteFromFile.run(event);
    },
    /** Runs `work` in one transaction (a source's row and its secrets are written together). */
    transaction: <T>(work: () => T): T => db.transaction(work)(),
  };
}

export type SourceStore = ReturnType<typeof createSourceStore>;
