import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../server/store/db.js';
import { openStore } from '../../../server/store/index.js';
import { MIGRATIONS } from '../../../server/store/migrations/index.js';
import { INSERT_COLUMNS } from '../../../server/store/item-rows.js';
import { sanitizedItem } from '../builders.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'murmure-migrations-'));
  file = join(dir, 'murmure.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A database as version 6 left it, with one event, two items and their log. */
function databaseAtVersion6(): void {
  const db = new Database(file);
  migrate(
    db,
    MIGRATIONS.filter((m) => m.version <= 6),
  );
  db.exec(`
    INSERT INTO events (slug, title, origin, created_at) VALUES ('ev', 'Event', 'file', 1);
    INSERT INTO items (event, source, source_id, author_name, author_key, text, html, status, created_at,
      received_at, starred_by, hold_until, approved_version, pinned, shown_at)
    VALUES ('ev', 'web', 'a', 'Ana', 'web:ana', 'first', 'first', 'approved', 1, 2, 'mod', NULL, '{"text":"v","html":"v","media":[],"context":null}', 1, 3),
           ('ev', 'sms', 'b', 'Bo', 'sms:tag', 'second', 'second', 'pending', 4, 5, NULL, 99, NULL, 0, NULL);
    INSERT INTO moderation_log (item_id, event, actor, action, after_status, at) VALUES (1, 'ev', 'mod', 'approve', 'approved', 3);
  `);
  db.close();
}

describe('migration 7: the status check', () => {
  it('keeps every item, column for column, and the indexes', async () => {
    databaseAtVersion6();
    const before = new Database(file, { readonly: true });
    const rows = before.prepare('SELECT * FROM items ORDER BY id').all();
    const indexes = before.prepare("SELECT name, sql FROM sqlite_master WHERE tbl_name = 'items' ORDER BY name").all();
    before.close();

    const store = await openStore(file);
    try {
      expect(store.db!.prepare('SELECT * FROM items ORDER BY id').all()).toEqual(rows);
      expect(
        store
          .db!.prepare("SELECT name, sql FROM sqlite_master WHERE tbl_name = 'items' AND type = 'index' ORDER BY name")
          .all(),
      ).toEqual(indexes.filter((index) => (index as { name: string }).name !== 'items'));
      expect(await store.items.counts('ev')).toMatchObject({ pending: 1 });
      expect(await store.items.get(1)).toMatchObject({ status: 'approved', pinned: true, starredBy: 'mod' });
      expect(store.db!.pragma('foreign_key_check')).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('still refuses an unknown status, and an insert builds no temporary index', async () => {
    const store = await openStore(file);
    try {
      await store.events.upsertFromFile('ev', 'Event');
      const insert = `INSERT INTO items (${INSERT_COLUMNS.join(', ')}) VALUES (${INSERT_COLUMNS.map(() => '?').join(', ')})`;
      const plan = store.db!.prepare(`EXPLAIN ${insert}`).all(...INSERT_COLUMNS.map(() => null)) as {
        opcode: string;
      }[];
      expect(plan.map((step) => step.opcode)).not.toContain('OpenEphemeral');

      const stored = await store.items.insertBatch([
        {
          event: 'ev',
          item: sanitizedItem({ sourceId: 'ok' }),
          decision: { status: 'pending', reasons: [] },
          receivedAt: 1,
        },
      ]);
      expect(stored[0]?.stored).toBe(true);
      expect(() => store.db!.prepare("UPDATE items SET status = 'lost'").run()).toThrow(/CHECK constraint failed/);
    } finally {
      await store.close();
    }
  });
});
