/** The printed table and the JSON report of a benchmark run. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

export type Cell = string | number | boolean | null;

export interface Table {
  title: string;
  columns: string[];
  rows: Cell[][];
  /** Targets met or missed, one line each (`✓`/`✗`). */
  verdicts?: string[];
}

export interface Report {
  date: string;
  machine: { cpus: number; model: string; memoryGiB: number; node: string; platform: string };
  command: string;
  tables: Table[];
  /** Everything measured, per suite, for later comparison. */
  data: Record<string, unknown>;
}

export function machine(): Report['machine'] {
  const cores = cpus();
  return {
    cpus: cores.length,
    model: cores[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

const show = (cell: Cell): string =>
  cell === null ? '–' : typeof cell === 'number' ? (Number.isFinite(cell) ? String(cell) : '–') : String(cell);

/** A Markdown table: readable in a terminal and pasteable into bench/RESULTS.md as is. */
export function renderTable(table: Table): string {
  const cells = [table.columns, ...table.rows.map((row) => row.map(show))];
  const widths = table.columns.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [
    `### ${table.title}`,
    '',
    line(table.columns),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...cells.slice(1).map(line),
    ...(table.verdicts?.length ? ['', ...table.verdicts.map((verdict) => `- ${verdict}`)] : []),
  ].join('\n');
}

export function writeReport(report: Report, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${report.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

/** `✓ label (value)` when the check holds, `✗ …` otherwise. */
export const verdict = (ok: boolean, label: string): string => `${ok ? '✓' : '✗'} ${label}`;
