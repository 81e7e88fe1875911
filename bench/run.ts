/**
 * `npm run bench [-- --quick] [-- --only fanout,intake,moderation,wall]`: runs the benchmarks, prints one table
 * per suite and writes a JSON report to bench/results/. Every figure is measured beside its baseline in the same
 * run: these machines are shared and noisy, so only ratios taken together mean something.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { machine, renderTable, writeReport, type Report, type Table } from './lib/report.js';
import { SUITES, type SuiteName, type Size } from './suites.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    /** Tiny sizes, for the smoke test in `npm test`: checks the scripts run, measures nothing worth reading. */
    smoke: { type: 'boolean', default: false },
    only: { type: 'string' },
    out: { type: 'string', default: fileURLToPath(new URL('./results/', import.meta.url)) },
  },
});

const size: Size = values.smoke ? 'smoke' : values.quick ? 'quick' : 'full';
const names = (values.only?.split(',') ?? Object.keys(SUITES)) as SuiteName[];
for (const name of names) {
  if (!(name in SUITES)) throw new Error(`unknown suite ${name}; known: ${Object.keys(SUITES).join(', ')}`);
}

const log = (line: string) => console.error(`[bench] ${line}`);
const tables: Table[] = [];
const data: Record<string, unknown> = {};
const failed: string[] = [];
for (const name of names) {
  log(`${name} (${size})…`);
  const started = Date.now();
  try {
    const result = await SUITES[name](size, log);
    tables.push(...result.tables);
    data[name] = result.data;
    log(`${name} done in ${Math.round((Date.now() - started) / 1000)} s`);
  } catch (error) {
    // The suites already measured are worth keeping (a full run takes a quarter of an hour): the report says
    // which failed and why, and the exit code tells the caller.
    const message = error instanceof Error ? error.message : String(error);
    log(`${name} failed after ${Math.round((Date.now() - started) / 1000)} s: ${message}`);
    failed.push(name);
    data[name] = { error: message };
    tables.push({ title: `${name}: failed`, columns: ['error'], rows: [[message.split('\n')[0]!]] });
  }
}

const report: Report = {
  date: new Date().toISOString(),
  machine: machine(),
  command: `npm run bench${size === 'full' ? '' : ` -- --${size}`}${values.only ? ` --only ${values.only}` : ''}`,
  tables,
  data,
};
const m = report.machine;
console.log(`Run ${report.date} on ${m.cpus} × ${m.model}, ${m.memoryGiB} GiB, Node ${m.node}: ${report.command}\n`);
for (const table of tables) console.log(`${renderTable(table)}\n`);
log(`report written to ${writeReport(report, values.out)}`);
if (failed.length > 0) {
  log(`failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
