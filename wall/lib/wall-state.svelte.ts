/** State of the full-screen wall: the event, what it shows, and the live connection that keeps it current. */
import type { PublicEvent, WallSettings } from '../../server/protocol/event.js';
import type { PublicItem } from '../../server/protocol/items.js';
import type { WallSnapshot } from '../../server/protocol/socket.js';
import { fetchEvents } from './api.js';
import { WALL_CAP, reconcileSnapshot, removeItem, replaceItem, syncPinned, upsertItem, wallOrder } from './items.js';
import type { WallProblem } from './problem.js';
import { retryDelay, wait } from './retry.js';
import { openWallSocket } from './wall-socket.js';

export class WallState {
  event = $state.raw<PublicEvent | null>(null);
  /** Recent approved items, newest first, at most `WALL_CAP`. */
  items = $state.raw<PublicItem[]>([]);
  /** Pinned items, kept apart so the cap never pushes one off the wall. */
  pinned = $state.raw<PublicItem[]>([]);
  connected = $state(false);
  problem = $state.raw<WallProblem | null>(null);
  /** What the wall shows, in order: pinned first, then the newest. */
  readonly visible: PublicItem[] = $derived(wallOrder(this.pinned, this.items));

  #close: (() => void) | null = null;
  #abort = new AbortController();

  /** Connects to `slug`, or to the first event of `GET /api/events` when it is null (the `/` route). */
  async start(slug: string | null): Promise<void> {
    this.stop();
    const abort = new AbortController();
    this.#abort = abort;
    const resolved = slug ?? (await this.#defaultSlug(abort.signal));
    if (resolved === null || abort.signal.aborted) return;
    this.#close = openWallSocket(resolved, {
      connection: (connected) => (this.connected = connected),
      refused: (message) => (this.problem = { code: 'refused', message }),
      'wall:snapshot': (snapshot) => this.#applySnapshot(snapshot),
      'item:shown': (item) => this.#show(item),
      'item:hidden': ({ id }) => this.#hide(id),
      'item:updated': (item) => this.#update(item),
      'wall:settings': (settings) => this.#applySettings(settings),
      'wall:error': (error) => (this.problem = error),
    });
  }

  stop(): void {
    this.#abort.abort();
    this.#close?.();
    this.#close = null;
    this.connected = false;
  }

  /** On every (re)connect the snapshot replaces what was missed while offline. */
  #applySnapshot(snapshot: WallSnapshot): void {
    this.event = snapshot.event;
    this.items = reconcileSnapshot([], snapshot.items, WALL_CAP);
    this.pinned = snapshot.pinned;
    this.problem = null;
  }

  #show(item: PublicItem): void {
    // A paused wall keeps what it shows; the server may still send, the screen must not move.
    if (this.event?.wall.paused) return;
    this.items = upsertItem(this.items, item, WALL_CAP);
    if (item.pinned) this.pinned = syncPinned(this.pinned, item);
  }

  #hide(id: number): void {
    this.items = removeItem(this.items, id);
    this.pinned = removeItem(this.pinned, id);
  }

  #update(item: PublicItem): void {
    this.items = replaceItem(this.items, item);
    this.pinned = syncPinned(this.pinned, item);
  }

  #applySettings(settings: WallSettings): void {
    if (this.event) this.event = { ...this.event, wall: settings };
  }

  /** The default event; retries from a delay table while the API is unreachable or has no event yet. */
  async #defaultSlug(signal: AbortSignal): Promise<string | null> {
    for (let attempt = 0; !signal.aborted; attempt += 1) {
      try {
        const { events } = await fetchEvents(signal);
        const first = events[0];
        if (first) return first.slug;
        this.problem = { code: 'no_event' };
      } catch {
        if (signal.aborted) break;
        this.problem = { code: 'unreachable' };
      }
      await wait(retryDelay(attempt), signal);
    }
    return null;
  }
}
