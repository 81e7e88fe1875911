/**
 * socket.io on the HTTP server: the public `/wall` namespace and the `/moderation` namespace. This module is
 * the only one that emits to clients; the rest of the server talks to it through the Notifier.
 */
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { parse as parseCookie } from 'cookie';
import { Server } from 'socket.io';
import type { Item } from '../protocol/items.js';
import type { ModerationNotice } from '../protocol/socket.js';
import type { Announcement, WallSettings } from '../protocol/event.js';
import type { EventRegistry } from '../events/registry.js';
import type { CatalogChange } from '../events/catalog.js';
import type { Store } from '../store/index.js';
import { SESSION_COOKIE, type Sessions } from '../auth/sessions.js';
import type { OriginPolicy } from '../http/origin.js';
import type { ModerationActions } from '../moderation/actions.js';
import type { Accounts } from '../moderation/accounts.js';
import type { SourceManager } from '../sources/manager.js';
import type { SourceStatus } from '../sources/source.js';
import { createPresence } from './presence.js';
import { sourceHealth } from './moderation-requests.js';
import type { WallControl } from '../moderation/wall-control.js';
import type { Logger } from '../log.js';
import type { Notifier } from './notifier.js';
import { createWallSnapshots, setUpWallNamespace } from './wall.js';
import { setUpModerationNamespace } from './moderation.js';
import { isOnWall, toPublicItem } from '../store/public-item.js';
import { moderationRoom, wallRoom } from './rooms.js';
import { createClusterBus } from '../cluster/bus.js';

export interface RealtimeDeps {
  store: Store;
  events: EventRegistry;
  sessions: Sessions;
  /** Set after creation: these services need the notifier, and the notifier is made here. */
  services: () => { actions: ModerationActions; wallControl: WallControl; accounts: Accounts; sources: SourceManager };
  /** Which pages may open the console's socket (http/origin.ts). */
  origins: OriginPolicy;
  log: Logger;
  /**
   * Several nodes: a console may follow on another node, so this node's rooms do not tell who follows; and the
   * others are told what changed here (cluster/bus.ts).
   */
  clustered?: boolean;
}

/** Status counts are sent at most this often per event: a burst of items costs one count query, not one each. */
const COUNTS_INTERVAL_MS = 250;

