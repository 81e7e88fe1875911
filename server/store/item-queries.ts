/** Read-only listings of items: the public feed, the moderation queue with its filters, counts. */
import { sql, type SqlBool } from 'kysely';
import type { Item, ItemStatus, PublicItem, SourceKind } from '../protocol/items.js';
import type { StatusCounts } from '../protocol/socket.js';
import { foldForMatch } from '../pipeline/text/fold.js';
import type { Engine } from './engine/open.js';
import { encodeCursor, type Cursor } from './cursor.js';
import type { ItemRow } from './item-rows.js';
import { foldedContains } from './item-search.js';

/**
 * On the wall: approved, or approved then edited with the edit waiting. Written out rather than with parameters,
 * so that both engines see it is the condition of the partial index items_on_wall.
 */
const ON_WALL = sql<SqlBool>`(status = 'approved' OR (status = 'pending' AND approved_version IS NOT NULL))`;
/** What a search looks in: the text, the author's name and handle. */
const SEARCHED = sql<string>`text || ' ' || author_name || ' ' || coalesce(author_handle, '')`;

const MAX_TIME = Number.MAX_SAFE_INTEGER;
/** Rows read at a time by `all`. */
const PAGE_ROWS = 500;

export interface QueueFilter {
  source?: SourceKind;
  /** Matched case- and accent-insensitively against the text, the author's name and handle. */
  search?: string;
  starred?: boolean;
}

export function createItemQueries(
  engine: Engine,
  toItem: (row: ItemRow) => Item,
  toPublicItem: (row: ItemRow) => PublicItem,
) {
  const { db } = engine;
  const contains = foldedContains(engine);

  return {
    /** Approved items, newest shown first, strictly older than the cursor. */
    async feed(event: string, limit: number, before?: Cursor): Promise<{ items: PublicItem[]; next: string | null }> {
      const rows = await db
        .selectFrom('items')
        .selectAll()
        .where('event', '=', event)
        .where(ON_WALL)
        .where((eb) => eb(eb.refTuple('shown_at', 'id'), '<', eb.tuple(before?.at ?? MAX_TIME, before?.id ?? MAX_TIME)))
        .orderBy('shown_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const next = rows.length > limit && last ? encodeCursor({ at: last.shown_at ?? 0, id: last.id }) : null;
      return { items: page.map(toPublicItem), next };
    },

    async pinned(event: string, limit = 20): Promise<PublicItem[]> {
      const rows = await db
        .selectFrom('items')
        .selectAll()
        .where('event', '=', event)
        .where(ON_WALL)
        .where('pinned', '=', 1)
        .orderBy('shown_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toPublicItem);
    },

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
      const at = after?.at ?? (oldestFirst ? -1 : MAX_TIME);
      const id = after?.id ?? (oldestFirst ? -1 : MAX_TIME);
      const moderatedAt = sql<number>`coalesce(moderated_at, received_at)`;
      let query = db
        .selectFrom('items')
        .selectAll()
        .where('event', '=', event)
        .where('status', '=', status)
        .where((eb) =>
          oldestFirst
            ? eb(eb.refTuple('received_at', 'id'), '>', eb.tuple(at, id))
            : eb(eb.tuple(moderatedAt, eb.ref('id')), '<', eb.tuple(at, id)),
        );
      if (filter.source) query = query.where('source', '=', filter.source);
      if (filter.starred) query = query.where('starred_by', 'is not', null);
      if (search) query = query.where(contains(SEARCHED, search));
      query = oldestFirst
        ? query.orderBy('received_at').orderBy('id')
        : query.orderBy(moderatedAt, 'desc').orderBy('id', 'desc');
      const rows = await query.limit(limit + 1).execute();
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const lastAt = last ? (oldestFirst ? last.received_at : (last.moderated_at ?? last.received_at)) : 0;
      const next = rows.length > limit && last ? encodeCursor({ at: lastAt, id: last.id }) : null;
      return { items: page.map(toItem), next };
    },

    /**
     * Every item of the event, oldest first, read lazily (exports). A page at a time rather than one open
     * statement: the reader awaits between items, and the connection must stay free for others meanwhile.
     */
    async *all(event: string): AsyncGenerator<Item> {
      let after = 0;
      for (;;) {
        const rows = await db
          .selectFrom('items')
          .selectAll()
          .where('event', '=', event)
          .where('id', '>', after)
          .orderBy('id')
          .limit(PAGE_ROWS)
          .execute();
        for (const row of rows) yield toItem(row);
        const last = rows.at(-1);
        if (!last || rows.length < PAGE_ROWS) return;
        after = last.id;
      }
    },

    async counts(event: string): Promise<StatusCounts> {
      const counts: StatusCounts = { pending: 0, approved: 0, rejected: 0, hidden: 0 };
      const rows = await db
        .selectFrom('items')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('event', '=', event)
        .groupBy('status')
        .execute();
      for (const { status, n } of rows) counts[status] = n;
      return counts;
    },

    /** Items received since `since`, per source kind (items per minute for source health). */
    async receivedSince(event: string, since: number): Promise<Partial<Record<SourceKind, number>>> {
      const rows = await db
        .selectFrom('items')
        .select(['source', (eb) => eb.fn.countAll<number>().as('n')])
        .where('event', '=', event)
        .where('received_at', '>', since)
        .groupBy('source')
        .execute();
      return Object.fromEntries(rows.map(({ source, n }) => [source, n]));
    },
  };
}
