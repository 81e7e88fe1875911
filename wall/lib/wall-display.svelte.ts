/**
 * What the wall shows at each moment, for the layout in use: the mosaic's cards, the spotlight's item and what
 * comes next, the ticker's strip. It follows `WallState`'s arrivals and removals and runs one timer (plus the
 * ticker's animation frames); the decisions themselves are the pure reducers of `mosaic.ts`, `spotlight.ts` and
 * `ticker.ts`. A paused wall freezes where it is.
 */
import type { PublicItem } from '../../server/protocol/items.js';
import { displayImages, mergeItems } from './items.js';
import { pinnedSlots, type MosaicGrid } from './layout.js';
import { chooseSpan, packCards, type CardFonts, type ChosenSpan, type Placement } from './mosaic-pack.js';
import { readingMs } from './reading.js';
import { mosaicArrive, mosaicFill, mosaicStart, mosaicTick, type MosaicState } from './mosaic.js';
import { SPOTLIGHT_START, spotlightArrive, spotlightTick, spotlightUpNext, type SpotlightState } from './spotlight.js';
import { measureText } from './text-fit.js';
import {
  TICKER_START,
  tickerArrive,
  tickerMeasure,
  tickerRemove,
  tickerStep,
  type TickerEntry,
  type TickerState,
} from './ticker.js';
import type { WallState } from './wall-state.svelte.js';

/** `ticker-static`: the ticker for people who asked for reduced motion, one item at a time, no crawl. */
export type DisplayMode = 'mosaic' | 'spotlight' | 'ticker' | 'ticker-static';

/** How often the mosaic and spotlight timers are checked. */
export const TICK_MS = 1_000;

export interface TickerView {
  key: number;
  item: PublicItem;
}

export class WallDisplay {
  // The derived fields below read these lazily, once the constructor has run.
  readonly #wall: WallState;
  readonly #now: () => number;

  mode = $state<DisplayMode>('mosaic');
  /** The mosaic's grid and type sizes, which decide each card's size; null until measured. */
  #grid = $state.raw<{ grid: MosaicGrid; fonts: CardFonts } | null>(null);
  /** Smallest cards the mosaic grid holds, as measured by the layout; 0 until then. */
  readonly capacity: number = $derived(this.#grid?.grid.capacity ?? 0);
  /** Each item's card size on the current grid (items are replaced, never changed, when edited). */
  #spans = new WeakMap<PublicItem, ChosenSpan>();
  /** "Up next" cards the spotlight column holds. */
  upNextSize = $state(3);
  /** The ticker strip's position, in pixels from the crawl's left edge. */
  tickerOffset = $state(0);

  #mosaic = $state.raw<MosaicState>(mosaicStart(0));
  #spotlight = $state.raw<SpotlightState>(SPOTLIGHT_START);
  #tickerEntries = $state.raw<TickerEntry[]>([]);
  #ticker: TickerState = TICKER_START;

  /** Pinned items on screen: up to half the mosaic, one beside the spotlight or above the ticker. */
  readonly pinned: PublicItem[] = $derived.by(() => {
    const { pinned } = this.#wall;
    const count = this.mode === 'mosaic' ? pinnedSlots(this.capacity, pinned.length) : Math.min(1, pinned.length);
    return pinned.slice(0, count);
  });
  /** What the rotation draws from, newest first: everything held but the pinned items on screen. */
  readonly pool: PublicItem[] = $derived.by(() => {
    const shown = this.pinned.map((item) => item.id);
    return mergeItems(this.#wall.items, this.#wall.pinned).filter((item) => !shown.includes(item.id));
  });
  // A fresh map at each change, never mutated: nothing to make reactive inside it.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #byId: Map<number, PublicItem> = $derived(new Map(this.pool.map((item) => [item.id, item])));

  /** The mosaic's cards in reading order, pinned first. */
  readonly mosaic: PublicItem[] = $derived([...this.pinned, ...this.#items(this.#mosaic.slots.map((slot) => slot.id))]);
  /** Where each mosaic card goes and how many cells it takes, by item id. */
  readonly placements: Map<number, Placement & { paged: boolean }> = $derived.by(() => {
    const placed = this.#pack(this.mosaic);
    // A fresh map at each change, never mutated.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    return new Map(placed.map((placement, index) => [this.mosaic[index]!.id, placement]));
  });
  /** The item shown large: a featured one while it lasts, else the spotlight's current item. */
  readonly current: PublicItem | null = $derived.by(() => {
    const { current } = this.#spotlight;
    return this.#wall.featured ?? (current === null ? null : (this.#byId.get(current) ?? null));
  });
  /** The next items of the spotlight, in the order they will come up. */
  readonly upNext: PublicItem[] = $derived(
    this.#items(spotlightUpNext(this.#spotlight, this.pool, this.upNextSize).filter((id) => id !== this.current?.id)),
  );
  readonly ticker: TickerView[] = $derived(
    this.#tickerEntries.flatMap((entry) => {
      const item = this.#byId.get(entry.id);
      return item ? [{ key: entry.key, item }] : [];
    }),
  );

  constructor(wall: WallState, now: () => number = Date.now) {
    this.#wall = wall;
    this.#now = now;
  }

  /** Follows the wall and starts the timer; returns the function that stops both. */
  start(): () => void {
    const unsubscribe = this.#wall.subscribe({
      arrived: (item) => this.#arrived(item),
      removed: (id) => this.#removed(id),
      refreshed: () => this.tick(),
    });
    const timer = setInterval(() => this.tick(), TICK_MS);
    return () => {
      clearInterval(timer);
      unsubscribe();
    };
  }

