/** Reads and writes of `items` and `moderation_log`. SQL lives in named constants, run as prepared statements. */
import type { Item, ItemStatus, PublicItem } from '../protocol/items.js';
import type { StatusCounts } from '../protocol/socket.js';
import type { FilterDecision, SanitizedItem } from '../pipeline/types.js';
import type { Db } from './db.js';
import { encodeCursor, type Cursor } from './cursor.js';
import {
  toInsertParams,
  toItem as rowToItem,
  toPublicItem as rowToPublicItem,
  type ItemRow,
  type PresentUrl,
} from './item-rows.js';

const INSERT_ITEM = `
INSERT INTO items (event, source, source_id, url, author_name, author_handle, author_avatar, author_url, author_key,
  contact_tag, contact_masked, text, html, media, lang, context, flags, hashtags, reasons, status, created_at,
  received_at, shown_at, moderated_by, moderated_at)
VALUES (@event, @source, @source_id, @url, @author_name, @author_handle, @author_avatar, @author_url, @author_key,
  @contact_tag, @contact_masked, @text, @html, @media, @lang, @context, @flags, @hashtags, @reasons, @status,
  @created_at, @received_at, @shown_at, @moderated_by, @moderated_at)
ON CONFLICT (event, source, source_id) DO NOTHING
RETURNING *`;
const SELECT_BY_KEY = 'SELECT * FROM items WHERE event = ? AND source = ? AND source_id = ?';
const EXISTS_BY_KEY = 'SELECT 1 FROM items WHERE event = ? AND source = ? AND source_id = ?';
const SELECT_BY_ID = 'SELECT * FROM items WHERE id = ?';
const INSERT_LOG = `
INSERT INTO moderation_log (item_id, event, actor, action, before_status, after_status, detail, at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;
const SELECT_FEED = `
SELECT * FROM items WHERE event = ? AND status = 'approved' AND (shown_at, id) < (?, ?)
ORDER BY shown_at DESC, id DESC LIMIT ?`;
const SELECT_PINNED = `
SELECT * FROM items WHERE event = ? AND status = 'approved' AND pinned = 1 ORDER BY shown_at DESC, id DESC LIMIT ?`;
const SELECT_QUEUE_ASC = `
SELECT * FROM items WHERE event = ? AND status = ? AND (received_at, id) > (?, ?)
ORDER BY received_at, id LIMIT ?`;
const SELECT_QUEUE_DESC = `
SELECT * FROM items WHERE event = ? AND status = ? AND (coalesce(moderated_at, received_at), id) < (?, ?)
ORDER BY coalesce(moderated_at, received_at) DESC, id DESC LIMIT ?`;
const COUNT_BY_STATUS = 'SELECT status, count(*) AS n FROM items WHERE event = ? GROUP BY status';
const UPDATE_MODERATION = `
UPDATE items SET status = @status, pinned = @pinned, moderated_by = @by, moderated_at = @at,
  shown_at = CASE WHEN @status = 'approved' THEN coalesce(shown_at, @at) ELSE shown_at END
