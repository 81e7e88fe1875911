/** Walls share one cached snapshot per event; every change they are told about must drop it at once. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Item } from '../../server/protocol/items.js';
import type { WallSnapshot } from '../../server/protocol/socket.js';
import { startServer, type TestServer } from './helpers/server.js';
import { nextEvent, submit, wallClient } from './helpers/clients.js';
import { signedIn, type ModeratorClient } from './helpers/moderation.js';

let server: TestServer;
let moderator: ModeratorClient;

beforeEach(async () => {
  server = await startServer();
  moderator = await signedIn(server.url);
});

afterEach(async () => {
  moderator?.close();
  await server?.close();
});

async function freshSnapshot(): Promise<WallSnapshot> {
  const wall = wallClient(server.url, 'town-hall');
  try {
    return await nextEvent<WallSnapshot>(wall, 'wall:snapshot');
  } finally {
    wall.close();
  }
}

describe('wall snapshots', () => {
  it('follow approvals, hides, pins and announcements at once, whatever was cached', async () => {
    const queued = nextEvent<Item>(moderator.socket, 'item:new');
    await moderator.ok('queue:snapshot', { event: 'town-hall' });
    await submit(server.url, 'town-hall', { message: 'Snapshot à jour ?' });
    const item = await queued;
    expect((await freshSnapshot()).items).toEqual([]); // cached now

    await moderator.ok('item:approve', { id: item.id });
    expect((await freshSnapshot()).items.map((shown) => shown.id)).toEqual([item.id]);

    await moderator.ok('item:pin', { id: item.id });
    expect((await freshSnapshot()).pinned.map((shown) => shown.id)).toEqual([item.id]);

    await moderator.ok('wall:announce', { event: 'town-hall', text: 'Pause de 10 minutes' });
    expect((await freshSnapshot()).event.announcement?.text).toBe('Pause de 10 minutes');

    await moderator.ok('item:hide', { id: item.id });
    const after = await freshSnapshot();
    expect(after.items).toEqual([]);
    expect(after.pinned).toEqual([]);
  });
});
