/** Reads and writes of `items` and their entries in `moderation_log`, on either engine (engine/). */
import { sql } from 'kysely';
import type { Item, ItemStatus } from '../protocol/items.js';
import type { Engine } from './engine/open.js';
import { createItemInserts } from './item-inserts.js';
import { itemRow } from './item-lookups.js';
import { createItemQueries } from './item-queries.js';
import { toItem as rowToItem, type ItemRow, type PresentUrl } from './item-rows.js';
import { createItemSourceChanges } from './item-source-changes.js';
import { appendLog } from './moderation-log.js';
import { toPublicItem } from './public-item.js';

export type { InsertResult, NewItem } from './item-inserts.js';

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
export function createItemStore(engine: Engine, present: PresentUrl = (url) => url) {
  const { db } = engine;
  const toItem = (row: ItemRow) => rowToItem(row, present);
  const found = (row: ItemRow | null) => (row ? toItem(row) : null);

  return {
    /** Stars an item "for later" for the whole team (or clears the star), with a log entry. */
    setStar: (id: number, by: string, starred: boolean, at: number): Promise<Item | null> =>
      db.transaction().execute(async (trx) => {
        const row = await itemRow(trx, { id }, engine.kind);
        if (!row) return null;
        await trx
          .updateTable('items')
          .set({ starred_by: starred ? by : null })
          .where('id', '=', id)
          .execute();
        const action = starred ? 'star' : 'unstar';
        await appendLog(trx, [
          { item_id: id, event: row.event, actor: by, action, before_status: row.status, after_status: row.status, at },
        ]);
        return found(await itemRow(trx, { id }));
      }),

    /** Pending items whose hold delay has run out, oldest deadline first. */
    async dueHolds(now: number, limit = 100): Promise<number[]> {
      const rows = await db
        .selectFrom('items')
        .select('id')
        // Written out, so that both engines see the condition of the partial index items_on_hold.
        .where(sql<boolean>`status = 'pending' AND hold_until IS NOT NULL`)
        .where('hold_until', '<=', now)
        .orderBy('hold_until')
        .limit(limit)
        .execute();
      return rows.map((row) => row.id);
    },

    /** The status of the event's item with this key, or null if there is none. */
    async statusByKey(event: string, source: string, sourceId: string): Promise<ItemStatus | null> {
      const row = await db
        .selectFrom('items')
        .select('status')
        .where('event', '=', event)
        .where('source', '=', source)
        .where('source_id', '=', sourceId)
        .executeTakeFirst();
      return row?.status ?? null;
    },

    findByKey: async (event: string, source: string, sourceId: string): Promise<Item | null> =>
      found(await itemRow(db, { event, source, sourceId })),

    get: async (id: number): Promise<Item | null> => found(await itemRow(db, { id })),

    /**
     * Records a moderator's change and its log entry atomically, only if the item still has the `before` status
     * (whichever node changed it first, the other's change finds nothing to change); returns the item as it now
     * is, or null when it had changed in the meantime.
     */
    applyChange: (change: ItemChange): Promise<Item | null> =>
      db.transaction().execute(async (trx) => {
        const { numUpdatedRows } = await trx
          .updateTable('items')
          .set((eb) => ({
            status: change.after,
            pinned: change.pinned ? 1 : 0,
            moderated_by: change.actor,
            moderated_at: change.at,
            hold_until: null,
            approved_version: null,
            // First approval: it goes on the wall now; a later one keeps its place in the feed.
            ...(change.after === 'approved' ? { shown_at: eb.fn.coalesce('shown_at', eb.val(change.at)) } : {}),
          }))
          .where('id', '=', change.itemId)
          .where('status', '=', change.before)
          .executeTakeFirst();
        if (Number(numUpdatedRows) === 0) return null;
        await appendLog(trx, [
          {
            item_id: change.itemId,
            event: change.event,
            actor: change.actor,
            action: change.action,
            before_status: change.before,
            after_status: change.after,
            at: change.at,
          },
        ]);
        return found(await itemRow(trx, { id: change.itemId }));
      }),

    ...createItemInserts(engine, present),
    ...createItemQueries(engine, toItem, (row) => toPublicItem(toItem(row))),
    ...createItemSourceChanges(engine, toItem),
  };
}

export type ItemStore = ReturnType<typeof createItemStore>;
