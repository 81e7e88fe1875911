/** Many rows in one statement: one round trip (and on SQLite one call) per chunk of rows instead of one per row. */

/**
 * Rows per statement: well below SQLite's 32,766 bound parameters and PostgreSQL's 65,535 for any of our tables.
 * Each row count met is a statement of its own in SQLite's statement cache (engine/open.ts): at most this many.
 */
export const ROWS_PER_STATEMENT = 50;

/** `rows` in order, `size` at a time. */
export function* chunks<T>(rows: readonly T[], size = ROWS_PER_STATEMENT): Generator<T[]> {
  for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size);
}
