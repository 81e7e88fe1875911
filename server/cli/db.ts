/**
 * The database from the command line:
 *   npm run db -- copy --from ./data/murmure.db --to postgres://user:pass@host/murmure
 * copies a whole installation into an empty database (ids kept, one transaction) and checks every table's count
 * on both sides. Stop the server first: a copy of a database that is still being written would miss the last rows.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { copyDatabase } from '../store/engine/copy.js';
import { isPostgresUrl, openEngine, withoutPassword, type Engine } from '../store/engine/open.js';

const USAGE = 'Usage: npm run db -- copy --from <SQLite file or postgres:// URL> --to <postgres:// URL or SQLite file>';

export async function runDb(argv: string[], print: (line: string) => void): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { from: { type: 'string' }, to: { type: 'string' } },
    });
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${USAGE}`, { cause: error });
  }
  const { values, positionals } = parsed;
  if (positionals[0] !== 'copy' || !values.from || !values.to) throw new Error(USAGE);
  if (values.from === values.to) throw new Error('--from and --to are the same database.');
  // Opening a file that does not exist would create an empty one and copy nothing.
  if (!isPostgresUrl(values.from) && !existsSync(values.from)) throw new Error(`No database file at ${values.from}.`);
  const opened: Engine[] = [];
  try {
    const from = await openEngine(values.from);
    opened.push(from);
    const to = await openEngine(values.to);
    opened.push(to);
    print(`Copying ${withoutPassword(values.from)} to ${withoutPassword(values.to)}…`);
    const counts = await copyDatabase(from, to);
    for (const { table, to: rows } of counts) print(`  ${table.padEnd(16)} ${rows}`);
    print('Done: every table has the same number of rows on both sides.');
  } finally {
    for (const engine of opened) await engine.close();
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  runDb(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
