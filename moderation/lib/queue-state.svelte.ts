/**
 * The queue: one list per status kept live, the open tab, filters, selection, bulk selection and the paused
 * view (the actions on items are in queue-actions.svelte.ts). The lists only change from what the server
 * sends (pages, acks, `item:new`, `item:moderated`), never on a guess.
 */
import type { Item, ItemStatus, SourceKind } from '../../server/protocol/items.js';
import type { ModerationNotice, StatusCounts } from '../../server/protocol/socket.js';
import type { ConsoleLink } from './link.js';
import { dropFrozen, heldItems, isDeparted, updateFrozen, withPage } from './live.js';
import {
  NO_FILTER,
  QUEUE_PAGE,
  appendPage,
  displayCompare,
  displayOrder,
  emptyLists,
  insertSorted,
  noCursors,
  placeItem,
  setList,
  zeroCounts,
  type Cursors,
  type QueueFilter,
  type QueueLists,
} from './queue.js';
import { NO_IDS, bulkTargets, moveSelection, resolveSelection, toggleId } from './selection.js';

/** Typing in the search box waits this long after the last key before asking the server. */
export const SEARCH_DEBOUNCE_MS = 300;
/** After a conflict, the other moderator's notice should arrive within this; otherwise the tab reloads. */
const CONFLICT_RECHECK_MS = 1500;

export class QueueState {
  tab = $state<ItemStatus>('pending');
  lists = $state.raw<QueueLists>(emptyLists());
  counts = $state.raw<StatusCounts>(zeroCounts());
  cursors = $state.raw<Cursors>(noCursors());
  filter = $state.raw<QueueFilter>(NO_FILTER);
  /** The search box as typed; `filter.search` follows it after a pause. */
  searchText = $state('');
  newestFirst = $state(false);
  /** The rows on screen while the live list is paused; null when live. */
  frozen = $state.raw<Item[] | null>(null);
  bulk = $state.raw<ReadonlySet<number>>(NO_IDS);

  #wanted = $state.raw<Item | null>(null);
  #loads = $state(0);
  /** Bumped whenever what is listed changes meaning (tab, filter, event): older pages are dropped. */
  #generation = 0;
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #link: ConsoleLink;

