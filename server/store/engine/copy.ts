/**
 * Copies a whole installation from one database to another (SQLite to PostgreSQL when an event outgrows one
 * machine; either way works): every table in parent-first order, ids kept, in one transaction on the target, then
 * verified by counting each table on both sides. The target must be empty: a copy never merges.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Engine } from './open.js';
import { TABLE_ORDER, type Tables } from './tables.js';

/** Rows per INSERT: under both engines' limits on bound values (items have 30 columns). */
const ROWS_PER_INSERT = 500;

export interface CopyCount {
  table: string;
  from: number;
  to: number;
}

export class CopyRefused extends Error {
  override readonly name = 'CopyRefused';
}

async function count(db: Kysely<Tables> | Transaction<Tables>, table: keyof Tables): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function copyDatabase(
  from: Engine,
  to: Engine,
  progress: (table: string, rows: number) => void = () => undefined,
): Promise<CopyCount[]> {
  for (const table of TABLE_ORDER) {
    if ((await count(to.db, table)) > 0)
      throw new CopyRefused(`the target already has data (table ${table}): copy into an empty database only`);
  }
  await to.db.transaction().execute(async (trx) => {
    for (const table of TABLE_ORDER) {
      let copied = 0;
      for await (const rows of pages(from.db, table)) {
        await trx
          .insertInto(table)
          .values(rows as never)
          .execute();
        copied += rows.length;
        progress(table, copied);
      }
    }
    if (to.kind === 'postgres') await moveSequences(trx);
  });
  const counts: CopyCount[] = [];
  for (const table of TABLE_ORDER)
    counts.push({ table, from: await count(from.db, table), to: await count(to.db, table) });
  const differ = counts.filter((c) => c.from !== c.to);
  if (differ.length > 0)
    throw new Error(`the copy differs: ${differ.map((c) => `${c.table} ${c.from} → ${c.to}`).join(', ')}`);
  return counts;
}

const WITH_ID = new Set<keyof Tables>(['items', 'moderation_log', 'moderators', 'sources']);

/**
 * A table's rows, a page at a time: after the last id for the tables that have one (the large ones), by offset in
 * primary-key order for the small rest.
 */
async function* pages(
  db: Kysely<Tables>,
  table: (typeof TABLE_ORDER)[number],
): AsyncGenerator<Record<string, unknown>[]> {
  if (WITH_ID.has(table)) {
    const idTable = table as 'items';
    let after = -1;
    for (;;) {
      const rows = await db
        .selectFrom(idTable)
        .selectAll()
        .where('id', '>', after)
        .orderBy('id')
        .limit(ROWS_PER_INSERT)
        .execute();
      if (rows.length === 0) return;
      yield rows;
      after = rows.at(-1)!.id;
    }
  }
  for (let offset = 0; ; offset += ROWS_PER_INSERT) {
    const rows = await db
      .selectFrom(table)
      .selectAll()
      .orderBy(sql.raw(KEY[table]))
      .limit(ROWS_PER_INSERT)
      .offset(offset)
      .execute();
    if (rows.length === 0) return;
    yield rows;
  }
}

/** The primary key of the tables without an id. */
const KEY: Record<(typeof TABLE_ORDER)[number], string> = {
  events: 'slug',
  sessions: 'token_hash',
  install_settings: 'key',
  uploads: 'name',
  source_state: 'event, kind, key',
  author_rules: 'event, author_key',
  moderators: 'id',
  sources: 'id',
  items: 'id',
  moderation_log: 'id',
};

/** Ids were copied as they were: each identity's next value goes past the largest copied one. */
async function moveSequences(trx: Transaction<Tables>): Promise<void> {
  for (const table of ['items', 'moderation_log', 'moderators', 'sources'] as const) {
    await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), coalesce((SELECT max(id) FROM ${sql.table(table)}), 0) + 1, false)`.execute(
      trx,
    );
  }
}
