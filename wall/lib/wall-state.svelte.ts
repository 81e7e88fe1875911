/**
 * State of the full-screen wall: the event, the approved items it holds, the moderators' announcement and
 * featured item, and the live connection that keeps them current. Items go through the picture preload before
 * they are held, so nothing on the wall ever waits for an image. What to show when is `WallDisplay`'s business.
 */
import type { Announcement, PublicEvent, WallSettings } from '../../server/protocol/event.js';
import type { PublicItem } from '../../server/protocol/items.js';
import type { WallSnapshot } from '../../server/protocol/socket.js';
import { fetchEvents, fetchItems } from './api.js';
import {
  RecentIds,
  WALL_CAP,
  mergeItems,
  newestFirst,
  reconcileSnapshot,
  removeItem,
  replaceItem,
  syncPinned,
  upsertItem,
} from './items.js';
import { ImagePreloader } from './preload.js';
import type { WallProblem } from './problem.js';
import { retryDelay, wait } from './retry.js';
import { openWallSocket } from './wall-socket.js';

/** How long an item a moderator put in the spotlight stays featured. */
export const FEATURE_MS = 15_000;
/** Items asked for per older page, when the wall wants more to cycle through. */
export const OLDER_PAGE = 100;
/** Hidden ids remembered, so a page fetched just before a hide cannot bring the item back. */
const HIDDEN_MEMORY = 1000;

/** What the display reacts to, besides the lists themselves. */
export interface WallEvents {
  /** An item arrived live (or, after a reconnect, appeared in the fresh snapshot), ready to show. */
  arrived(item: PublicItem): void;
  /** An item was hidden or unpublished. */
  removed(id: number): void;
  /** A snapshot replaced the lists (a connection, a reconnection, a resumed wall). */
  refreshed(): void;
}

export interface WallDeps {
  /** Loads a picture; true once it can be drawn, false when it failed. */
  loadImage(url: string): Promise<boolean>;
  now?: () => number;
}

export class WallState {
  event = $state.raw<PublicEvent | null>(null);
  /** Approved items held, newest first, at most `WALL_CAP`, pictures loaded. Pinned ones may be in it too. */
  items = $state.raw<PublicItem[]>([]);
  /** Pinned items, newest first, kept apart so the cap never drops one. */
  pinned = $state.raw<PublicItem[]>([]);
  announcement = $state.raw<Announcement | null>(null);
  /** An item a moderator put in the spotlight, shown large for `FEATURE_MS`. */
  featured = $state.raw<PublicItem | null>(null);
  connected = $state(false);
  problem = $state.raw<WallProblem | null>(null);
  readonly paused: boolean = $derived(this.event?.wall.paused ?? false);

  readonly #images: ImagePreloader;
  #listeners: Partial<WallEvents>[] = [];
  /** Live items waiting for their pictures, by id; removing one cancels its entry. Not reactive: bookkeeping. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #pending = new Map<number, PublicItem>();
  readonly #hidden = new RecentIds(HIDDEN_MEMORY);
  /** Live changes made while a snapshot's pictures load, replayed over it (null: hidden); null otherwise. */
  #during: Map<number, PublicItem | null> | null = null;
  #generation = 0;
  #synced = false;
  #slug: string | null = null;
  /** Cursor of the next older page: undefined before the first, null at the end. */
  #next: string | null | undefined = undefined;
  #olderLoading = false;
  #featureTimer: ReturnType<typeof setTimeout> | undefined;
  #close: (() => void) | null = null;
  #abort = new AbortController();

  constructor(deps: WallDeps) {
    this.#images = new ImagePreloader(deps.loadImage, deps.now);
  }

