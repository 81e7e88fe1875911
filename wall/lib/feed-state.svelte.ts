/**
 * State of the web view for remote followers: approved items newest first, live, with older pages on demand.
 * Items arriving while the reader has scrolled down wait in `held` so the text they read does not move.
 */
import type { Announcement, PublicEvent } from '../../server/protocol/event.js';
import type { PublicItem } from '../../server/protocol/items.js';
import type { WallSnapshot } from '../../server/protocol/socket.js';
import { HttpError, fetchItems } from './api.js';
import { mergeItems, partitionNewer, reconcileSnapshot, removeItem, replaceItem, upsertItem } from './items.js';
import { openWallSocket } from './wall-socket.js';
import type { WallProblem } from './problem.js';

export const FEED_PAGE = 20;

/**
 * Past this many items the oldest are dropped and, since the page cursor is opaque, older pages can no longer be
 * asked for: a reader who kept the page open through that many messages reloads to go further back.
 */
export const FEED_CAP = 500;

export type OlderState = 'idle' | 'loading' | 'failed' | 'end';

export class FeedState {
  event = $state.raw<PublicEvent | null>(null);
  /** The moderators' message for the room, shown to remote followers too. */
  announcement = $state.raw<Announcement | null>(null);
  /** What the reader sees, newest first. */
  items = $state.raw<PublicItem[]>([]);
  /** New items waiting behind the "N new messages" button, newest first. */
  held = $state.raw<PublicItem[]>([]);
  /** The latest item that arrived live, for the screen reader announcement. */
  lastArrival = $state.raw<PublicItem | null>(null);
  connected = $state(false);
  problem = $state.raw<WallProblem | null>(null);
  older = $state<OlderState>('idle');

  #slug = '';
  /** Cursor for the next older page: null at the end, undefined until the first page is read. */
  #next: string | null | undefined = undefined;
  #atTop = true;
  #close: (() => void) | null = null;

  start(slug: string): void {
    this.stop();
    this.#slug = slug;
    void this.#loadPage(undefined);
    this.#close = openWallSocket(slug, {
      connection: (connected) => (this.connected = connected),
      refused: (message) => (this.problem = { code: 'refused', message }),
      'wall:snapshot': (snapshot) => this.#applySnapshot(snapshot),
      'item:shown': (item) => this.#arrive(item),
      'item:hidden': ({ id }) => this.#hide(id),
      'item:updated': (item) => this.#update(item),
      'wall:settings': (settings) => {
        if (this.event) this.event = { ...this.event, wall: settings };
      },
      'wall:announcement': (announcement) => (this.announcement = announcement),
      'wall:error': (error) => (this.problem = error),
      'wall:ended': () => {
        this.event = null;
        this.items = [];
        this.held = [];
        this.problem = { code: 'ended' };
      },
    });
  }

  stop(): void {
    this.#close?.();
    this.#close = null;
    this.connected = false;
  }

  /** The reader's scroll position: at the top, new items go in directly and held ones are let in. */
  setAtTop(atTop: boolean): void {
    this.#atTop = atTop;
    if (atTop) this.showHeld();
  }

  showHeld(): void {
    if (this.held.length === 0) return;
    this.#setItems(mergeItems(this.items, this.held));
    this.held = [];
  }

  /** Loads the page before the oldest item shown (the first page first, if it failed at start). */
  async loadOlder(): Promise<void> {
    if (this.older === 'loading' || this.older === 'end') return;
    if (this.#next === undefined) await this.#loadPage(undefined);
    if (typeof this.#next === 'string') await this.#loadPage(this.#next);
  }

  async #loadPage(before: string | undefined): Promise<void> {
    this.older = 'loading';
    try {
      const page = await fetchItems(this.#slug, { before: before ?? null, limit: FEED_PAGE });
      this.#next = page.next;
      this.#setItems(mergeItems(this.items, page.items));
      this.older = page.next === null ? 'end' : 'idle';
    } catch (error) {
      this.older = 'failed';
      if (error instanceof HttpError && error.status === 404) this.problem = { code: 'not_found' };
    }
  }

  /** The snapshot is the truth for what it covers; what is newer than the reader's top waits if they scrolled. */
  #applySnapshot(snapshot: WallSnapshot): void {
    this.event = snapshot.event;
    this.announcement = snapshot.event.announcement;
    this.problem = null;
    const all = reconcileSnapshot([...this.held, ...this.items], snapshot.items);
    const { newer, rest } = this.#atTop ? { newer: [], rest: all } : partitionNewer(all, this.items[0]);
    this.held = newer;
    this.#setItems(rest);
  }

  #arrive(item: PublicItem): void {
    this.lastArrival = item;
    if (this.#atTop) this.#setItems(upsertItem(this.items, item));
    else this.held = upsertItem(this.held, item, FEED_CAP);
  }

  #hide(id: number): void {
    this.items = removeItem(this.items, id);
    this.held = removeItem(this.held, id);
  }

  #update(item: PublicItem): void {
    this.items = replaceItem(this.items, item);
    this.held = replaceItem(this.held, item);
  }

  #setItems(items: PublicItem[]): void {
    if (items.length > FEED_CAP) {
      this.#next = null;
      this.older = 'end';
    }
    this.items = items.slice(0, FEED_CAP);
  }
}
