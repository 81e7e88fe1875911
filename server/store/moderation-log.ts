/**
 * The append-only moderation log (the database refuses to change a row of it): the one way entries are written,
 * and its reads, an event's audit trail and an item's last change.
 */
import { sql, type Insertable, type Kysely } from 'kysely';
import type { ItemStatus } from '../protocol/items.js';
import type { AuditEntry, AuditPage } from '../protocol/moderation.js';
import type { Engine } from './engine/open.js';
import type { ModerationLogTable, Tables } from './engine/tables.js';
import { encodeCursor, type Cursor } from './cursor.js';
import { chunks } from './multi-row.js';

export type LogEntry = Omit<Insertable<ModerationLogTable>, 'id'>;

/** Appends entries in order, many per statement, on `db`: the transaction of the change they record. */
export async function appendLog(db: Kysely<Tables>, entries: readonly LogEntry[]): Promise<void> {
  for (const chunk of chunks(entries)) await db.insertInto('moderation_log').values(chunk).execute();
}

export interface LastEntry {
  actor: string;
  action: string;
  before: ItemStatus | null;
  after: ItemStatus;
}

const MAX = Number.MAX_SAFE_INTEGER;

export function createModerationLog({ db }: Engine) {
  return {
    /** Newest first, every action of every moderator and of the filter. */
    async audit(event: string, limit: number, before?: Cursor): Promise<AuditPage> {
      const rows = await db
        .selectFrom('moderation_log as l')
        .leftJoin('items as i', 'i.id', 'l.item_id')
        .select(['l.id', 'l.item_id', 'l.actor', 'l.action', 'l.before_status', 'l.after_status', 'l.detail', 'l.at'])
        .select(sql<string>`substr(coalesce(${sql.ref('i.text')}, ''), 1, 120)`.as('excerpt'))
        .where('l.event', '=', event)
        .where((eb) => eb(eb.refTuple('l.at', 'l.id'), '<', eb.tuple(before?.at ?? MAX, before?.id ?? MAX)))
        .orderBy('l.at', 'desc')
        .orderBy('l.id', 'desc')
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const entries: AuditEntry[] = page.map((row) => ({
        id: row.id,
        itemId: row.item_id,
        actor: row.actor,
        action: row.action,
        before: row.before_status as ItemStatus | null,
        after: row.after_status as ItemStatus,
        detail: row.detail,
        at: row.at,
        excerpt: row.excerpt,
      }));
      return { entries, next: rows.length > limit && last ? encodeCursor({ at: last.at, id: last.id }) : null };
    },

    /** The latest entry about an item: undo reverts it only if it is the moderator's own. */
    async lastEntry(itemId: number): Promise<LastEntry | null> {
      const row = await db
        .selectFrom('moderation_log')
        .select(['actor', 'action', 'before_status', 'after_status'])
        .where('item_id', '=', itemId)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!row) return null;
      return {
        actor: row.actor,
        action: row.action,
        before: row.before_status as ItemStatus | null,
        after: row.after_status as ItemStatus,
      };
    },
  };
}

export type ModerationLog = ReturnType<typeof createModerationLog>;
