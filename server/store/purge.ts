/**
 * Removing an event's data for good: on an admin's request, or past the event's retention period. Items, their
 * log entries, the author rules and the uploaded photos no other item shows go in one transaction; the caller
 * deletes the files of the photos it is given (an earlier version kept them in the data folder).
 */
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Media } from '../protocol/items.js';
import type { Engine, EngineKind } from './engine/open.js';
import type { Tables } from './engine/tables.js';

const UPLOADS = '/media/uploads/';

export interface PurgeResult {
  items: number;
  logEntries: number;
  /** `/media/uploads/...` paths of photos (and of their previews) only these items used. */
  uploads: string[];
}

/** The photos (and previews) people sent among these media columns. */
function uploadsIn(mediaColumns: readonly string[]): Set<string> {
  const uploads = new Set<string>();
  for (const json of mediaColumns) {
    if (!json.includes(UPLOADS)) continue;
    for (const media of JSON.parse(json) as Media[]) {
      for (const url of [media.url, media.previewUrl]) if (url?.startsWith(UPLOADS)) uploads.add(url);
    }
  }
  return uploads;
}

/** Whether `text` is in the column, as it is (neither engine's LIKE: SQLite's ignores case, and `_` matches any). */
function mentions(engine: EngineKind, column: 'media', text: string): RawBuilder<SqlBool> {
  return engine === 'postgres'
    ? sql<SqlBool>`strpos(${sql.ref(column)}, ${text}) > 0`
    : sql<SqlBool>`instr(${sql.ref(column)}, ${text}) > 0`;
}

async function purgeIn(
  trx: Kysely<Tables>,
  engine: EngineKind,
  event: string,
  before: number,
  everything: boolean,
): Promise<PurgeResult> {
  // The media of exactly the items deleted, whatever another node adds meanwhile.
  const deleted = await trx
    .deleteFrom('items')
    .where('event', '=', event)
    .where('received_at', '<', before)
    .returning('media')
    .execute();
  // The entries of the event's items that are no more: the deleted ones (and any a purge before left).
  const log = await trx
    .deleteFrom('moderation_log')
    .where('event', '=', event)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('items').select('id').whereRef('items.id', '=', 'moderation_log.item_id'))),
    )
    .executeTakeFirst();
  if (everything) {
    await trx.deleteFrom('author_rules').where('event', '=', event).execute();
    await trx.updateTable('events').set({ announcement: null }).where('slug', '=', event).execute();
  }
  // A photo shared by several items (the same upload sent twice) stays while one of them does.
  const unused: string[] = [];
  for (const url of uploadsIn(deleted.map((row) => row.media))) {
    const used = await trx
      .selectFrom('items')
      .select('id')
      .where(mentions(engine, 'media', url))
      .limit(1)
      .execute();
    if (used.length === 0) unused.push(url);
  }
  if (unused.length > 0) {
    const names = unused.map((url) => url.slice(UPLOADS.length));
    await trx.deleteFrom('uploads').where('name', 'in', names).execute();
  }
  return { items: deleted.length, logEntries: Number(log.numDeletedRows), uploads: unused };
}

export function createPurge(engine: Engine) {
  const purge = (event: string, before: number, everything: boolean): Promise<PurgeResult> =>
    engine.db.transaction().execute((trx) => purgeIn(trx, engine.kind, event, before, everything));
  return {
    /** Everything the event holds: items, log, banned/trusted authors (their keys are contact tags), announcement. */
    event: (event: string): Promise<PurgeResult> => purge(event, Number.MAX_SAFE_INTEGER, true),
    /** Items received before `cutoff` and their log entries. */
    olderThan: (event: string, cutoff: number): Promise<PurgeResult> => purge(event, cutoff, false),
  };
}

export type Purge = ReturnType<typeof createPurge>;
