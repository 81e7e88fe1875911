/** Many rows in one statement: one round trip (and on SQLite one call) per chunk of rows instead of one per row. */
import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { Tables } from './engine/tables.js';

/**
 * Rows per statement: well below SQLite's 32,766 bound parameters and PostgreSQL's 65,535 for any of our tables.
 * Each row count met is a statement of its own in SQLite's statement cache (engine/open.ts): at most this many.
 */
export const ROWS_PER_STATEMENT = 50;

/** `rows` in order, `size` at a time. */
export function* chunks<T>(rows: readonly T[], size = ROWS_PER_STATEMENT): Generator<T[]> {
  for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size);
}

/**
 * A multi-row INSERT whose SQL the query layer writes once per row count, in the engine's own words and
 * placeholders, then runs with the rows' values bound column after column. Building and compiling the query
 * again for every chunk of a batch (an object per value) was most of what the query layer added to intake's
 * store time (bench/intake). One per engine: its SQL is that engine's.
 */
export function createMultiRowInsert<Row extends object, Returned = unknown>(
  columns: readonly (keyof Row & string)[],
  build: (db: Kysely<Tables>, rows: Row[]) => Compilable,
) {
  const template = Object.fromEntries(columns.map((column) => [column, null])) as Row;
  const statements = new Map<number, string>();
  /** Inserts `rows` in order, a chunk per statement, on `db` (the caller's transaction); what they return. */
  return async (db: Kysely<Tables>, rows: readonly Row[]): Promise<Returned[]> => {
    const returned: Returned[] = [];
    for (const chunk of chunks(rows)) {
      let text = statements.get(chunk.length);
      if (text === undefined) {
        text = build(db, new Array<Row>(chunk.length).fill(template)).compile().sql;
        statements.set(chunk.length, text);
      }
      const values: unknown[] = [];
      for (const row of chunk) for (const column of columns) values.push(row[column]);
      returned.push(...(await db.executeQuery<Returned>(CompiledQuery.raw(text, values))).rows);
    }
    return returned;
  };
}
