/** One item row, by id or by key, read on the connection or inside a transaction of the caller. */
import type { Kysely } from 'kysely';
import type { EngineKind } from './engine/open.js';
import type { Tables } from './engine/tables.js';
import type { ItemRow } from './item-rows.js';

export type ItemWhere = { id: number } | { event: string; source: string; sourceId: string };

/**
 * `lockFor`: the engine of a transaction about to change the row from what it reads. On PostgreSQL the row stays
 * locked until the transaction ends, so another node's change to the same item waits, then sees what this one
 * wrote (a moderator's `WHERE status = before` then finds nothing to change). SQLite has no `FOR UPDATE`, and needs
 * none: its writing transactions run one at a time, on its one connection.
 */
export async function itemRow(db: Kysely<Tables>, where: ItemWhere, lockFor?: EngineKind): Promise<ItemRow | null> {
  let query = db.selectFrom('items').selectAll();
  query =
    'id' in where
      ? query.where('id', '=', where.id)
      : query
          .where('event', '=', where.event)
          .where('source', '=', where.source)
          .where('source_id', '=', where.sourceId);
  if (lockFor === 'postgres') query = query.forUpdate();
  return (await query.executeTakeFirst()) ?? null;
}