export function createRealtime(httpServer: HttpServer, deps: RealtimeDeps) {
  const io = new Server(httpServer, {
    serveClient: false,
    // Payloads are small JSON; per-message deflate costs CPU per client on fan-out for little gain.
    perMessageDeflate: false,
    maxHttpBufferSize: 64 * 1024,
    allowRequest: (req, callback) => callback(null, handshakeAllowed(req, deps.origins)),
  });
  // Before the namespace's own session check: a page of another origin is told why, whatever its cookie.
  io.of('/moderation').use((socket, next) => {
    if (deps.origins.verdict(socket.request) !== 'foreign') return next();
    next(Object.assign(new Error('forbidden'), { data: { code: 'forbidden', message: FOREIGN_ORIGIN } }));
  });
  const snapshots = createWallSnapshots(deps.store, deps.events);
  const bus = createClusterBus(deps.clustered ? io : null, deps.log);
  const wall = setUpWallNamespace(io, snapshots, deps.events, deps.log);
  const presence = createPresence(io.of('/moderation'));
  const moderation = setUpModerationNamespace(io, {
    store: deps.store,
    events: deps.events,
    sessions: deps.sessions,
    log: deps.log,
    presence,
    get actions() {
      return deps.services().actions;
    },
    get wallControl() {
      return deps.services().wallControl;
    },
    get accounts() {
      return deps.services().accounts;
    },
    get sources() {
      return deps.services().sources;
    },
  });

  // Every console of the event follows a rule change, whoever made it (a colleague, an SMS opt-out).
  deps.events.ruleBook.onChange((rules) => {
    moderation.to(moderationRoom(rules.event)).emit('rules:changed', rules);
    bus.publish({ kind: 'rules', slug: rules.event });
  });

  /**
   * Whether a console follows the event. socket.io encodes a broadcast before it looks for receivers, so an
   * emit to an empty room still costs a full encode of the item (~10 µs at intake rates).
   */
  const consolesFollow = (event: string): boolean =>
    deps.clustered === true || (moderation.adapter.rooms.get(moderationRoom(event))?.size ?? 0) > 0;

  /**
   * A wall's snapshot is stale here, and on the other nodes, which are told once per event and tick however
   * many items changed; `refresh`: what this node keeps of the event (its wall settings, its announcement) changed
   * too, and they read it again.
   */
  const toTell = new Map<string, boolean>();
  function invalidate(event: string, refresh = false): void {
    snapshots.invalidate(event);
    if (!deps.clustered) return;
    if (!toTell.has(event))
      setImmediate(() => {
        const again = toTell.get(event) ?? false;
        toTell.delete(event);
        bus.publish({ kind: 'wall', slug: event, refresh: again });
      });
    toTell.set(event, (toTell.get(event) ?? false) || refresh);
  }
  bus.subscribe(async (news) => {
    if (news.kind === 'wall') {
      if (news.refresh) await deps.events.refresh(news.slug);
      snapshots.invalidate(news.slug);
    } else if (news.kind === 'rules') {
      await deps.events.ruleBook.load(news.slug);
    }
  });

  const pendingCounts = new Map<string, NodeJS.Timeout>();
  /** No console in the room, no count query: a console that enters gets the counts with its queue snapshot. */
  function scheduleCounts(event: string): void {
    if (pendingCounts.has(event) || !consolesFollow(event)) return;
    const timer = setTimeout(() => {
      pendingCounts.delete(event);
      deps.store.items.counts(event).then(
        (counts) => moderation.to(moderationRoom(event)).emit('queue:counts', { event, counts }),
        (error: unknown) => deps.log.error({ err: error, event }, 'queue counts could not be read'),
      );
    }, COUNTS_INTERVAL_MS);
    timer.unref();
    pendingCounts.set(event, timer);
  }

  /** Sends the event's walls a fresh snapshot, once it is read (a failure is logged; walls keep what they have). */
  function sendSnapshot(event: string): void {
    snapshots.get(event).then(
      (snapshot) => wall.to(wallRoom(event)).emit('wall:snapshot', snapshot),
      (error: unknown) => deps.log.error({ err: error, event }, 'wall snapshot failed'),
    );
  }

  /** Other consoles follow a colleague's wall changes. */
  function eventUpdated(event: string): void {
    moderation.to(moderationRoom(event)).emit('event:updated', deps.events.publicEvent(event));
  }

  function followOnWall(item: Item, wasShown: boolean): void {
    const room = wall.to(wallRoom(item.event));
    const isShown = isOnWall(item);
    if (wasShown || isShown) invalidate(item.event);
    // A paused wall takes nothing new; it gets a snapshot when it resumes. Hides still apply at once.
    if (isShown && !wasShown) {
      if (!deps.events.wallSettings(item.event).paused) room.emit('item:shown', toPublicItem(item));
    } else if (wasShown && !isShown) room.emit('item:hidden', { id: item.id });
    else if (wasShown && isShown) room.emit('item:updated', toPublicItem(item));
  }

  const notifier: Notifier = {
    itemReceived(item: Item): void {
      followOnWall(item, false);
      if (!consolesFollow(item.event)) return;
      moderation.to(moderationRoom(item.event)).emit('item:new', item);
      scheduleCounts(item.event);
    },
    itemModerated(notice: ModerationNotice): void {
      // The wall right after the moderator's acknowledgement (sent as the request handler returns, before the
      // next tick): writing to thousands of walls takes a while, and the moderator's next key press should not
      // wait for it. No other I/O runs in between, so the wall loses nothing. A star is the team's business only.
      if (notice.action !== 'star' && notice.action !== 'unstar') {
        process.nextTick(() => followOnWall(notice.item, notice.wasOnWall));
      }
      moderation.to(moderationRoom(notice.item.event)).emit('item:moderated', notice);
      scheduleCounts(notice.item.event);
    },
    wallSettings(event: string, settings: WallSettings, options = {}): void {
      invalidate(event, true);
      wall.to(wallRoom(event)).emit('wall:settings', settings);
      // Items approved during a pause were not shown: a snapshot brings every wall up to date at once.
      if (options.resynchronise) sendSnapshot(event);
      eventUpdated(event);
    },
    itemSpotlight(item: Item): void {
      wall.to(wallRoom(item.event)).emit('wall:spotlight', toPublicItem(item));
    },
    wallAnnouncement(event: string, announcement: Announcement | null): void {
      invalidate(event, true);
      wall.to(wallRoom(event)).emit('wall:announcement', announcement);
      eventUpdated(event);
    },
  };

  /**
   * An admin changed an event (or the file did): every console gets the new list of live events; the event's
   * walls get a fresh snapshot (title, hashtags, layout, theme), or are told the event ended.
   */
  function eventChanged(event: string, change: CatalogChange): void {
    moderation.emit('events:changed', deps.events.slugs().map(deps.events.publicEvent));
    snapshots.invalidate(event);
    if (change === 'archived') {
      wall.to(wallRoom(event)).emit('wall:ended');
      return;
    }
    if (!deps.events.has(event)) return;
    sendSnapshot(event);
    eventUpdated(event);
  }

  /**
   * The public address changed: every wall gets a snapshot with the new address and QR code, every console the
   * events again (and reads the address anew).
   */
  function publicAddressChanged(): void {
    moderation.emit('events:changed', deps.events.slugs().map(deps.events.publicEvent));
    for (const event of deps.events.slugs()) {
      snapshots.invalidate(event);
      sendSnapshot(event);
      eventUpdated(event);
    }
  }

  /** States reach the consoles in the order they changed, each once its items per minute are counted. */
  let statusesSent: Promise<void> = Promise.resolve();
  /** A source changed state: consoles of its event see it at once. */
  function sourceStatus(status: SourceStatus): void {
    statusesSent = statusesSent
      .then(() => sourceHealth(deps.store, [status], status.event))
      .then(
        ([health]) => {
          if (health) moderation.to(moderationRoom(status.event)).emit('source:status', health);
        },
        (error: unknown) => deps.log.error({ err: error, source: status.id }, 'source state could not be sent'),
      );
  }

  return {
    io,
    /** Tells the other nodes, and hears from them (nothing to tell with one process). */
    bus,
    /** Another node changed the event: the snapshot this node keeps of it is stale (its clients were told). */
    forget: (slug: string): void => snapshots.invalidate(slug),
    notifier,
    sourceStatus,
    eventChanged,
    publicAddressChanged,
    presence,
    /** Disconnects every client and stops accepting new ones. */
    async close(): Promise<void> {
      for (const timer of pendingCounts.values()) clearTimeout(timer);
      pendingCounts.clear();
      await io.close();
    },
  };
}

export type Realtime = ReturnType<typeof createRealtime>;

const FOREIGN_ORIGIN = 'The console opens only from pages of this server’s own address.';

/**
 * A handshake from a page of another origin that carries a moderator's session cookie is refused outright (403):
 * SameSite=Strict lets a page on another port or subdomain of the same site send the cookie, and a WebSocket has no
 * CORS to stop it. Without the cookie such a page may still follow a wall: `/wall` is public and read-only, and
 * shows other sites nothing they cannot read in the public API; `/moderation` refuses it (above).
 */
function handshakeAllowed(req: IncomingMessage, origins: OriginPolicy): boolean {
  if (origins.verdict(req) !== 'foreign') return true;
  const cookies = req.headers.cookie;
  return !cookies || parseCookie(cookies)[SESSION_COOKIE] === undefined;
}
