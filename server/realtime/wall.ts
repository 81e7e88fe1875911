/**
 * The public `/wall` namespace: one room per event. A client gets a snapshot on every connection (a reconnect
 * included, so it resynchronises instead of replaying), then only approved items.
 */
import type { Namespace, Server } from 'socket.io';
import type { WallClientToServer, WallHandshake, WallServerToClient, WallSnapshot } from '../protocol/socket.js';
import type { EventRegistry } from '../events/registry.js';
import type { Store } from '../store/index.js';
import type { Logger } from '../log.js';
import { wallRoom } from './rooms.js';

export type WallNamespace = Namespace<WallClientToServer, WallServerToClient>;

/** Enough to fill a 4K mosaic twice over; older items come from the HTTP API. */
export const WALL_SNAPSHOT_SIZE = 60;

export async function wallSnapshot(store: Store, events: EventRegistry, slug: string): Promise<WallSnapshot> {
  const [feed, pinned] = await Promise.all([store.items.feed(slug, WALL_SNAPSHOT_SIZE), store.items.pinned(slug)]);
  return { event: events.publicEvent(slug), items: feed.items, pinned };
}

/** A snapshot is rebuilt at least this often, whatever happens: a safety net under the invalidations. */
const SNAPSHOT_MAX_AGE_MS = 2000;

/**
 * The snapshot each connecting wall gets, kept per event until something on the wall changes: when every screen
 * and phone reconnects at once (a server restart, the venue's Wi-Fi coming back) the feed is read once, not once
 * per client. The notifier drops it on every change it sends to walls. The promise is kept, so walls that come
 * while it is being read share that read; a read that fails is not kept.
 */
export function createWallSnapshots(store: Store, events: EventRegistry, now: () => number = Date.now) {
  const kept = new Map<string, { snapshot: Promise<WallSnapshot>; at: number }>();
  return {
    get(slug: string): Promise<WallSnapshot> {
      const entry = kept.get(slug);
      if (entry && now() - entry.at < SNAPSHOT_MAX_AGE_MS) return entry.snapshot;
      const snapshot = wallSnapshot(store, events, slug);
      const read = { snapshot, at: now() };
      kept.set(slug, read);
      snapshot.catch(() => {
        if (kept.get(slug) === read) kept.delete(slug);
      });
      return snapshot;
    },
    invalidate(slug: string): void {
      kept.delete(slug);
    },
  };
}

export type WallSnapshots = ReturnType<typeof createWallSnapshots>;

export function setUpWallNamespace(
  io: Server,
  snapshots: WallSnapshots,
  events: EventRegistry,
  log: Logger,
): WallNamespace {
  const wall: WallNamespace = io.of('/wall');
  wall.on('connection', async (socket) => {
    const requested = (socket.handshake.auth as WallHandshake | undefined)?.event;
    const slug = typeof requested === 'string' && requested !== '' ? requested : events.defaultSlug();
    if (events.exists(slug) && !events.has(slug)) {
      // Archived: the screen says so, and waits in the room in case the event is restored.
      void socket.join(wallRoom(slug));
      socket.emit('wall:ended');
      return;
    }
    if (!events.has(slug)) {
      socket.emit('wall:error', { code: 'not_found', message: `No event "${slug}".` });
      socket.disconnect(true);
      return;
    }
    void socket.join(wallRoom(slug));
    try {
      socket.emit('wall:snapshot', await snapshots.get(slug));
    } catch (error) {
      log.error({ err: error, event: slug }, 'wall snapshot failed');
      socket.emit('wall:error', { code: 'internal', message: 'The wall could not be loaded; retrying.' });
      socket.disconnect(true);
    }
  });
  return wall;
}
