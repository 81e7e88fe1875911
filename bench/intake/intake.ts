/** Intake: items per second through the whole pipeline into SQLite, against plain prepared inserts. */
import { coreFor, startChild } from '../lib/child.js';
import { median, ratio, round } from '../lib/stats.js';
import { verdict, type Table } from '../lib/report.js';

export interface IntakeOptions {
  count: number;
  rounds: number;
}

interface OursRun {
  itemsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  outcomes: Record<string, number>;
}

export interface IntakeResult {
  count: number;
  ours: OursRun[];
  baseline: { itemsPerSecond: number }[];
  stages: Record<string, number>[];
}

export async function runIntake(options: IntakeOptions, log: (line: string) => void): Promise<IntakeResult> {
  const worker = startChild(new URL('./worker.ts', import.meta.url), { core: coreFor('server') });
  const result: IntakeResult = { count: options.count, ours: [], baseline: [], stages: [] };
  try {
    for (let roundIndex = 0; roundIndex < options.rounds; roundIndex += 1) {
      // In turns, the first one alternating, so neither always runs on a warmer (or busier) machine.
      const order = roundIndex % 2 === 0 ? (['ours', 'baseline'] as const) : (['baseline', 'ours'] as const);
      for (const contender of order) {
        if (contender === 'ours')
          result.ours.push(await worker.request<OursRun>({ type: 'ours', count: options.count }));
        else result.baseline.push(await worker.request({ type: 'baseline', count: options.count }));
      }
      result.stages.push(await worker.request({ type: 'stages', count: options.count }));
      log(
        `intake round ${roundIndex + 1}: ${Math.round(result.ours.at(-1)!.itemsPerSecond)} items/s, ` +
          `baseline ${Math.round(result.baseline.at(-1)!.itemsPerSecond)} rows/s`,
      );
    }
  } finally {
    await worker.stop();
  }
  return result;
}

export function intakeTable(result: IntakeResult): Table {
  const ours = median(result.ours.map((run) => run.itemsPerSecond));
  const base = median(result.baseline.map((run) => run.itemsPerSecond));
  const stage = (name: string) => round(median(result.stages.map((s) => s[name] ?? Number.NaN)), 2);
  const outcomes = result.ours[0]?.outcomes ?? {};
  return {
    title: `Intake: ${result.count.toLocaleString('en')} mixed payloads (10% duplicates, 5% hostile HTML), one core`,
    columns: [
      'contender',
      'items/s',
      'p50 ms',
      'p99 ms',
      'µs normalize',
      'µs sanitize',
      'µs dedupe',
      'µs filter',
      'µs store',
      '× baseline',
    ],
    rows: [
      [
        'full pipeline (ours)',
        Math.round(ours),
        round(median(result.ours.map((run) => run.p50Ms)), 2),
        round(median(result.ours.map((run) => run.p99Ms)), 2),
        stage('normalize'),
        stage('sanitize'),
        stage('dedupe'),
        stage('filter'),
        stage('store'),
        ratio(ours, base),
      ],
      ['plain inserts, 100-row transactions', Math.round(base), null, null, null, null, null, null, null, 1],
    ],
    verdicts: [
      verdict(ours >= 10_000, `at least 10,000 items/s through the full pipeline (${Math.round(ours)})`),
      `outcomes: ${Object.entries(outcomes)
        .map(([kind, n]) => `${kind} ${n}`)
        .join(', ')}`,
    ],
  };
}