  readonly loading: boolean = $derived(this.#loads > 0);
  readonly paused: boolean = $derived(this.frozen !== null);
  readonly compare = $derived(displayCompare(this.tab, this.newestFirst));
  /** The open tab's items as they are now, in display order. */
  readonly live: Item[] = $derived(displayOrder(this.lists[this.tab], this.tab, this.newestFirst));
  /** The rows shown: the live list, or the frozen one while paused. */
  readonly rows: Item[] = $derived(this.frozen ?? this.live);
  /** New items waiting behind the "N new" button while paused. */
  readonly held: Item[] = $derived(this.frozen ? heldItems(this.live, this.frozen) : []);
  readonly selected: Item | null = $derived(resolveSelection(this.rows, this.#wanted, this.compare));
  readonly bulkItems: Item[] = $derived(bulkTargets(this.rows, this.bulk));
  readonly hasMore: boolean = $derived(this.cursors[this.tab] !== null);

  constructor(link: ConsoleLink) {
    this.#link = link;
  }

  /** A row someone else moved out of the open tab while the list was paused: shown, but not actionable. */
  isDeparted(item: Item): boolean {
    return this.frozen !== null && isDeparted(item, this.tab, this.filter);
  }

  /** Fetches the first page of the open tab (or the next one with `more`). */
  async load(more = false): Promise<void> {
    const slug = this.#link.slug;
    const cursor = more ? this.cursors[this.tab] : null;
    if (slug === null || (more && cursor === null)) return;
    const { tab: status, filter } = this;
    const generation = this.#generation;
    this.#loads += 1;
    const answer = await this.#link.request('queue:snapshot', {
      event: slug,
      status,
      limit: QUEUE_PAGE,
      ...(cursor ? { cursor } : {}),
      ...(filter.source ? { source: filter.source } : {}),
      ...(filter.search ? { search: filter.search } : {}),
      ...(filter.starred ? { starred: true } : {}),
    });
    this.#loads -= 1;
    if (generation !== this.#generation || slug !== this.#link.slug) return;
    if (!answer.ok) return this.#link.fail(answer);
    const { items, counts, next, event } = answer.data;
    this.counts = counts;
    this.#link.updateEvent(event);
    this.lists = cursor ? appendPage(this.lists, status, items) : setList(this.lists, status, items);
    this.cursors = { ...this.cursors, [status]: next };
    if (this.frozen) this.frozen = cursor ? withPage(this.frozen, this.live, items) : this.live;
    this.#link.refocus();
  }

  selectTab(status: ItemStatus): void {
    this.#generation += 1;
    this.tab = status;
    this.#wanted = null;
    this.bulk = NO_IDS;
    if (this.frozen) this.frozen = this.live;
    void this.load();
  }

  setSource(source: SourceKind | null): void {
    this.#setFilter({ ...this.filter, source });
  }

  setStarred(starred: boolean): void {
    this.#setFilter({ ...this.filter, starred });
  }

  /** The search box changed: the server is asked once typing pauses. */
  setSearch(text: string): void {
    this.searchText = text;
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => {
      if (text.trim() !== this.filter.search) this.#setFilter({ ...this.filter, search: text.trim() });
    }, SEARCH_DEBOUNCE_MS);
  }

  clearFilters(): void {
    clearTimeout(this.#searchTimer);
    this.searchText = '';
    this.#setFilter(NO_FILTER);
  }

  setNewestFirst(on: boolean): void {
    this.newestFirst = on;
    if (this.frozen && this.tab === 'pending') this.frozen = this.frozen.toReversed();
  }

  /** Pausing freezes the rows as they are; resuming shows the live list again. */
  setPaused(on: boolean): void {
    this.frozen = on ? this.rows : null;
  }

  /** Brings the held new items in (and lets departed rows go) without unpausing. */
  showHeld(): void {
    if (this.frozen) this.frozen = this.live;
  }

  select(item: Item | null): void {
    this.#wanted = item;
  }

  /** j/k: one row down or up; past the last row, the next page is fetched. */
  move(delta: number): Item | null {
    const target = moveSelection(this.rows, this.selected, delta);
    this.#wanted = target;
    if (delta > 0 && target && target.id === this.rows.at(-1)?.id && this.hasMore && !this.loading) {
      void this.load(true);
    }
    return target;
  }

  toggleBulk(item: Item): void {
    this.bulk = toggleId(this.bulk, item.id);
  }

  clearBulk(): void {
    this.bulk = NO_IDS;
  }

  onNew(item: Item): void {
    if (item.event !== this.#link.slug) return;
    this.#place(item);
  }

  /** Someone (maybe this moderator, in another tab) changed an item: file it and tell who did it. */
  onNotice(notice: ModerationNotice): void {
    if (notice.item.event !== this.#link.slug) return;
    this.#place(notice.item);
    if (notice.by !== this.#link.me?.name) {
      this.#link.toast(this.#link.t.notice(notice.by, notice.action, notice.item.author.name));
    }
  }

  onCounts(event: string, counts: StatusCounts): void {
    if (event === this.#link.slug) this.counts = counts;
  }

  /** Forgets everything listed (another event, signed out). */
  reset(): void {
    this.#generation += 1;
    clearTimeout(this.#searchTimer);
    this.lists = emptyLists();
    this.counts = zeroCounts();
    this.cursors = noCursors();
    this.frozen = this.frozen ? [] : null;
    this.bulk = NO_IDS;
    this.#wanted = null;
  }

  #setFilter(filter: QueueFilter): void {
    this.filter = filter;
    this.#generation += 1;
    this.lists = emptyLists();
    this.cursors = noCursors();
    this.#wanted = null;
    this.bulk = NO_IDS;
    if (this.frozen) this.frozen = [];
    void this.load();
  }

  #place(item: Item): void {
    // A selection nobody chose yet is the first row: pinned before a row can go in above it (newest first), so
    // the key a moderator presses now acts on the row they are reading, not on one that has just arrived.
    this.#wanted ??= this.selected;
    this.lists = placeItem(this.lists, item, {
      filter: this.filter,
      cursors: this.cursors,
      keepNewest: this.newestFirst,
    });
    if (this.frozen) this.frozen = updateFrozen(this.frozen, item);
  }

  /** The moderator's own change: unlike others', it takes the row out of a paused list too. */
  placeOwn(item: Item): void {
    this.#place(item);
    if (this.frozen && isDeparted(item, this.tab, this.filter)) this.frozen = dropFrozen(this.frozen, item.id);
    // Working through a long queue: the next page comes before the loaded rows run out.
    if (this.hasMore && !this.loading && this.rows.length < QUEUE_PAGE / 4) void this.load(true);
  }

  /** An undone item back in the open tab: shown (even while paused) and selected. */
  restore(item: Item): void {
    if (item.status !== this.tab) return;
    if (this.frozen && !this.frozen.some((row) => row.id === item.id)) {
      this.frozen = insertSorted(this.frozen, item, this.compare);
    }
    this.#wanted = item;
  }

  /** What failed in a bulk action stays selected, to be looked at (each failure was already explained). */
  keepBulk(ids: ReadonlySet<number>): void {
    this.bulk = ids;
  }

  /**
   * A conflict means another moderator acted first; their notice normally moves the item at once. If it has
   * not (a notice lost while reconnecting), the tab is fetched again so nothing stale stays actionable.
   */
  recheckAfterConflict(item: Item): void {
    const generation = this.#generation;
    setTimeout(() => {
      if (generation !== this.#generation) return;
      if (this.lists[item.status].includes(item)) void this.load();
    }, CONFLICT_RECHECK_MS);
  }
}
