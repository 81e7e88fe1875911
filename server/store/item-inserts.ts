/**
 * Intake's writes, its hot path: a batch of new items in one transaction, each item's arrival in the log, and the
 * lookup dedupe makes for every item before it.
 */
import { sql, type Kysely } from 'kysely';
import type { Item, ItemStatus } from '../protocol/items.js';
import type { FilterDecision, SanitizedItem } from '../pipeline/types.js';
import type { Engine } from './engine/open.js';
import type { Tables } from './engine/tables.js';
import { INSERT_COLUMNS, insertedItem, toInsertParams, type InsertParams, type PresentUrl } from './item-rows.js';
import { createKeyFilter, type KeyFilter } from './key-filter.js';
import { createKeyLookups } from './key-lookups.js';
import type { LogEntry } from './moderation-log.js';
import { chunks, createMultiRowInsert } from './multi-row.js';

export interface NewItem {
  event: string;
  item: SanitizedItem;
  decision: FilterDecision;
  receivedAt: number;
  /** Hold mode: when a still-pending item goes on the wall by itself. */
  holdUntil?: number | null;
}

/**
 * What happened to one item of a batch: stored now, or already there (a retry or a repost), with the status it
 * has. Only the status: reading the whole row back cost a duplicate more than storing a new item (bench/intake).
 */
export type InsertResult = { stored: true; item: Item } | { stored: false; status: ItemStatus };

/**
 * Keys an event's filter is sized for at first (60 KB), and how much it grows when full: each rebuild reads
 * every key of the event again, so it grows fourfold (5 bytes an item at most).
 */
const MIN_FILTER_KEYS = 50_000;
const FILTER_GROWTH = 4;
const keyOf = (source: string, sourceId: string): string => `${source}\u0000${sourceId}`;
/** A row's key across events: a batch may hold items of several. */
const rowKey = (row: { event: string; source: string; source_id: string }): string =>
  `${row.event}\u0000${row.source}\u0000${row.source_id}`;

type ItemKey = { id: number; event: string; source: string; source_id: string };
const ARRIVAL_COLUMNS = [
  'item_id',
  'event',
  'actor',
  'action',
  'before_status',
  'after_status',
  'detail',
  'at',
] as const satisfies readonly (keyof LogEntry)[];

/** The two inserts of a batch, compiled for one engine (multi-row.ts). */
function createBatchInserts() {
  return {
    // A row not returned was not inserted: its key was there already, or came earlier in the batch.
    items: createMultiRowInsert<InsertParams, ItemKey>(INSERT_COLUMNS, (db, rows) =>
      db
        .insertInto('items')
        .values(rows)
        .onConflict((conflict) => conflict.columns(['event', 'source', 'source_id']).doNothing())
        .returning(['id', 'event', 'source', 'source_id']),
    ),
    arrivals: createMultiRowInsert<LogEntry>(ARRIVAL_COLUMNS, (db, rows) =>
      db.insertInto('moderation_log').values(rows),
    ),
  };
}

/** Stores entries in order; the first of several entries with one key is stored, the others are duplicates. */
async function insertIn(
  trx: Kysely<Tables>,
  inserts: ReturnType<typeof createBatchInserts>,
  entries: readonly NewItem[],
  present: PresentUrl,
  stored: (event: string, key: string) => void,
): Promise<InsertResult[]> {
  const rows = entries.map((e) => toInsertParams(e.event, e.item, e.decision, e.receivedAt, e.holdUntil ?? null));
  // Returned rows are matched by key, not by position: RETURNING promises no order.
  const ids = new Map<string, number>();
  for (const row of await inserts.items(trx, rows)) ids.set(rowKey(row), row.id);
  const results: (InsertResult | null)[] = [];
  const arrivals: LogEntry[] = [];
  const duplicates: InsertParams[] = [];
  rows.forEach((row, i) => {
    const key = rowKey(row);
    const id = ids.get(key);
    if (id === undefined) {
      duplicates.push(row);
      results.push(null);
      return;
    }
    ids.delete(key); // a later entry with this key is a duplicate of this one
    stored(row.event, keyOf(row.source, row.source_id));
    const { item, decision } = entries[i]!;
    const detail = decision.reasons.map((r) => `${r.rule}: ${r.detail}`).join('; ') || null;
    arrivals.push({
      item_id: id,
      event: row.event,
      actor: 'filter',
      action: 'intake',
      before_status: null,
      after_status: row.status,
      detail,
      at: row.received_at,
    });
    results.push({ stored: true, item: insertedItem(id, row, item, decision, present) });
  });
  // The arrival rows after the items, many per statement: the same rows, ids and order as one per item.
  await inserts.arrivals(trx, arrivals);
  const statuses = await statusesOf(trx, duplicates);
  return results.map((result, i) => {
    if (result) return result;
    const row = rows[i]!;
    const status = statuses.get(rowKey(row));
    if (!status) throw new Error(`item ${row.source}:${row.source_id} neither inserted nor found`);
    return { stored: false, status };
  });
}

