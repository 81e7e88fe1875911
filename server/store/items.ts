/** Reads and writes of `items` and `moderation_log`. SQL lives in named constants, run as prepared statements. */
import type { Item, ItemStatus } from '../protocol/items.js';
import type { FilterDecision, SanitizedItem } from '../pipeline/types.js';
import type { Db } from './db.js';
import { createItemQueries } from './item-queries.js';
import {
  INSERT_COLUMNS,
  insertedItem,
  insertValues,
  toInsertParams,
  toItem as rowToItem,
  type InsertValues,
  type ItemRow,
  type PresentUrl,
} from './item-rows.js';
import { toPublicItem } from './public-item.js';
import { createItemSourceChanges } from './item-source-changes.js';
import { createKeyFilter, type KeyFilter } from './key-filter.js';
import { createMultiRowInsert } from './multi-row.js';

// Positional parameters: binding 26 named ones from an object cost about 3 µs more per item (bench/intake).
const INSERT_ITEM = `
INSERT INTO items (${INSERT_COLUMNS.join(', ')})
VALUES (${INSERT_COLUMNS.map(() => '?').join(', ')})
ON CONFLICT (event, source, source_id) DO NOTHING`;
const SELECT_BY_KEY = 'SELECT * FROM items WHERE event = ? AND source = ? AND source_id = ?';
const EXISTS_BY_KEY = 'SELECT 1 FROM items WHERE event = ? AND source = ? AND source_id = ?';
const STATUS_BY_KEY = 'SELECT status FROM items WHERE event = ? AND source = ? AND source_id = ?';
const SELECT_BY_ID = 'SELECT * FROM items WHERE id = ?';
const SELECT_KEYS = 'SELECT source, source_id FROM items WHERE event = ?';
const COUNT_KEYS = 'SELECT count(*) FROM items WHERE event = ?';
const UPDATE_STAR = 'UPDATE items SET starred_by = ? WHERE id = ?';
const SELECT_DUE_HOLDS = `
SELECT id FROM items WHERE status = 'pending' AND hold_until IS NOT NULL AND hold_until <= ? ORDER BY hold_until LIMIT ?`;
const INSERT_LOG = `
INSERT INTO moderation_log (item_id, event, actor, action, before_status, after_status, detail, at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;
const LOG_COLUMNS = ['item_id', 'event', 'actor', 'action', 'before_status', 'after_status', 'detail', 'at'];
const UPDATE_MODERATION = `
UPDATE items SET status = @status, pinned = @pinned, moderated_by = @by, moderated_at = @at, hold_until = NULL,
  approved_version = NULL,
  shown_at = CASE WHEN @status = 'approved' THEN coalesce(shown_at, @at) ELSE shown_at END