  setMode(mode: DisplayMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    this.#mosaic = mosaicStart(this.#now());
    this.#spotlight = SPOTLIGHT_START;
    this.#setTicker(TICKER_START);
    this.tick();
  }

  /** The mosaic's measured grid (null while it has no size) and type sizes. */
  setMosaicGrid(grid: MosaicGrid | null, fonts: CardFonts): void {
    const next = grid === null ? null : { grid, fonts };
    // The layout measures on every resize: only a real change of the grid or the type re-sizes the cards.
    if (JSON.stringify(next) === JSON.stringify(this.#grid)) return;
    this.#grid = next;
    this.#spans = new WeakMap();
    this.tick();
  }

  setUpNextSize(count: number): void {
    this.upNextSize = count;
  }

  /** Checks the mosaic's and the spotlight's timers; also called at once after any change. */
  tick(): void {
    if (this.#wall.paused) return;
    const now = this.#now();
    if (this.mode === 'mosaic') {
      if (this.capacity === 0) return;
      const filled = mosaicFill(this.#mosaic, this.pool, this.#fit, now);
      const { state, wrapped } = mosaicTick(filled, this.pool, now, undefined, (id) => this.#readMs(id));
      this.#mosaic = state;
      if (wrapped) void this.#wall.loadOlder();
    } else if (this.mode === 'spotlight' || this.mode === 'ticker-static') {
      if (this.#wall.featured) {
        // Frozen under a featured item, and due as soon as it ends.
        this.#spotlight = { ...this.#spotlight, since: now - this.#spotlight.dwell };
        return;
      }
      const { state, wrapped } = spotlightTick(this.#spotlight, this.pool, now, (id) => this.#readMs(id));
      this.#spotlight = state;
      if (wrapped) void this.#wall.loadOlder();
    }
  }

  /** One animation frame of the ticker's crawl. */
  frame(elapsedMs: number, viewport: number, speed: number): void {
    if (this.mode !== 'ticker' || this.#wall.paused || viewport <= 0) return;
    const { state, wrapped } = tickerStep(this.#ticker, { elapsedMs, speed, viewport, pool: this.pool });
    this.#setTicker(state);
    if (wrapped) void this.#wall.loadOlder();
  }

  /** The drawn width of a ticker entry, which the crawl needs before it appends the next. */
  measure(key: number, width: number): void {
    this.#setTicker(tickerMeasure(this.#ticker, key, width));
  }

  #arrived(item: PublicItem): void {
    if (this.pinned.some((pinned) => pinned.id === item.id)) return;
    if (this.mode === 'mosaic') {
      this.#mosaic = mosaicArrive(this.#mosaic, item.id, this.#fit, this.#now());
    } else if (this.mode === 'ticker') {
      this.#setTicker(tickerArrive(this.#ticker, item.id));
    } else {
      this.#spotlight = spotlightArrive(this.#spotlight, item.id);
      this.tick();
    }
  }

  #removed(id: number): void {
    if (this.mode === 'ticker') this.#setTicker(tickerRemove(this.#ticker, id));
    else this.tick();
  }

  /** How many of the leading `ids` fit the mosaic after the pinned cards. */
  readonly #fit = (ids: readonly number[]): number => {
    const items = [...this.pinned, ...this.#items(ids)];
    return Math.max(0, this.#pack(items).length - this.pinned.length);
  };

  #pack(items: readonly PublicItem[]): Array<Placement & { paged: boolean }> {
    const measured = this.#grid;
    if (measured === null) return [];
    const spans = items.map((item) => this.#spanOf(item, measured.grid, measured.fonts));
    return packCards(
      spans.map((span) => span.options),
      measured.grid,
    ).map((placement, index) => ({ ...placement, paged: spans[index]!.paged }));
  }

  #spanOf(item: PublicItem, grid: MosaicGrid, fonts: CardFonts): ChosenSpan {
    let span = this.#spans.get(item);
    if (!span) {
      const content = {
        text: measureText(item.text),
        hasImage: displayImages(item.media).length > 0,
        hasText: item.text.trim() !== '',
      };
      span = chooseSpan(content, grid, fonts);
      this.#spans.set(item, span);
    }
    return span;
  }

  /** A card stays up at least this long once shown: time to read it. */
  #readMs(id: number): number {
    const item = this.#byId.get(id);
    return item ? readingMs(item.text) : 0;
  }

  #setTicker(state: TickerState): void {
    if (state.entries !== this.#ticker.entries) this.#tickerEntries = state.entries;
    this.#ticker = state;
    this.tickerOffset = state.offset;
  }

  #items(ids: readonly number[]): PublicItem[] {
    return ids.flatMap((id) => {
      const item = this.#byId.get(id);
      return item ? [item] : [];
    });
  }
}
