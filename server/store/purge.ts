/**
 * Removing an event's data for good: on an admin's request, or past the event's retention period. Items, their
 * log entries and the author rules go in one transaction; the caller deletes the uploaded photos it is given.
 */
import type { Db } from './db.js';

const SELECT_UPLOADS = `
SELECT DISTINCT f.value FROM items i, json_each(i.media) m,
  json_each(json_array(json_extract(m.value, '$.url'), json_extract(m.value, '$.previewUrl'))) f
WHERE i.event = @event AND i.received_at < @before AND f.value LIKE '/media/uploads/%'`;
const DELETE_LOG = `
DELETE FROM moderation_log WHERE event = @event AND item_id IN (SELECT id FROM items WHERE event = @event AND received_at < @before)`;
const DELETE_ITEMS = 'DELETE FROM items WHERE event = @event AND received_at < @before';
const DELETE_AUTHOR_RULES = 'DELETE FROM author_rules WHERE event = @event';
const CLEAR_ANNOUNCEMENT = 'UPDATE events SET announcement = NULL WHERE slug = @event';
/** A photo shared by several items (the same upload sent twice) stays while one of them does. */
const STILL_USED = "SELECT 1 FROM items WHERE media LIKE '%' || ? || '%' LIMIT 1";

export interface PurgeResult {
  items: number;
  logEntries: number;
  /** `/media/uploads/...` paths of photos (and of their previews) only these items used. */
  uploads: string[];
}

export function createPurge(db: Db) {
  const statements = {
    uploads: db.prepare<{ event: string; before: number }, string>(SELECT_UPLOADS).pluck(),
    log: db.prepare(DELETE_LOG),
    items: db.prepare(DELETE_ITEMS),
    authorRules: db.prepare(DELETE_AUTHOR_RULES),
    announcement: db.prepare(CLEAR_ANNOUNCEMENT),
    stillUsed: db.prepare<[string], 1>(STILL_USED).pluck(),
  };

  const purge = db.transaction((event: string, before: number, everything: boolean): PurgeResult => {
    const params = { event, before };
    const uploads = statements.uploads.all(params);
    const logEntries = statements.log.run(params).changes;
    const items = statements.items.run(params).changes;
    if (everything) {
      statements.authorRules.run({ event });
      statements.announcement.run({ event });
    }
    return { items, logEntries, uploads: uploads.filter((url) => statements.stillUsed.get(url) === undefined) };
  });

  return {
    /** Everything the event holds: items, log, banned/trusted authors (their keys are contact tags), announcement. */
    event: async (event: string): Promise<PurgeResult> => purge(event, Number.MAX_SAFE_INTEGER, true),
    /** Items received before `cutoff` and their log entries. */
    olderThan: async (event: string, cutoff: number): Promise<PurgeResult> => purge(event, cutoff, false),
  };
}

export type Purge = ReturnType<typeof createPurge>;