  /** Connects to `slug`, or to the first event of `GET /api/events` when it is null (the `/` route). */
  async start(slug: string | null): Promise<void> {
    this.stop();
    const abort = new AbortController();
    this.#abort = abort;
    const resolved = slug ?? (await this.#defaultSlug(abort.signal));
    if (resolved === null || abort.signal.aborted) return;
    this.#slug = resolved;
    this.#close = openWallSocket(resolved, {
      connection: (connected) => (this.connected = connected),
      refused: (message) => (this.problem = { code: 'refused', message }),
      'wall:snapshot': (snapshot) => void this.#applySnapshot(snapshot),
      'item:shown': (item) => void this.#show(item),
      'item:hidden': ({ id }) => this.#hide(id),
      'item:updated': (item) => void this.#update(item),
      'wall:settings': (settings) => this.#applySettings(settings),
      'wall:announcement': (announcement) => (this.announcement = announcement),
      'wall:spotlight': (item) => void this.#feature(item),
      'wall:error': (error) => (this.problem = error),
      'wall:ended': () => this.#end(),
    });
  }

  /** The event was archived: nothing of it stays on the screen, which says it has ended. */
  #end(): void {
    this.#generation += 1; // pictures still loading for it are dropped
    this.#pending.clear();
    clearTimeout(this.#featureTimer);
    this.event = null;
    this.items = [];
    this.pinned = [];
    this.featured = null;
    this.announcement = null;
    this.problem = { code: 'ended' };
  }

  stop(): void {
    this.#abort.abort();
    this.#close?.();
    this.#close = null;
    clearTimeout(this.#featureTimer);
    this.#generation += 1;
    this.#pending.clear();
    this.connected = false;
  }

  /** Tells `listener` about arrivals and removals; returns the function that stops it. */
  subscribe(listener: Partial<WallEvents>): () => void {
    this.#listeners = [...this.#listeners, listener];
    return () => (this.#listeners = this.#listeners.filter((other) => other !== listener));
  }

  /** Fetches an older page to cycle through, unless the wall holds all it may or there is none left. */
  async loadOlder(): Promise<void> {
    const slug = this.#slug;
    if (slug === null || this.#olderLoading || this.#next === null || this.items.length >= WALL_CAP) return;
    this.#olderLoading = true;
    const generation = this.#generation;
    try {
      const page = await fetchItems(slug, { before: this.#next ?? null, limit: OLDER_PAGE }, this.#abort.signal);
      this.#next = page.next;
      const fresh = page.items.filter((item) => !this.#hidden.has(item.id));
      await this.#images.prepare(fresh);
      if (generation === this.#generation) this.items = mergeItems(this.items, fresh.map(this.#ready), WALL_CAP);
    } catch {
      // The wall has enough to go on; the next round asks again.
    } finally {
      this.#olderLoading = false;
    }
  }

  /** On every (re)connect the snapshot replaces what was missed while offline; new items count as arrivals. */
  async #applySnapshot(snapshot: WallSnapshot): Promise<void> {
    const generation = (this.#generation += 1);
    this.event = snapshot.event;
    this.announcement = snapshot.event.announcement;
    this.problem = null;
    // Live items still loading their pictures are in the snapshot if they are still approved.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not shown
    this.#during = new Map();
    this.#pending.clear();
    for (const item of [...snapshot.items, ...snapshot.pinned]) this.#hidden.delete(item.id);
    await this.#images.prepare([...snapshot.items, ...snapshot.pinned]);
    if (generation !== this.#generation) return;
    const before = this.items;
    let items = reconcileSnapshot(before, snapshot.items.map(this.#ready), WALL_CAP);
    let pinned = snapshot.pinned.map(this.#ready);
    for (const [id, item] of this.#during ?? []) {
      if (item === null) {
        items = removeItem(items, id);
        pinned = removeItem(pinned, id);
      } else {
        items = upsertItem(items, item, WALL_CAP);
        pinned = syncPinned(pinned, item);
      }
    }
    this.#during = null;
    this.items = items;
    this.pinned = pinned;
    if (this.#synced && !this.paused) this.#announceNew(before, items);
    this.#synced = true;
    for (const listener of this.#listeners) listener.refreshed?.();
  }

  /** Items of a fresh snapshot newer than anything held before arrived while the wall was offline. */
  #announceNew(before: readonly PublicItem[], after: readonly PublicItem[]): void {
    const newest = before[0];
    const arrivals = after.filter(
      (item) => !before.some((known) => known.id === item.id) && (!newest || newestFirst(item, newest) < 0),
    );
    for (const item of arrivals.reverse()) this.#emitArrival(item);
  }

  async #show(item: PublicItem): Promise<void> {
    // A paused wall keeps what it shows; the server should not send, and the screen must not move if it does.
    if (this.paused) return;
    this.#hidden.delete(item.id);
    this.#pending.set(item.id, item);
    await this.#images.prepare([item]);
    const latest = this.#pending.get(item.id);
    if (!latest) return;
    this.#pending.delete(item.id);
    const ready = this.#ready(latest);
    this.#recordDuring(ready);
    this.items = upsertItem(this.items, ready, WALL_CAP);
    if (ready.pinned) this.pinned = syncPinned(this.pinned, ready);
    this.#emitArrival(ready);
  }

  #hide(id: number): void {
    this.#pending.delete(id);
    this.#hidden.add(id);
    this.#during?.set(id, null);
    this.items = removeItem(this.items, id);
    this.pinned = removeItem(this.pinned, id);
    if (this.featured?.id === id) this.#endFeature();
    for (const listener of this.#listeners) listener.removed?.(id);
  }

  async #update(item: PublicItem): Promise<void> {
    if (this.#pending.has(item.id)) {
      this.#pending.set(item.id, item);
      return;
    }
    await this.#images.prepare([item]);
    if (this.#hidden.has(item.id)) return;
    const ready = this.#ready(item);
    this.#recordDuring(ready);
    this.items = replaceItem(this.items, ready);
    this.pinned = syncPinned(this.pinned, ready);
    if (this.featured?.id === item.id) this.featured = ready;
  }

  #applySettings(settings: WallSettings): void {
    if (this.event) this.event = { ...this.event, wall: settings };
  }

  async #feature(item: PublicItem): Promise<void> {
    await this.#images.prepare([item]);
    if (this.#hidden.has(item.id)) return;
    clearTimeout(this.#featureTimer);
    this.featured = this.#ready(item);
    this.#featureTimer = setTimeout(() => this.#endFeature(), FEATURE_MS);
  }

  #endFeature(): void {
    clearTimeout(this.#featureTimer);
    this.featured = null;
  }

  #emitArrival(item: PublicItem): void {
    for (const listener of this.#listeners) listener.arrived?.(item);
  }

  /** Remembers a live change while a snapshot is being prepared, so the snapshot does not undo it. */
  #recordDuring(item: PublicItem): void {
    this.#during?.set(item.id, item);
  }

  readonly #ready = (item: PublicItem): PublicItem => this.#images.ready(item);

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
