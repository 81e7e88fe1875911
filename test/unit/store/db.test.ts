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
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  });

  it('keeps its data and does not re-run migrations on reopening', async () => {
    await store.items.insertBatch([{ event: 'ev', item: item('a'), decision: pending, receivedAt: 1 }]);
    await store.close();
    store = await openStore(join(dir, 'murmure.db'));
    expect((await store.items.counts('ev')).pending).toBe(1);
  });
});

describe('items', () => {
  it('stores one row per (event, source, source id), even within one batch', async () => {
    const results = await store.items.insertBatch([
      { event: 'ev', item: item('same'), decision: pending, receivedAt: 1 },
      { event: 'ev', item: item('same', 'a retry'), decision: pending, receivedAt: 2 },
    ]);
    expect(results.map((r) => r.stored)).toEqual([true, false]);
    expect(results[1]).toEqual({ stored: false, status: 'pending' });
    expect(await store.items.exists('ev', 'web', 'same')).toBe(true);
  });

  it('answers an insert with the item exactly as it reads back, media and avatar presented', async () => {
    await store.close();
    store = await openStore(join(dir, 'murmure.db'), { presentUrl: (url) => `/media/p/${url.length}` });
    const rich = sanitizedItem({
      source: 'mastodon',
      sourceId: 'https://m.example/s/1',
      url: 'https://m.example/@a/1',
      author: {
        name: 'Ana',
        handle: '@ana@m.example',
        avatarUrl: 'https://m.example/a.png',
        profileUrl: 'https://m.example/@a',
      },
      contact: { tag: 'mail-1', masked: 'a•••@x.example' },
      media: [
        {
          type: 'video',
          url: 'https://m.example/v.mp4',
          previewUrl: 'https://m.example/v.jpg',
          alt: 'a cat',
          width: 4,
        },
        { type: 'image', url: 'https://m.example/i.png' },
      ],
      lang: 'fr',
      context: { kind: 'quote', url: 'https://m.example/s/0', text: 'before', author: { name: 'Bo' } },
      flags: ['reply', 'sensitive'],
      hashtags: ['tag'],
    });
    const reasons = [{ rule: 'mode' as const, detail: 'post-moderation' }];
    const [approved] = await store.items.insertBatch([
      { event: 'ev', item: rich, decision: { status: 'approved', reasons }, receivedAt: 5 },
    ]);
    const [held] = await store.items.insertBatch([
      { event: 'ev', item: item('held'), decision: pending, receivedAt: 6, holdUntil: 60 },
    ]);
    for (const result of [approved, held]) {
      expect(result?.stored).toBe(true);
      const inserted = result!.stored ? result!.item : null;
      expect(inserted).toStrictEqual(await store.items.get(inserted!.id));
    }
    expect(approved!.stored && approved!.item.media[0]).toMatchObject({
      url: '/media/p/23',
      previewUrl: '/media/p/23',
    });
  });

  it('tells stored keys from new ones, also once reopened', async () => {
    const stored = Array.from({ length: 300 }, (_, i) => item(`k${i}`));
    await store.items.insertBatch(stored.map((it) => ({ event: 'ev', item: it, decision: pending, receivedAt: 1 })));
    const check = async () => {
      for (const it of stored) expect(await store.items.exists('ev', 'web', it.sourceId)).toBe(true);
      for (let i = 300; i < 3000; i++) expect(await store.items.exists('ev', 'web', `k${i}`)).toBe(false);
      expect(await store.items.exists('other', 'web', 'k1')).toBe(false);
      expect(await store.items.exists('ev', 'sms', 'k1')).toBe(false);
    };
    await check();
    await store.close();
    store = await openStore(join(dir, 'murmure.db'));
    await check();
    await store.items.insertBatch([{ event: 'ev', item: item('late'), decision: pending, receivedAt: 2 }]);
    expect(await store.items.exists('ev', 'web', 'late')).toBe(true);
  });

  it('changes an item only from the status the change expects', async () => {
    const [result] = await store.items.insertBatch([
      { event: 'ev', item: item('cas'), decision: pending, receivedAt: 1 },
    ]);
    const id = result!.stored ? result!.item.id : 0;
    const change = { event: 'ev', itemId: id, actor: 'ana', action: 'approve', pinned: false, at: 5 };
    expect(await store.items.applyChange({ ...change, before: 'pending', after: 'approved' })).toMatchObject({
      status: 'approved',
      moderatedBy: 'ana',
      shownAt: 5,
    });
    expect(await store.items.applyChange({ ...change, actor: 'bob', before: 'pending', after: 'rejected' })).toBeNull();
    expect(await store.items.get(id)).toMatchObject({ status: 'approved', moderatedBy: 'ana' });
  });

  it('keeps an append-only moderation log', async () => {
    const [result] = await store.items.insertBatch([
      { event: 'ev', item: item('log'), decision: pending, receivedAt: 1 },
    ]);
    const id = result!.stored ? result!.item.id : 0;
    await store.items.applyChange({
      event: 'ev',
      itemId: id,
      actor: 'ana',
      action: 'approve',
      before: 'pending',
      after: 'approved',
      pinned: false,
      at: 7,
    });
    const log = store.db.prepare('SELECT actor, action, before_status, after_status, at FROM moderation_log').all();
    expect(log).toEqual([
      { actor: 'filter', action: 'intake', before_status: null, after_status: 'pending', at: 1 },
      { actor: 'ana', action: 'approve', before_status: 'pending', after_status: 'approved', at: 7 },
    ]);
    expect(() => store.db.prepare("UPDATE moderation_log SET actor = 'mallory'").run()).toThrow(/append-only/);
  });

  it('logs the arrival of every stored item of a large batch, in order, and none for a duplicate', async () => {
    const held = { status: 'pending' as const, reasons: [{ rule: 'hourly-cap' as const, detail: 'too many' }] };
    const entries = Array.from({ length: 123 }, (_, i) => ({
      event: 'ev',
      item: item(i === 60 ? 'n0' : `n${i}`), // one retry of the first item, mid-batch
      decision: i % 2 ? held : pending,
      receivedAt: 100 + i,
    }));
    const results = await store.items.insertBatch(entries);
    const storedIds = results.flatMap((r) => (r.stored ? [r.item.id] : []));
    expect(storedIds).toHaveLength(122);
    const log = store.db.prepare('SELECT item_id, actor, action, after_status, detail, at FROM moderation_log').all();
    expect(log).toEqual(
      entries
        .map((entry, i) => ({ entry, result: results[i]! }))
        .filter(({ result }) => result.stored)
        .map(({ entry, result }) => ({
          item_id: result.stored ? result.item.id : 0,
          actor: 'filter',
          action: 'intake',
          after_status: 'pending',
          detail: entry.decision.reasons.length ? 'hourly-cap: too many' : null,
          at: entry.receivedAt,
        })),
    );
    expect(storedIds).toEqual([...storedIds].sort((a, b) => a - b));
  });

  it('writes no arrival row when the batch rolls back', async () => {
    const bad = { event: 'no-such-event', item: item('x'), decision: pending, receivedAt: 1 };
    await expect(
      store.items.insertBatch([{ event: 'ev', item: item('ok'), decision: pending, receivedAt: 1 }, bad]),
    ).rejects.toThrow();
    expect(store.db.prepare('SELECT count(*) FROM moderation_log').pluck().get()).toBe(0);
    expect(await store.items.exists('ev', 'web', 'ok')).toBe(false);
  });
});

