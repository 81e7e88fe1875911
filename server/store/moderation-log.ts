/** Reads of the append-only moderation log: an event's audit trail and an item's last change. */
import type { ItemStatus } from '../protocol/items.js';
import type { AuditEntry, AuditPage } from '../protocol/moderation.js';
import type { Db } from './db.js';
import { encodeCursor, type Cursor } from './cursor.js';

const SELECT_AUDIT = `
SELECT l.id, l.item_id, l.actor, l.action, l.before_status, l.after_status, l.detail, l.at,
  substr(coalesce(i.text, ''), 1, 120) AS excerpt
FROM moderation_log l LEFT JOIN items i ON i.id = l.item_id
WHERE l.event = ? AND (l.at, l.id) < (?, ?)
ORDER BY l.at DESC, l.id DESC LIMIT ?`;
const SELECT_LAST_ENTRY = `
SELECT actor, action, before_status, after_status FROM moderation_log WHERE item_id = ? ORDER BY id DESC LIMIT 1`;

interface AuditRow {
  id: number;
  item_id: number;
  actor: string;
  action: string;
  before_status: ItemStatus | null;
  after_status: ItemStatus;
  detail: string | null;
  at: number;
  excerpt: string;
}

export interface LastEntry {
  actor: string;
  action: string;
  before: ItemStatus | null;
  after: ItemStatus;
}

const MAX = Number.MAX_SAFE_INTEGER;

export function createModerationLog(db: Db) {
  const statements = {
    audit: db.prepare<[string, number, number, number], AuditRow>(SELECT_AUDIT),
    last: db.prepare<[number], Omit<AuditRow, 'id' | 'item_id' | 'detail' | 'at' | 'excerpt'>>(SELECT_LAST_ENTRY),
  };
  return {
    /** Newest first, every action of every moderator and of the filter. */
    async audit(event: string, limit: number, before?: Cursor): Promise<AuditPage> {
      const rows = statements.audit.all(event, before?.at ?? MAX, before?.id ?? MAX, limit + 1);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const entries: AuditEntry[] = page.map((row) => ({
        id: row.id,
        itemId: row.item_id,
        actor: row.actor,
        action: row.action,
        before: row.before_status,
        after: row.after_status,
        detail: row.detail,
        at: row.at,
        excerpt: row.excerpt,
      }));
      return { entries, next: rows.length > limit && last ? encodeCursor({ at: last.at, id: last.id }) : null };
    },

    /** The latest entry about an item: undo reverts it only if it is the moderator's own. */
    async lastEntry(itemId: number): Promise<LastEntry | null> {
      const row = statements.last.get(itemId);
      return row ? { actor: row.actor, action: row.action, before: row.before_status, after: row.after_status } : null;
    },
  };
}

export type ModerationLog = ReturnType<typeof createModerationLog>;
