/** Many rows in one INSERT statement: one call into SQLite per chunk instead of one per row. */
import type { Statement } from 'better-sqlite3';
import type { Db } from './db.js';

/** Rows per statement: well below SQLite's 32,766 bound parameters for any of our tables. */
export const ROWS_PER_STATEMENT = 50;

export interface MultiRowInsert {
  /**
   * Inserts rows in order, in chunks; `values` holds them one after the other, one value per column in the
   * columns' order. Flat, so a chunk binds as it is, with no array per row to build and flatten again.
   */
  run(values: readonly unknown[]): void;
}

/** A statement is prepared once per chunk size met: the full one, and the few sizes of a batch's last chunk. */
export function createMultiRowInsert(
  db: Db,
  table: string,
  columns: readonly string[],
  rowsPerStatement = ROWS_PER_STATEMENT,
): MultiRowInsert {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const statements = new Map<number, Statement<unknown[]>>();
  function statementFor(rows: number): Statement<unknown[]> {
    let statement = statements.get(rows);
    if (!statement) {
      const values = Array.from({ length: rows }, () => tuple).join(', ');
      statement = db.prepare<unknown[]>(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}`);
      statements.set(rows, statement);
    }
    return statement;
  }
  const width = columns.length;
  return {
    run(values) {
      if (values.length % width !== 0) throw new Error(`${values.length} values do not make rows of ${width}`);
      const chunkSize = rowsPerStatement * width;
      for (let start = 0; start < values.length; start += chunkSize) {
        const chunk = values.slice(start, start + chunkSize);
        statementFor(chunk.length / width).run(...chunk); // spread: an array argument binds far slower
      }
    },
  };
}
