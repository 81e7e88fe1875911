/** The whole loop: web form -> moderation queue -> approve -> wall, and what the wall must never see. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Item, PublicItem } from '../../server/protocol/items.js';
import type {
  ModerationNotice,
  QueueSnapshot,
  Response,
  StatusCounts,
  WallSnapshot,
} from '../../server/protocol/socket.js';
import { startServer, type TestServer } from './helpers/server.js';
import {
  connected,
  login,
  moderationClient,
  nextEvent,
  submit,
  wallClient,
  type ModerationSocket,
  type WallSocket,
} from './helpers/clients.js';

let server: TestServer;
let moderator: ModerationSocket;
let wall: WallSocket;
const wallFrames: { event: string; payload: unknown }[] = [];

beforeEach(async () => {
  server = await startServer();
  moderator = moderationClient(server.url, await login(server.url));
  await connected(moderator);
  const snapshot = await new Promise<Response<QueueSnapshot>>((resolve) =>
    moderator.emit('queue:snapshot', { event: 'town-hall' }, resolve),
  );
  expect(snapshot.ok).toBe(true);
  wall = wallClient(server.url, 'town-hall');
  wallFrames.length = 0;
  wall.onAny((event: string, payload: unknown) => wallFrames.push({ event, payload }));
  await nextEvent<WallSnapshot>(wall, 'wall:snapshot');
});

afterEach(async () => {
  moderator?.close();
  wall?.close();
  await server.close();
});

const act = (action: 'approve' | 'reject' | 'hide', id: number, expected?: Item['status']) =>
  new Promise<Response<Item>>((resolve) =>
    moderator.emit(`item:${action}`, expected ? { id, expected } : { id }, resolve),
  );

describe('web form to wall', () => {
  it('shows a submitted message on the wall once a moderator approves it', async () => {
    const queued = nextEvent<Item>(moderator, 'item:new');
    const response = await submit(server.url, 'town-hall', { name: 'Claire', message: 'Quelle place pour le vélo ?' });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ status: 'received', duplicate: false });

    const item = await queued;
    expect(item).toMatchObject({ status: 'pending', source: 'web', author: { name: 'Claire' } });
    expect(item.text).toBe('Quelle place pour le vélo ?');

    const shown = nextEvent<PublicItem>(wall, 'item:shown');
    const moderated = nextEvent<ModerationNotice>(moderator, 'item:moderated');
    const ack = await act('approve', item.id, 'pending');
    expect(ack).toMatchObject({ ok: true, data: { id: item.id, status: 'approved', moderatedBy: 'admin' } });
    expect((await shown).id).toBe(item.id);
    expect(await moderated).toMatchObject({ action: 'approve', by: 'admin', before: 'pending', after: 'approved' });

    const hidden = nextEvent<{ id: number }>(wall, 'item:hidden');
    expect((await act('hide', item.id)).ok).toBe(true);
    expect(await hidden).toEqual({ id: item.id });
  });

  it('never sends a pending or rejected item to a wall client', async () => {
    const received: Item[] = [];
    moderator.on('item:new', (item) => received.push(item));
    for (const message of ['rejected message', 'approved message', 'pending message']) {
      expect((await submit(server.url, 'town-hall', { message })).status).toBe(202);
    }
    await expect.poll(() => received.length).toBe(3);
    const [rejected, approved] = received as [Item, Item, Item];
    expect((await act('reject', rejected.id)).ok).toBe(true);
    expect((await act('approve', approved.id)).ok).toBe(true);
    await expect.poll(() => wallFrames.filter((f) => f.event === 'item:shown').length).toBe(1);

    const ids = wallFrames.flatMap((frame) => {
      const payload = frame.payload as { id?: number; items?: PublicItem[] };
      return payload.items ? payload.items.map((i) => i.id) : payload.id ? [payload.id] : [];
    });
    expect(ids).toEqual([approved.id]);
    const everything = JSON.stringify(wallFrames);
    expect(everything).not.toContain('rejected message');
    expect(everything).not.toContain('pending message');

    // A new wall client's snapshot and the public API hold only the approved item.
    const late = wallClient(server.url, 'town-hall');
    const snapshot = await nextEvent<WallSnapshot>(late, 'wall:snapshot');
    late.close();
    expect(snapshot.items.map((i) => i.id)).toEqual([approved.id]);
    const page = (await (await fetch(`${server.url}/api/events/town-hall/items`)).json()) as { items: PublicItem[] };
    expect(page.items.map((i) => i.id)).toEqual([approved.id]);
  });

  it('sends the wall only public fields', async () => {
    const queued = nextEvent<Item>(moderator, 'item:new');
    await submit(server.url, 'town-hall', { message: 'Public fields only' });
    const item = await queued;
    const shown = nextEvent<PublicItem>(wall, 'item:shown');
    await act('approve', item.id);
    const publicItem = await shown;
    expect(Object.keys(publicItem).sort()).toEqual(
      [
        'author',
        'context',
        'createdAt',
        'event',
        'html',
        'id',
        'lang',
        'media',
        'pinned',
        'shownAt',
        'source',
        'text',
        'url',
      ].sort(),
    );
  });
});

describe('long-polling', () => {
  it('carries the loop over HTTP long-polling, beside the API on the same server', async () => {
    const pollingWall = wallClient(server.url, 'town-hall', { polling: true });
    await nextEvent<WallSnapshot>(pollingWall, 'wall:snapshot');
    const pollingModerator = moderationClient(server.url, await login(server.url), { polling: true });
    await new Promise((resolve) => pollingModerator.emit('queue:snapshot', { event: 'town-hall' }, resolve));
    const queued = nextEvent<Item>(pollingModerator, 'item:new');
    await submit(server.url, 'town-hall', { message: 'Over polling' });
    const item = await queued;
    const shown = nextEvent<PublicItem>(pollingWall, 'item:shown');
    const ack = await new Promise<Response<Item>>((resolve) =>
      pollingModerator.emit('item:approve', { id: item.id }, resolve),
    );
    expect(ack.ok).toBe(true);
    expect((await shown).text).toBe('Over polling');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    pollingWall.close();
    pollingModerator.close();
  });
});

describe('two moderators', () => {
  it('lets the first action win and tells the second', async () => {
    const second = moderationClient(server.url, await login(server.url));
    await connected(second);
    await new Promise((resolve) => second.emit('queue:snapshot', { event: 'town-hall' }, resolve));
    const queued = nextEvent<Item>(moderator, 'item:new');
    await submit(server.url, 'town-hall', { message: 'Who gets it?' });
    const item = await queued;
    const seenBySecond = nextEvent<ModerationNotice>(second, 'item:moderated');

    const [approve, reject] = await Promise.all([
      act('approve', item.id, 'pending'),
      new Promise<Response<Item>>((resolve) =>
        second.emit('item:reject', { id: item.id, expected: 'pending' }, resolve),
      ),
    ]);
    second.close();
    expect(approve.ok).toBe(true);
    expect(reject).toMatchObject({ ok: false, code: 'conflict' });
    expect(!reject.ok && reject.message).toMatch(/approved by admin/);
    expect(await seenBySecond).toMatchObject({ by: 'admin', after: 'approved' });
  });

  it('answers a malformed request with a bad_request ack and an unknown item with not_found', async () => {
    const bad = await new Promise<Response<Item>>((resolve) =>
      moderator.emit('item:approve', { id: 'x' } as unknown as { id: number }, resolve),
    );
    expect(bad).toMatchObject({ ok: false, code: 'bad_request' });
    expect(await act('approve', 999_999)).toMatchObject({ ok: false, code: 'not_found' });
  });
});

describe('consoles following an event', () => {
  it('get new items and counts, and an event nobody follows costs no broadcast', async () => {
    const namespace = server.app.realtime.io.of('/moderation');
    moderator.close();
    await vi.waitFor(() => expect(namespace.sockets.size).toBe(0));
    const broadcast = vi.spyOn(namespace.adapter, 'broadcast');
    expect((await submit(server.url, 'town-hall', { message: 'Nobody is watching' })).status).toBe(202);
    expect((await server.app.store.items.queue('town-hall', 'pending', 10)).items).toHaveLength(1);
    // socket.io encodes a broadcast before it looks for receivers: no item broadcast at all.
    const sent = broadcast.mock.calls.map(([packet]) => (packet.data as unknown[])[0]);
    expect(sent).not.toContain('item:new');

    const returning = moderationClient(server.url, await login(server.url));
    await connected(returning);
    const snapshot = await new Promise<Response<QueueSnapshot>>((resolve) =>
      returning.emit('queue:snapshot', { event: 'town-hall' }, resolve),
    );
    expect(snapshot.ok && snapshot.data.counts.pending).toBe(1);
    const queued = nextEvent<Item>(returning, 'item:new');
    const counted = nextEvent<{ counts: StatusCounts }>(returning, 'queue:counts');
    await submit(server.url, 'town-hall', { message: 'Someone is back' });
    expect((await queued).text).toBe('Someone is back');
    expect((await counted).counts.pending).toBe(2);
    returning.close();
  });
});