describe('the async interface', () => {
  it('reads every item of an event for an export, a page at a time, oldest first', async () => {
    const many = Array.from({ length: 1234 }, (_, i) => ({
      event: 'ev',
      item: item(`e${i}`),
      decision: pending,
      receivedAt: i,
    }));
    await store.items.insertBatch(many);
    const read: string[] = [];
    for await (const it of store.items.all('ev')) read.push(it.sourceId);
    expect(read).toEqual(many.map((entry) => entry.item.sourceId));
    for await (const _ of store.items.all('other')) throw new Error('no item expected');
  });

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

  it('gives back the uploads only the purged items used', async () => {
    await store.events.upsertFromFile('other', 'Other');
    const photo = (name: string) => [{ type: 'image' as const, url: `/media/uploads/${name}.jpg` }];
    const withPhotos = (event: string, sourceId: string, names: string[]) => ({
      event,
      item: sanitizedItem({ sourceId, media: names.flatMap(photo) }),
      decision: pending,
      receivedAt: 1,
    });
    await store.items.insertBatch([withPhotos('ev', 'a', ['mine', 'shared']), withPhotos('other', 'b', ['shared'])]);
    const result = await store.purge.event('ev');
    expect(result).toMatchObject({ items: 1, uploads: ['/media/uploads/mine.jpg'] });
  });
});
