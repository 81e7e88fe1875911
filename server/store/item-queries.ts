/** Read-only listings of items: the public feed, the moderation queue with its filters, counts. */
import type { Item, ItemStatus, PublicItem, SourceKind } from '../protocol/items.js';
import type { StatusCounts } from '../protocol/socket.js';
import { foldForMatch } from '../pipeline/text/fold.js';
import type { Db } from './db.js';
import { encodeCursor, type Cursor } from './cursor.js';
import type { ItemRow } from './item-rows.js';

/** On the wall: approved, or approved then edited with the edit waiting (matches the partial index items_on_wall). */
const ON_WALL = `(status = 'approved' OR (status = 'pending' AND approved_version IS NOT NULL))`;
const SELECT_FEED = `
SELECT * FROM items WHERE event = ? AND ${ON_WALL} AND (shown_at, id) < (?, ?)
ORDER BY shown_at DESC, id DESC LIMIT ?`;
const SELECT_PINNED = `
SELECT * FROM items WHERE event = ? AND ${ON_WALL} AND pinned = 1 ORDER BY shown_at DESC, id DESC LIMIT ?`;
/** Optional filters: a null parameter switches its condition off. `fold` is registered below. */
const QUEUE_FILTERS = `
  AND (@source IS NULL OR source = @source)
  AND (@starred IS NULL OR starred_by IS NOT NULL)
  AND (@search IS NULL OR instr(fold(text || ' ' || author_name || ' ' || coalesce(author_handle, '')), @search) > 0)`;
const SELECT_QUEUE_ASC = `
SELECT * FROM items WHERE event = @event AND status = @status AND (received_at, id) > (@at, @id) ${QUEUE_FILTERS}
ORDER BY received_at, id LIMIT @limit`;
const SELECT_QUEUE_DESC = `
SELECT * FROM items WHERE event = @event AND status = @status
  AND (coalesce(moderated_at, received_at), id) < (@at, @id) ${QUEUE_FILTERS}
ORDER BY coalesce(moderated_at, received_at) DESC, id DESC LIMIT @limit`;
const SELECT_PAGE = 'SELECT * FROM items WHERE event = ? AND id > ? ORDER BY id LIMIT ?';
const COUNT_BY_STATUS = 'SELECT status, count(*) AS n FROM items WHERE event = ? GROUP BY status';
const COUNT_RECENT_BY_SOURCE =
  'SELECT source, count(*) AS n FROM items WHERE event = ? AND received_at > ? GROUP BY source';

const MAX_TIME = Number.MAX_SAFE_INTEGER;
/** Rows read at a time by `all`. */
const PAGE_ROWS = 500;

export interface QueueFilter {
  source?: SourceKind;
  /** Matched case- and accent-insensitively against the text, the author's name and handle. */
  search?: string;
  starred?: boolean;
}

export function createItemQueries(db: Db, toItem: (row: ItemRow) => Item, toPublicItem: (row: ItemRow) => PublicItem) {
  db.function('fold', { deterministic: true }, (text: unknown) => foldForMatch(String(text ?? '')));
  type QueueParams = Record<string, string | number | null>;
  const statements = {
    feed: db.prepare<[string, number, number, number], ItemRow>(SELECT_FEED),
    pinned: db.prepare<[string, number], ItemRow>(SELECT_PINNED),
    queueAsc: db.prepare<QueueParams, ItemRow>(SELECT_QUEUE_ASC),
    queueDesc: db.prepare<QueueParams, ItemRow>(SELECT_QUEUE_DESC),
    page: db.prepare<[string, number, number], ItemRow>(SELECT_PAGE),
    counts: db.prepare<[string], { status: ItemStatus; n: number }>(COUNT_BY_STATUS),
    recent: db.prepare<[string, number], { source: SourceKind; n: number }>(COUNT_RECENT_BY_SOURCE),
  };

  return {
    /** Approved items, newest shown first, strictly older than the cursor. */
    async feed(event: string, limit: number, before?: Cursor): Promise<{ items: PublicItem[]; next: string | null }> {
      const rows = statements.feed.all(event, before?.at ?? MAX_TIME, before?.id ?? MAX_TIME, limit + 1);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const next = rows.length > limit && last ? encodeCursor({ at: last.shown_at ?? 0, id: last.id }) : null;
      return { items: page.map(toPublicItem), next };
    },

    pinned: async (event: string, limit = 20): Promise<PublicItem[]> =>
      statements.pinned.all(event, limit).map(toPublicItem),

    /** One page of a status: pending oldest first (the queue), the others most recently moderated first. */
    async queue(
      event: string,
      status: ItemStatus,
      limit: number,
      after?: Cursor,
      filter: QueueFilter = {},
    ): Promise<{ items: Item[]; next: string | null }> {
      const oldestFirst = status === 'pending';
      const search = filter.search?.trim() ? foldForMatch(filter.search.trim()) : null;
      const params: QueueParams = {
        event,
        status,
        at: after?.at ?? (oldestFirst ? -1 : MAX_TIME),
        id: after?.id ?? (oldestFirst ? -1 : MAX_TIME),
        limit: limit + 1,
        source: filter.source ?? null,
        starred: filter.starred ? 1 : null,
        search,
      };
      const rows = (oldestFirst ? statements.queueAsc : statements.queueDesc).all(params);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const at = last ? (oldestFirst ? last.received_at : (last.moderated_at ?? last.received_at)) : 0;
      const next = rows.length > limit && last ? encodeCursor({ at, id: last.id }) : null;
      return { items: page.map(toItem), next };
    },

    /**
     * Every item of the event, oldest first, read lazily (exports). A page at a time rather than one open
     * statement: the reader awaits between items, and the connection must stay free for others meanwhile.
     */
    async *all(event: string): AsyncGenerator<Item> {
      let after = 0;
      for (;;) {
        const rows = statements.page.all(event, after, PAGE_ROWS);
        for (const row of rows) yield toItem(row);
        const last = rows.at(-1);
        if (!last || rows.length < PAGE_ROWS) return;
        after = last.id;
      }
    },

    async counts(event: string): Promise<StatusCounts> {
      const counts: StatusCounts = { pending: 0, approved: 0, rejected: 0, hidden: 0 };
      for (const { status, n } of statements.counts.all(event)) counts[status] = n;
      return counts;
    },

    /** Items received since `since`, per source kind (items per minute for source health). */
    async receivedSince(event: string, since: number): Promise<Partial<Record<SourceKind, number>>> {
      return Object.fromEntries(statements.recent.all(event, since).map(({ source, n }) => [source, n]));
    },
  };
}
