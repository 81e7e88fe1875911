/** The adapters' table: one row per payload and contender, the steady phase beside the burst, ratios to one node. */
import { ratio } from '../lib/stats.js';
import { verdict, type Cell, type Table } from '../lib/report.js';
import type { AdaptersReport, AdaptersResult, Contender } from './adapters.js';

const COLUMNS = [
  'payload B',
  'contender',
  'nodes × clients',
  'steady p50',
  'p99',
  'max',
  'last client p50/max',
  'first client A / B p50',
  'burst p50 / p99 / last client max',
  'reach',
  'items out of order (worst round) steady / burst',
  'CPU ms/broadcast A / B / service, steady',
  'same, burst',
  'steady p50 ×1N / ×2N',
  'steady p99 ×1N / ×2N',
];

const pair = (a: number, b: number): string => `${a} / ${b}`;
const trio = (a: number, b: number, c: number): string =>
  [a, b, c].map((value) => (Number.isFinite(value) ? String(value) : '–')).join(' / ');

/** The worst round, on A + B: one reordering is worth knowing of even when the other rounds had none. */
const mostReordered = (result: AdaptersResult): number =>
  Math.max(...result.rounds.map((r) => r.reorderedOnA + r.reorderedOnB));

function row(result: AdaptersResult, burst: AdaptersResult, find: (c: Contender) => AdaptersResult | undefined) {
  const { median: steady } = result;
  const one = find('one node')?.median;
  const double = find('one node, 2N')?.median;
  const versus = (field: 'p50' | 'p99') =>
    pair(ratio(steady[field], one?.[field] ?? Number.NaN), ratio(steady[field], double?.[field] ?? Number.NaN));
  return [
    result.payloadBytes,
    result.contender,
    `${result.nodes} × ${result.clientsPerNode}`,
    steady.p50,
    steady.p99,
    steady.max,
    pair(steady.lastClientP50, steady.lastClientMax),
    result.nodes > 1 ? pair(steady.firstOnAP50, steady.firstOnBP50) : String(steady.firstOnAP50),
    `${burst.median.p50} / ${burst.median.p99} / ${burst.median.lastClientMax}`,
    Math.min(steady.reach, burst.median.reach),
    pair(mostReordered(result), mostReordered(burst)),
    trio(steady.cpuMsA, steady.cpuMsB, steady.cpuMsService),
    trio(burst.median.cpuMsA, burst.median.cpuMsB, burst.median.cpuMsService),
    versus('p50'),
    versus('p99'),
  ] satisfies Cell[];
}

export function adaptersTable(report: AdaptersReport): Table {
  const steady = report.results.filter((result) => result.phase === 'steady');
  const burstOf = (of: AdaptersResult) =>
    report.results.find(
      (r) => r.phase === 'burst' && r.contender === of.contender && r.payloadBytes === of.payloadBytes,
    )!;
  const rows: Cell[][] = steady.map((result) =>
    row(result, burstOf(result), (contender) =>
      steady.find((r) => r.contender === contender && r.payloadBytes === result.payloadBytes),
    ),
  );
  for (const { contender, reason } of report.skipped) {
    rows.push(['', contender, `skipped: ${reason}`, ...Array<Cell>(COLUMNS.length - 3).fill(null)]);
  }
  const verdicts = steady
    .filter((result) => result.nodes > 1)
    .map((result) =>
      verdict(
        [...result.rounds, ...burstOf(result).rounds].every((round) => round.reach === 1),
        `${result.contender}, ${result.payloadBytes} B: reach exactly 1 on both nodes in every round and phase`,
      ),
    );
  return {
    title: 'Socket.io adapters: broadcast on node A → received by every client of nodes A and B (medians; ms)',
    columns: COLUMNS,
    rows,
    verdicts,
  };
}