WHERE id = @id AND status = @before`;

export interface NewItem {
  event: string;
  item: SanitizedItem;
  decision: FilterDecision;
  receivedAt: number;
}

/** What happened to one item of a batch: stored now, or already there (a retry or a repost). */
export type InsertResult = { stored: true; item: Item } | { stored: false; existing: Item };

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

const MAX_TIME = Number.MAX_SAFE_INTEGER;

/**
 * `present` rewrites image URLs on the way out (to the media proxy), so every reader of the store, the wall and
 * the console alike, gets the same URLs while the database keeps the originals.
 */
export function createItemStore(db: Db, present: PresentUrl = (url) => url) {
  const toItem = (row: ItemRow) => rowToItem(row, present);
  const toPublicItem = (row: ItemRow) => rowToPublicItem(row, present);
  const statements = {
    insert: db.prepare<Record<string, unknown>, ItemRow>(INSERT_ITEM),
    byKey: db.prepare<[string, string, string], ItemRow>(SELECT_BY_KEY),
    exists: db.prepare<[string, string, string], 1>(EXISTS_BY_KEY).pluck(),
    byId: db.prepare<[number], ItemRow>(SELECT_BY_ID),
    log: db.prepare(INSERT_LOG),
    feed: db.prepare<[string, number, number, number], ItemRow>(SELECT_FEED),
    pinned: db.prepare<[string, number], ItemRow>(SELECT_PINNED),
    queueAsc: db.prepare<[string, ItemStatus, number, number, number], ItemRow>(SELECT_QUEUE_ASC),
    queueDesc: db.prepare<[string, ItemStatus, number, number, number], ItemRow>(SELECT_QUEUE_DESC),
    counts: db.prepare<[string], { status: ItemStatus; n: number }>(COUNT_BY_STATUS),
    update: db.prepare(UPDATE_MODERATION),
  };

  function insertOne(entry: NewItem): InsertResult {
    const row = statements.insert.get(toInsertParams(entry.event, entry.item, entry.decision, entry.receivedAt));
    if (!row) {
      const existing = statements.byKey.get(entry.event, entry.item.source, entry.item.sourceId);
      if (!existing) throw new Error(`item ${entry.item.source}:${entry.item.sourceId} neither inserted nor found`);
      return { stored: false, existing: toItem(existing) };
    }
    const reason = entry.decision.reasons.map((r) => `${r.rule}: ${r.detail}`).join('; ') || null;
    statements.log.run(row.id, row.event, 'filter', 'intake', null, row.status, reason, entry.receivedAt);
    return { stored: true, item: toItem(row) };
  }

  const insertBatch = db.transaction((entries: NewItem[]) => entries.map(insertOne));

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

  return {
    /** Inserts every entry in one transaction: one commit (and one fsync) for the whole batch. */
    insertBatch: (entries: NewItem[]): InsertResult[] => insertBatch(entries),

    exists: (event: string, source: string, sourceId: string): boolean =>
      statements.exists.get(event, source, sourceId) !== undefined,

    findByKey(event: string, source: string, sourceId: string): Item | null {
      const row = statements.byKey.get(event, source, sourceId);
      return row ? toItem(row) : null;
    },

    get: (id: number): Item | null => {
      const row = statements.byId.get(id);
      return row ? toItem(row) : null;
    },

    /**
     * Records a moderator's change and its log entry atomically, only if the item still has the `before` status;
     * returns the item as it now is, or null when it had changed in the meantime.
     */
    applyChange: (change: ItemChange): Item | null => applyChange(change),

    /** Approved items, newest shown first, strictly older than the cursor. */
    feed(event: string, limit: number, before?: Cursor): { items: PublicItem[]; next: string | null } {
      const rows = statements.feed.all(event, before?.at ?? MAX_TIME, before?.id ?? MAX_TIME, limit + 1);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const next = rows.length > limit && last ? encodeCursor({ at: last.shown_at ?? 0, id: last.id }) : null;
      return { items: page.map(toPublicItem), next };
    },

    pinned: (event: string, limit = 20): PublicItem[] => statements.pinned.all(event, limit).map(toPublicItem),

    /** One page of a status: pending oldest first (the queue), the others most recently moderated first. */
    queue(event: string, status: ItemStatus, limit: number, after?: Cursor): { items: Item[]; next: string | null } {
      const oldestFirst = status === 'pending';
      const rows = oldestFirst
        ? statements.queueAsc.all(event, status, after?.at ?? -1, after?.id ?? -1, limit + 1)
        : statements.queueDesc.all(event, status, after?.at ?? MAX_TIME, after?.id ?? MAX_TIME, limit + 1);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const at = last ? (oldestFirst ? last.received_at : (last.moderated_at ?? last.received_at)) : 0;
      const next = rows.length > limit && last ? encodeCursor({ at, id: last.id }) : null;
      return { items: page.map(toItem), next };
    },

    counts(event: string): StatusCounts {
      const counts: StatusCounts = { pending: 0, approved: 0, rejected: 0, hidden: 0 };
      for (const { status, n } of statements.counts.all(event)) counts[status] = n;
      return counts;
    },
  };
}

export type ItemStore = ReturnType<typeof createItemStore>;
