import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../server/store/index.js';
import { SCHEMA_VERSION } from '../../../server/store/engine/later-migrations.js';
import type { SanitizedItem } from '../../../server/pipeline/types.js';
import { sanitizedItem } from '../builders.js';

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'murmure-store-'));
  store = await openStore(join(dir, 'murmure.db'));
  await store.events.upsertFromFile('ev', 'Event');
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function item(sourceId: string, text = `text of ${sourceId}`): SanitizedItem {
  return sanitizedItem({ sourceId, text, author: { name: 'Ana' }, authorKey: 'web:ana', createdAt: 1000 });
}

const pending = { status: 'pending' as const, reasons: [] };

describe('database', () => {
  it('runs in WAL mode with full sync and the latest schema', () => {
    expect(store.db!.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db!.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(store.db!.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  });

  it('keeps its data and does not re-run migrations on reopening', async () => {
    await store.items.insertBatch([{ event: 'ev', item: item('a'), decision: pending, receivedAt: 1 }]);
    await store.close();
    store = await openStore(join(dir, 'murmure.db'));
    expect((await store.items.counts('ev')).pending).toBe(1);
  });
});

describe('the async interface', () => {
  it('answers a ping, and reports a failure as a rejection rather than a throw', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
    await store.close();
    let answer: Promise<unknown> | undefined;
    expect(() => {
      answer = store.items.get(1);
    }).not.toThrow();
    await expect(answer).rejects.toThrow(/not open/);
    await expect(store.ping()).rejects.toThrow(/not open/);
    store = await openStore(join(dir, 'murmure.db'));
  });

  it("gives a source kind's remembered values with when each was written", async () => {
    await store.sourceState.set('ev', 'x', 'since_id', '42', 10);
    await store.sourceState.set('ev', 'x', 'other', 'a', 20);
    await store.sourceState.set('ev', 'mastodon', 'since_id', '7', 30);
    const entries = await store.sourceState.entries('ev', 'x');
    expect(entries.sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: 'other', value: 'a', updatedAt: 20 },
      { key: 'since_id', value: '42', updatedAt: 10 },
    ]);
  });
});
