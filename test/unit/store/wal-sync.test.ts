import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../server/store/index.js';
import { createWalSync } from '../../../server/store/wal-sync.js';
import { sanitizedItem } from '../builders.js';

let dir: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'murmure-wal-sync-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('WAL sync', () => {
  it('confirms a commit made without waiting for the disk', async () => {
    const store = await openStore(join(dir, 'murmure.db'));
    try {
      await store.events.upsertFromFile('ev', 'Event');
      const [result] = await store.items.insertBatchSyncedLater([
        {
          event: 'ev',
          item: sanitizedItem({ sourceId: 'a' }),
          decision: { status: 'pending', reasons: [] },
          receivedAt: 1,
        },
      ]);
      expect(result?.stored).toBe(true);
      // Stored and readable at once; every other write still syncs at its commit.
      expect(await store.items.exists('ev', 'web', 'a')).toBe(true);
      expect(store.db!.pragma('synchronous', { simple: true })).toBe(2);
      await expect(store.walSync.sync()).resolves.toBeUndefined();
      await store.walSync.idle();
    } finally {
      await store.close();
    }
  });

  it('says so when there is no WAL to sync, and has nothing to wait for in memory', async () => {
    await expect(createWalSync(join(dir, 'missing.db')).sync()).rejects.toThrow(/ENOENT/);
    await expect(createWalSync(':memory:').sync()).resolves.toBeUndefined();
  });

  it('shares one fsync among the calls made while another runs, and starts it after that one', async () => {
    const rounds: { path: string; done: () => void }[] = [];
    const sync = createWalSync(join(dir, 'x.db'), (path) => new Promise<void>((done) => rounds.push({ path, done })));
    const finish = async () => {
      rounds.shift()!.done();
      await new Promise((resolve) => setImmediate(resolve));
    };
    const settled: string[] = [];
    const first = sync.sync().then(() => settled.push('first'));
    await new Promise((resolve) => setImmediate(resolve));
    await finish(); // the directory, once
    expect(rounds.map((round) => round.path)).toEqual([join(dir, 'x.db-wal')]);

    // Committed while the first fsync runs: it may have started before them, so they wait for the next one.
    const second = sync.sync().then(() => settled.push('second'));
    const third = sync.sync().then(() => settled.push('third'));
    expect(rounds).toHaveLength(1);
    await finish();
    await first;
    expect(settled).toEqual(['first']);
    expect(rounds).toHaveLength(1); // one round for both
    await finish();
    await Promise.all([second, third]);
    expect(settled).toEqual(['first', 'second', 'third']);
    await sync.idle();
  });
});
