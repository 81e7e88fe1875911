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
  /** Payloads offered as streams and webhooks bring them (see worker.ts): the figure the target is about. */
  ours: OursRun[];
  /** The same, 100 at a time, each hundred waiting for all its answers (the first runs' load). */
  lockstep: OursRun[];
  baseline: { itemsPerSecond: number }[];
  stages: Record<string, number>[];
}

export async function runIntake(options: IntakeOptions, log: (line: string) => void): Promise<IntakeResult> {
  const worker = startChild(new URL('./worker.ts', import.meta.url), { core: coreFor('server') });
  const result: IntakeResult = { count: options.count, ours: [], lockstep: [], baseline: [], stages: [] };
  const contenders = ['ours', 'lockstep', 'baseline'] as const;
  try {
    for (let roundIndex = 0; roundIndex < options.rounds; roundIndex += 1) {
      // In turns, the first one rotating, so none always runs on a warmer (or busier) machine.
      const order = contenders.map((_, i) => contenders[(i + roundIndex) % contenders.length]!);
      for (const contender of order) {
        if (contender === 'baseline')
          result.baseline.push(await worker.request({ type: 'baseline', count: options.count }));
        else {
          const load = contender === 'ours' ? 'stream' : 'lockstep';
          result[contender].push(await worker.request<OursRun>({ type: 'ours', count: options.count, load }));
        }
      }
      result.stages.push(await worker.request({ type: 'stages', count: options.count }));
      log(
        `intake round ${roundIndex + 1}: ${Math.round(result.ours.at(-1)!.itemsPerSecond)} items/s ` +
          `(lockstep ${Math.round(result.lockstep.at(-1)!.itemsPerSecond)}), ` +
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
  const lockstep = median(result.lockstep.map((run) => run.itemsPerSecond));
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
        'full pipeline (ours), as streams send',
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
      [
        'full pipeline, 100 at a time (lockstep)',
        Math.round(lockstep),
        round(median(result.lockstep.map((run) => run.p50Ms)), 2),
        round(median(result.lockstep.map((run) => run.p99Ms)), 2),
        null,
        null,
        null,
        null,
        null,
        ratio(lockstep, base),
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