WHERE id = @id AND status = @before`;

/**
 * Keys an event's filter is sized for at first (60 KB), and how much it grows when full: each rebuild reads
 * every key of the event again, so it grows fourfold (5 bytes an item at most).
 */
const MIN_FILTER_KEYS = 50_000;
const FILTER_GROWTH = 4;
const keyOf = (source: string, sourceId: string): string => `${source}\u0000${sourceId}`;

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

export interface ItemChange {
  event: string;
  itemId: number;
  actor: string;
  action: string;
  before: ItemStatus;
  after: ItemStatus;
  pinned: boolean;
  at: number;
}

/**
 * `present` rewrites image URLs on the way out (to the media proxy), so every reader of the store, the wall and
 * the console alike, gets the same URLs while the database keeps the originals.
 */
export function createItemStore(db: Db, present: PresentUrl = (url) => url) {
  const toItem = (row: ItemRow) => rowToItem(row, present);
  const statements = {
    insert: db.prepare<InsertValues>(INSERT_ITEM),
    byKey: db.prepare<[string, string, string], ItemRow>(SELECT_BY_KEY),
    exists: db.prepare<[string, string, string], 1>(EXISTS_BY_KEY).pluck(),
    statusByKey: db.prepare<[string, string, string], ItemStatus>(STATUS_BY_KEY).pluck(),
    byId: db.prepare<[number], ItemRow>(SELECT_BY_ID),
    keys: db.prepare<[string], Pick<ItemRow, 'source' | 'source_id'>>(SELECT_KEYS),
    countKeys: db.prepare<[string], number>(COUNT_KEYS).pluck(),
    log: db.prepare(INSERT_LOG),
    update: db.prepare(UPDATE_MODERATION),
    star: db.prepare(UPDATE_STAR),
    dueHolds: db.prepare<[number, number], number>(SELECT_DUE_HOLDS).pluck(),
  };

  // The arrival rows of a batch go in after its items, many per statement (bench/intake): the log gets the same
  // rows, ids and order as with one statement per item, since nothing else writes the log in between.
  const arrivals = createMultiRowInsert(db, 'moderation_log', LOG_COLUMNS);
  const keyFilters = new Map<string, KeyFilter>();

  /** The event's key filter: built from its items at first use, and again, larger, when it fills up. */
  function keyFilter(event: string): KeyFilter {
    const known = keyFilters.get(event);
    if (known && !known.full) return known;
    const filter = createKeyFilter(Math.max(MIN_FILTER_KEYS, statements.countKeys.get(event)! * FILTER_GROWTH));
    for (const row of statements.keys.iterate(event)) filter.add(keyOf(row.source, row.source_id));
    keyFilters.set(event, filter);
    return filter;
  }

  function insertOne(entry: NewItem, arrivalValues: unknown[]): InsertResult {
    const { event, item, decision, receivedAt } = entry;
    const params = toInsertParams(event, item, decision, receivedAt, entry.holdUntil ?? null);
    // No RETURNING, no read back: the stored item is what was written plus its id (bench/intake).
    // Spread, not an array: better-sqlite3 reads an array argument element by element through V8's API, about
    // a tenth of the store's time (bench/intake).
    const { changes, lastInsertRowid } = statements.insert.run(...insertValues(params));
    if (changes === 0) {
      const status = statements.statusByKey.get(event, item.source, item.sourceId);
      if (!status) throw new Error(`item ${item.source}:${item.sourceId} neither inserted nor found`);
      return { stored: false, status };
    }
    keyFilters.get(event)?.add(keyOf(item.source, item.sourceId));
    const id = Number(lastInsertRowid);
    const reason = decision.reasons.map((r) => `${r.rule}: ${r.detail}`).join('; ') || null;
    arrivalValues.push(id, event, 'filter', 'intake', null, params.status, reason, receivedAt);
    return { stored: true, item: insertedItem(id, params, item, decision, present) };
  }

  const insertBatch = db.transaction((entries: NewItem[]) => {
    const arrivalValues: unknown[] = [];
    const results = entries.map((entry) => insertOne(entry, arrivalValues));
    arrivals.run(arrivalValues);
    return results;
  });
  // Every other write syncs at its commit (synchronous=FULL); intake's may leave the sync to `WalSync`. Not
  // prepared once: SQLite applies this pragma when it compiles it, so a prepared copy run again changes nothing.
  function insertBatchSyncedLater(entries: NewItem[]): InsertResult[] {
    db.pragma('synchronous = NORMAL');
    try {
      return insertBatch(entries);
    } finally {
      db.pragma('synchronous = FULL');
    }
  }

  const applyChange = db.transaction((change: ItemChange): Item | null => {
    const { changes } = statements.update.run({
      id: change.itemId,
      before: change.before,
      status: change.after,
      pinned: change.pinned ? 1 : 0,
      by: change.actor,
      at: change.at,
    });
    if (changes === 0) return null;
    statements.log.run(
      change.itemId,
      change.event,
      change.actor,
      change.action,
      change.before,
      change.after,
      null,
      change.at,
    );
    return toItem(statements.byId.get(change.itemId)!);
  });

  const setStar = db.transaction((id: number, by: string, starred: boolean, at: number): Item | null => {
    const row = statements.byId.get(id);
    if (!row) return null;
    statements.star.run(starred ? by : null, id);
    statements.log.run(id, row.event, by, starred ? 'star' : 'unstar', row.status, row.status, null, at);
    return toItem(statements.byId.get(id)!);
  });

  // Every method is async (a database server may sit behind this interface); on SQLite each runs its statements
  // at once, in the same turn, and hands back a settled promise.
  return {
    /** Stars an item "for later" for the whole team (or clears the star), with a log entry. */
    setStar: async (id: number, by: string, starred: boolean, at: number): Promise<Item | null> =>
      setStar(id, by, starred, at),

    /** Pending items whose hold delay has run out, oldest deadline first. */
    dueHolds: async (now: number, limit = 100): Promise<number[]> => statements.dueHolds.all(now, limit),

    /** Inserts every entry in one transaction: one commit (and one fsync) for the whole batch. */
    insertBatch: async (entries: NewItem[]): Promise<InsertResult[]> => insertBatch(entries),

    /**
     * The same, but the commit does not wait for the disk: the items are stored and visible, and durable once
     * the store's `walSync.sync()` resolves. Intake acknowledges them only then.
     */
    insertBatchSyncedLater: async (entries: NewItem[]): Promise<InsertResult[]> => insertBatchSyncedLater(entries),

    /** Whether the event has an item with this key; most new keys are told apart without a query. */
    exists: async (event: string, source: string, sourceId: string): Promise<boolean> =>
      keyFilter(event).mightHave(keyOf(source, sourceId)) &&
      statements.exists.get(event, source, sourceId) !== undefined,

    /** The status of the event's item with this key, or null if there is none. */
    statusByKey: async (event: string, source: string, sourceId: string): Promise<ItemStatus | null> =>
      statements.statusByKey.get(event, source, sourceId) ?? null,

    async findByKey(event: string, source: string, sourceId: string): Promise<Item | null> {
      const row = statements.byKey.get(event, source, sourceId);
      return row ? toItem(row) : null;
    },

    async get(id: number): Promise<Item | null> {
      const row = statements.byId.get(id);
      return row ? toItem(row) : null;
    },

    /**
     * Records a moderator's change and its log entry atomically, only if the item still has the `before` status;
     * returns the item as it now is, or null when it had changed in the meantime.
     */
    applyChange: async (change: ItemChange): Promise<Item | null> => applyChange(change),

    ...createItemQueries(db, toItem, (row) => toPublicItem(toItem(row))),
    ...createItemSourceChanges(db, toItem),
  };
}

export type ItemStore = ReturnType<typeof createItemStore>;