/** The statuses of the items with these keys, a chunk of keys per query. */
async function statusesOf(trx: Kysely<Tables>, keys: readonly InsertParams[]): Promise<Map<string, ItemStatus>> {
  const statuses = new Map<string, ItemStatus>();
  for (const chunk of chunks(keys)) {
    // A list of row values on the right of IN must be a subquery in SQLite: VALUES is one, on both engines.
    const wanted = sql.join(chunk.map((k) => sql`(${k.event}, ${k.source}, ${k.source_id})`));
    const rows = await trx
      .selectFrom('items')
      .select(['event', 'source', 'source_id', 'status'])
      .where(sql<boolean>`(event, source, source_id) IN (VALUES ${wanted})`)
      .execute();
    for (const row of rows) statuses.set(rowKey(row), row.status);
  }
  return statuses;
}

export function createItemInserts(engine: Engine, present: PresentUrl) {
  const { db } = engine;
  const keyFilters = engine.kind === 'sqlite' ? createKeyFilters(db) : null;
  const lookup = keyFilters ? null : createKeyLookups(db);
  const inserts = createBatchInserts();
  const insert = (trx: Kysely<Tables>, entries: readonly NewItem[]) =>
    insertIn(trx, inserts, entries, present, (event, key) => keyFilters?.added(event, key));
  const insertBatch = (entries: readonly NewItem[]) => db.transaction().execute((trx) => insert(trx, entries));

  return {
    /** Inserts every entry in one transaction: one commit (and one fsync) for the whole batch. */
    insertBatch: (entries: NewItem[]): Promise<InsertResult[]> => insertBatch(entries),

    /**
     * The same, but the commit does not wait for the disk: the items are stored and visible, and durable once
     * the store's `walSync.sync()` resolves. Intake acknowledges them only then. On PostgreSQL a commit is
     * durable when it returns: this is `insertBatch`.
     */
    insertBatchSyncedLater: (entries: NewItem[]): Promise<InsertResult[]> =>
      engine.sqlite ? withSyncLater(engine, (trx) => insert(trx, entries)) : insertBatch(entries),

    /**
     * Whether the event has an item with this key. On SQLite most new keys are told apart without a query (the
     * key filter); several nodes write a PostgreSQL database, so none of them sees every key: it always asks,
     * the lookups of a turn in one query.
     */
    async exists(event: string, source: string, sourceId: string): Promise<boolean> {
      if (!keyFilters) return lookup!(event, source, sourceId);
      if (!(await keyFilters.of(event)).mightHave(keyOf(source, sourceId))) return false;
      const row = await db
        .selectFrom('items')
        .select(sql<number>`1`.as('found'))
        .where('event', '=', event)
        .where('source', '=', source)
        .where('source_id', '=', sourceId)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}

/**
 * SQLite: runs a batch's transaction with synchronous=NORMAL, every other write keeping FULL; `WalSync` syncs
 * the WAL later. On the connection itself, inside Kysely's hold of it, so no other query runs with NORMAL: SQLite
 * applies this pragma when it compiles it, so a prepared copy (the statement cache) run again would change nothing.
 */
async function withSyncLater<T>(engine: Engine, work: (trx: Kysely<Tables>) => Promise<T>): Promise<T> {
  const sqlite = engine.sqlite!;
  return engine.db.connection().execute(async (connection) => {
    sqlite.pragma('synchronous = NORMAL');
    try {
      return await connection.transaction().execute(work);
    } finally {
      sqlite.pragma('synchronous = FULL');
    }
  });
}

/**
 * SQLite's per-event key filters. Right only while this process sees every insert, which SQLite's one process
 * does; a filter is built from the event's keys at first use, and again, larger, when it fills up.
 */
function createKeyFilters(db: Kysely<Tables>) {
  /** The filter being built or built, per event; `exists` waits for `ready`, inserts add to `filter` at once. */
  const filters = new Map<string, { filter: KeyFilter | null; ready: Promise<KeyFilter> }>();

  function build(event: string) {
    const entry: { filter: KeyFilter | null; ready: Promise<KeyFilter> } = { filter: null, ready: null! };
    entry.ready = (async () => {
      const { n } = await db
        .selectFrom('items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('event', '=', event)
        .executeTakeFirstOrThrow();
      const filter = createKeyFilter(Math.max(MIN_FILTER_KEYS, n * FILTER_GROWTH));
      // From here on inserts add their keys to it; those committed before the read below it reads.
      entry.filter = filter;
      const keys = db.selectFrom('items').select(['source', 'source_id']).where('event', '=', event).stream();
      for await (const row of keys) filter.add(keyOf(row.source, row.source_id));
      return filter;
    })();
    filters.set(event, entry);
    // A failed build (the database closing) is not kept: the next lookup tries again.
    entry.ready.catch(() => filters.get(event) === entry && filters.delete(event));
    return entry;
  }

  return {
    async of(event: string): Promise<KeyFilter> {
      const known = filters.get(event);
      if (!known || known.filter?.full) return build(event).ready;
      return known.ready;
    },
    /** A key stored in the transaction under way: added now, before its commit (a rollback leaves a "maybe"). */
    added(event: string, key: string): void {
      filters.get(event)?.filter?.add(key);
    },
  };
}
