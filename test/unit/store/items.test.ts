/**
 * The items and their moderation log on both engines: intake's batches, moderators' and authors' changes, the
 * listings, the purge. Where several nodes share the database, the tests open two stores on it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeCursor, openStore, type Store, type StoreOptions } from '../../../server/store/index.js';
import type { FilterDecision, SanitizedItem } from '../../../server/pipeline/types.js';
import { sanitizedItem } from '../builders.js';
import { DATABASES, type FreshDatabase } from '../../support/databases.js';

function item(sourceId: string, text = `text of ${sourceId}`): SanitizedItem {
  return sanitizedItem({ sourceId, text, author: { name: 'Ana' }, authorKey: 'web:ana', createdAt: 1000 });
}

const pending: FilterDecision = { status: 'pending', reasons: [] };
const approved: FilterDecision = { status: 'approved', reasons: [] };
const entry = (sourceId: string, receivedAt = 1, decision = pending) => ({
  event: 'ev',
  item: item(sourceId),
  decision,
  receivedAt,
});

describe.each(DATABASES)('items on $name', ({ name, fresh }) => {
  let database: FreshDatabase;
  let store: Store;
  const others: Store[] = [];
  /**
   * Another node on the same database. SQLite has one process, with one connection: what two nodes would do at
   * once, it does at once on that connection (two connections of one process would wait for each other's lock).
   */
  async function otherNode(): Promise<Store> {
    if (name === 'SQLite') return store;
    const other = await openStore(database.location);
    others.push(other);
    return other;
  }
  async function reopen(options: StoreOptions = {}): Promise<void> {
    await store.close();
    store = await openStore(database.location, options);
  }
  const logRows = () =>
    store.engine.db
      .selectFrom('moderation_log')
      .select(['item_id', 'actor', 'action', 'before_status', 'after_status', 'detail', 'at'])
      .orderBy('id')
      .execute();
  const idOf = (result: Awaited<ReturnType<Store['items']['insertBatch']>>[number] | undefined) =>
    result?.stored ? result.item.id : 0;

  beforeEach(async () => {
    database = await fresh();
    store = await openStore(database.location);
    await store.events.upsertFromFile('ev', 'Event');
  });
  afterEach(async () => {
    for (const other of others.splice(0)) await other.close();
    await store.close();
    await database.drop();
  });

  describe('intake', () => {
    it('stores one row per (event, source, source id), even within one batch', async () => {
      const results = await store.items.insertBatch([
        entry('same', 1),
        { ...entry('same', 2), item: item('same', 'a retry') },
      ]);
      expect(results.map((r) => r.stored)).toEqual([true, false]);
      expect(results[1]).toEqual({ stored: false, status: 'pending' });
      expect(await store.items.exists('ev', 'web', 'same')).toBe(true);
      expect((await store.items.findByKey('ev', 'web', 'same'))?.text).toBe('text of same');
    });

    it('answers an insert with the item exactly as it reads back, media and avatar presented', async () => {
      await reopen({ presentUrl: (url) => `/media/p/${url.length}` });
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
      const [first] = await store.items.insertBatch([
        { event: 'ev', item: rich, decision: { status: 'approved', reasons }, receivedAt: 5 },
      ]);
      const [held] = await store.items.insertBatch([{ ...entry('held', 6), holdUntil: 60 }]);
      for (const result of [first, held]) {
        expect(result?.stored).toBe(true);
        expect(result!.stored && result!.item).toStrictEqual(await store.items.get(idOf(result)));
      }
      expect(first!.stored && first!.item.media[0]).toMatchObject({ url: '/media/p/23', previewUrl: '/media/p/23' });
    });

    it('tells stored keys from new ones, also once reopened', async () => {
      const stored = Array.from({ length: 300 }, (_, i) => entry(`k${i}`));
      await store.items.insertBatch(stored);
      const check = async () => {
        for (const { item: it } of stored) expect(await store.items.exists('ev', 'web', it.sourceId)).toBe(true);
        for (let i = 300; i < 3000; i++) expect(await store.items.exists('ev', 'web', `k${i}`)).toBe(false);
        expect(await store.items.exists('other', 'web', 'k1')).toBe(false);
        expect(await store.items.exists('ev', 'sms', 'k1')).toBe(false);
      };
      await check();
      await reopen();
      await check();
      await store.items.insertBatch([entry('late', 2)]);
      expect(await store.items.exists('ev', 'web', 'late')).toBe(true);
    }, 30_000); // PostgreSQL answers each of these 6,000 lookups: a query each

    it('answers many lookups made at once, each with its own answer', async () => {
      await store.events.upsertFromFile('other', 'Other');
      await store.items.insertBatch(Array.from({ length: 600 }, (_, i) => entry(`m${i * 2}`)));
      await store.items.insertBatch([{ ...entry('m1'), event: 'other' }]);
      const asked = Array.from({ length: 1200 }, (_, i) => store.items.exists('ev', 'web', `m${i}`));
      expect(await Promise.all(asked)).toEqual(Array.from({ length: 1200 }, (_, i) => i % 2 === 0));
      expect(
        await Promise.all([store.items.exists('other', 'web', 'm1'), store.items.exists('other', 'web', 'm0')]),
      ).toEqual([true, false]);
    });

    it('logs the arrival of every stored item of a large batch, in order, and none for a duplicate', async () => {
      const held: FilterDecision = { status: 'pending', reasons: [{ rule: 'hourly-cap', detail: 'too many' }] };
      // One retry of the first item, mid-batch.
      const entries = Array.from({ length: 123 }, (_, i) =>
        entry(i === 60 ? 'n0' : `n${i}`, 100 + i, i % 2 ? held : pending),
      );
      const results = await store.items.insertBatch(entries);
      const storedIds = results.flatMap((r) => (r.stored ? [r.item.id] : []));
      expect(storedIds).toHaveLength(122);
      expect(results[60]).toEqual({ stored: false, status: 'pending' });
      expect(await logRows()).toEqual(
        entries
          .map((e, i) => ({ e, result: results[i]! }))
          .filter(({ result }) => result.stored)
          .map(({ e, result }) => ({
            item_id: idOf(result),
            actor: 'filter',
            action: 'intake',
            before_status: null,
            after_status: 'pending',
            detail: e.decision.reasons.length ? 'hourly-cap: too many' : null,
            at: e.receivedAt,
          })),
      );
      expect(storedIds).toEqual([...storedIds].sort((a, b) => a - b));
    });

    it('answers the status of what is there already, across events, and writes no arrival row for it', async () => {
      await store.events.upsertFromFile('other', 'Other');
      await store.items.insertBatch([entry('a', 1, approved), entry('b')]);
      const results = await store.items.insertBatch([
        entry('a', 2),
        { ...entry('a', 2), event: 'other' },
        entry('b', 2),
        entry('c', 2),
      ]);
      expect(results.map((r) => (r.stored ? 'stored' : r.status))).toEqual(['approved', 'stored', 'pending', 'stored']);
      expect(await logRows()).toHaveLength(4);
    });

    it('writes no arrival row when the batch rolls back', async () => {
      const bad = { ...entry('x'), event: 'no-such-event' };
      await expect(store.items.insertBatch([entry('ok'), bad])).rejects.toThrow();
      expect(await logRows()).toEqual([]);
      expect(await store.items.exists('ev', 'web', 'ok')).toBe(false);
    });

    it('stores a batch whose sync is left for later, confirmed once synced', async () => {
      const [result] = await store.items.insertBatchSyncedLater([entry('later')]);
      expect(result?.stored).toBe(true);
      expect(await store.items.exists('ev', 'web', 'later')).toBe(true);
      await expect(store.walSync.sync()).resolves.toBeUndefined();
      await store.walSync.idle();
    });

    it('gives each key to one batch when two nodes store the same items at once', async () => {
      const other = await otherNode();
      const batch = Array.from({ length: 60 }, (_, i) => entry(`both${i}`));
      const [mine, theirs] = await Promise.all([store.items.insertBatch(batch), other.items.insertBatch(batch)]);
      for (let i = 0; i < batch.length; i++) {
        expect([mine[i]!.stored, theirs[i]!.stored].sort()).toEqual([false, true]);
      }
      expect((await store.items.counts('ev')).pending).toBe(60);
      expect(await logRows()).toHaveLength(60);
    });
  });

  describe('changes', () => {
    it('changes an item only from the status the change expects, whichever node asks', async () => {
      const other = await otherNode();
      const id = idOf((await store.items.insertBatch([entry('cas')]))[0]);
      const change = { event: 'ev', itemId: id, pinned: false, at: 5, before: 'pending' as const };
      const answers = await Promise.all([
        store.items.applyChange({ ...change, actor: 'ana', action: 'approve', after: 'approved' }),
        other.items.applyChange({ ...change, actor: 'bob', action: 'reject', after: 'rejected' }),
      ]);
      expect(answers.filter((answer) => answer !== null)).toHaveLength(1);
      const now = await store.items.get(id);
      expect(now).toMatchObject(answers.find((answer) => answer !== null)!);
      expect(now?.shownAt).toBe(now?.status === 'approved' ? 5 : null);
      expect((await logRows()).map((row) => row.actor)).toEqual(['filter', now?.moderatedBy]);
    });

    it('keeps an append-only moderation log', async () => {
      const id = idOf((await store.items.insertBatch([entry('log')]))[0]);
      const change = { event: 'ev', itemId: id, actor: 'ana', action: 'approve', pinned: true, at: 7 };
      await store.items.applyChange({ ...change, before: 'pending', after: 'approved' });
      await store.items.applyChange({ ...change, at: 8, action: 'hide', before: 'approved', after: 'hidden' });
      await store.items.applyChange({ ...change, at: 9, before: 'hidden', after: 'approved' });
      expect(await store.items.get(id)).toMatchObject({ status: 'approved', pinned: true, shownAt: 7 });
      expect((await logRows()).map((row) => [row.actor, row.before_status, row.after_status, row.at])).toEqual([
        ['filter', null, 'pending', 1],
        ['ana', 'pending', 'approved', 7],
        ['ana', 'approved', 'hidden', 8],
        ['ana', 'hidden', 'approved', 9],
      ]);
      expect(await store.log.lastEntry(id)).toEqual({
        actor: 'ana',
        action: 'approve',
        before: 'hidden',
        after: 'approved',
      });
      await expect(store.engine.db.updateTable('moderation_log').set({ actor: 'mallory' }).execute()).rejects.toThrow(
        /append-only/,
      );
    });

    it('stars an item for the team and releases held items when their delay runs out', async () => {
      const [a, b] = await store.items.insertBatch([
        { ...entry('held-a'), holdUntil: 50 },
        { ...entry('held-b'), holdUntil: 40 },
        { ...entry('held-c'), holdUntil: 90 },
      ]);
      expect(await store.items.dueHolds(60)).toEqual([idOf(b), idOf(a)]);
      expect(await store.items.setStar(idOf(a), 'ana', true, 3)).toMatchObject({ starredBy: 'ana' });
      expect(await store.items.setStar(idOf(a), 'ana', false, 4)).toMatchObject({ starredBy: null });
      expect(await store.items.setStar(999_999, 'ana', true, 4)).toBeNull();
      expect((await logRows()).slice(-2).map((row) => row.action)).toEqual(['star', 'unstar']);
    });

    it('follows an edit at the source, the wall keeping the approved version, and a deletion', async () => {
      const id = idOf((await store.items.insertBatch([entry('ed', 1, approved)]))[0]);
      const edited = { ...item('ed'), text: 'edited', html: 'edited' };
      const revised = await store.items.revise('ev', edited, pending, 10);
      expect(revised).toMatchObject({
        before: 'approved',
        wasOnWall: true,
        item: { status: 'pending', text: 'edited' },
      });
      expect(revised?.item.flags).toContain('edited-after-approval');
      expect((await store.items.feed('ev', 10)).items.map((it) => it.text)).toEqual(['text of ed']);
      expect(await store.items.revise('ev', edited, pending, 11)).toBeNull(); // unchanged
      expect(await store.items.revise('ev', { ...item('unknown') }, pending, 11)).toBeNull();
      expect(await store.items.shownSourceIds('ev', 'web')).toEqual([]);

      const retracted = await store.items.retract('ev', 'web', 'ed', 'deleted by its author', 12);
      expect(retracted).toMatchObject({ before: 'pending', wasOnWall: true, item: { status: 'hidden', text: '' } });
      expect(await store.items.retract('ev', 'web', 'ed', 'again', 13)).toBeNull();
      expect((await store.items.feed('ev', 10)).items).toEqual([]);
      expect((await logRows()).map((row) => [row.actor, row.action, row.after_status])).toEqual([
        ['filter', 'intake', 'approved'],
        ['source', 'edit', 'pending'],
        ['source', 'delete', 'hidden'],
      ]);
      expect(await store.items.get(id)).toMatchObject({ moderatedBy: 'source', moderatedAt: 12 });
    });
  });

  describe('listings', () => {
    it('pages the public feed and the queues with stable cursors', async () => {
      const results = await store.items.insertBatch(
        Array.from({ length: 7 }, (_, i) => entry(`f${i}`, 10 + i, approved)),
      );
      await store.items.insertBatch([entry('p1', 30), entry('p2', 31), entry('p3', 32)]);
      const feedIds: number[] = [];
      let page = await store.items.feed('ev', 3);
      for (;;) {
        feedIds.push(...page.items.map((it) => it.id));
        if (!page.next) break;
        page = await store.items.feed('ev', 3, decodeCursor(page.next)!);
      }
      expect(feedIds).toEqual(results.map(idOf).reverse());
      const queue = await store.items.queue('ev', 'pending', 2);
      expect(queue.items.map((it) => it.sourceId)).toEqual(['p1', 'p2']);
      expect(queue.next).not.toBeNull();
      const done = await store.items.queue('ev', 'approved', 2);
      expect(done.items.map((it) => it.sourceId)).toEqual(['f6', 'f5']);
      expect(await store.items.counts('ev')).toEqual({ pending: 3, approved: 7, rejected: 0, hidden: 0 });
      expect(await store.items.receivedSince('ev', 29)).toEqual({ web: 3 });
      expect(await store.items.pinned('ev')).toEqual([]);
    });

    it('searches the queue whatever the case and the accents, in the text, the name and the handle', async () => {
      const post = (sourceId: string, text: string, name = 'Ana', handle?: string) => ({
        ...entry(sourceId),
        item: sanitizedItem({ sourceId, text, author: { name, ...(handle ? { handle } : {}) } }),
      });
      await store.items.insertBatch([
        post('1', 'Un ÉLAN collectif'),
        post('2', 'Cœur de la ville'),
        post('3', 'rien', 'Zoë Müller'),
        post('4', 'rien', 'X', '@straße'),
        post('5', 'e\u0301tonnant : ﬁn'),
        post('6', 'sans rapport'),
      ]);
      const search = async (words: string) =>
        (await store.items.queue('ev', 'pending', 10, undefined, { search: words })).items.map((it) => it.sourceId);
      expect(await search('élan')).toEqual(['1']);
      expect(await search('ELAN')).toEqual(['1']);
      expect(await search('coeur')).toEqual(['2']);
      expect(await search('zoe muller')).toEqual(['3']);
      expect(await search('STRASSE')).toEqual(['4']);
      expect(await search('étonnant')).toEqual(['5']);
      expect(await search('fin')).toEqual(['5']);
      expect(await search('100%')).toEqual([]);
      expect(await search('rien')).toEqual(['3', '4']);
    });

    it('reads every item of an event for an export, a page at a time, oldest first', async () => {
      const many = Array.from({ length: 1234 }, (_, i) => entry(`e${i}`, i));
      await store.items.insertBatch(many);
      const read: string[] = [];
      for await (const it of store.items.all('ev')) read.push(it.sourceId);
      expect(read).toEqual(many.map((e) => e.item.sourceId));
      for await (const _ of store.items.all('other')) throw new Error('no item expected');
    });

    it('pages the audit trail, newest first, with an excerpt of each item', async () => {
      await store.items.insertBatch([entry('a1', 1), entry('a2', 2), entry('a3', 3)]);
      const first = await store.log.audit('ev', 2);
      expect(first.entries.map((e) => [e.at, e.excerpt])).toEqual([
        [3, 'text of a3'],
        [2, 'text of a2'],
      ]);
      const second = await store.log.audit('ev', 2, decodeCursor(first.next!)!);
      expect(second).toMatchObject({ entries: [{ at: 1, excerpt: 'text of a1', actor: 'filter' }], next: null });
    });
  });

  describe('purge', () => {
    const photo = (name: string) => ({ type: 'image' as const, url: `/media/uploads/${name}.jpg` });
    const withPhotos = (event: string, sourceId: string, names: string[], receivedAt = 1) => ({
      ...entry(sourceId, receivedAt),
      event,
      item: sanitizedItem({ sourceId, media: names.map(photo) }),
    });

    it('removes the event, its log and the photos only its items showed, and gives their paths back', async () => {
      await store.events.upsertFromFile('other', 'Other');
      for (const name of ['mine', 'shared', 'kept'])
        await store.uploads.put(`${name}.jpg`, 'image/jpeg', Buffer.from(name));
      await store.items.insertBatch([
        withPhotos('ev', 'a', ['mine', 'shared']),
        withPhotos('ev', 'b', []),
        withPhotos('other', 'c', ['shared']),
      ]);
      expect(await store.purge.event('ev')).toEqual({ items: 2, logEntries: 2, uploads: ['/media/uploads/mine.jpg'] });
      expect(await store.uploads.get('mine.jpg')).toBeNull();
      expect(await store.uploads.get('shared.jpg')).not.toBeNull();
      expect((await store.items.counts('ev')).pending).toBe(0);
      expect(await store.items.exists('ev', 'web', 'a')).toBe(false);
      expect((await logRows()).map((row) => row.item_id)).toEqual([
        (await store.items.findByKey('other', 'web', 'c'))!.id,
      ]);
    });

    it('removes only the items past the cutoff, with their log entries', async () => {
      await store.items.insertBatch([withPhotos('ev', 'old', ['old'], 10), withPhotos('ev', 'new', ['new'], 20)]);
      expect(await store.purge.olderThan('ev', 15)).toEqual({
        items: 1,
        logEntries: 1,
        uploads: ['/media/uploads/old.jpg'],
      });
      expect((await store.items.all('ev').next()).value).toMatchObject({ sourceId: 'new' });
      expect(await logRows()).toHaveLength(1);
    });
  });
});
