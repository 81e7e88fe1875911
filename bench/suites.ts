/** The benchmark suites and their sizes: full (the figures), quick (a short pass), smoke (for npm test). */
import { fanoutTable, runFanout, type FanoutOptions } from './fanout/fanout.js';
import type { Table } from './lib/report.js';
import { intakeTable, runIntake, type IntakeOptions } from './intake/intake.js';
import { moderationTable, runModeration, type ModerationOptions } from './moderation/moderation.js';
import { runWall, wallTable, type WallOptions } from './browser/wall.js';
import { runAdapters, type AdaptersOptions, type Phases } from './adapters/adapters.js';
import { adaptersTable } from './adapters/table.js';

export type Size = 'full' | 'quick' | 'smoke';
export type SuiteName = 'fanout' | 'intake' | 'moderation' | 'wall' | 'adapters';

export interface SuiteResult {
  tables: Table[];
  data: unknown;
}

type Suite = (size: Size, log: (line: string) => void) => Promise<SuiteResult>;

const FANOUT: Record<Size, FanoutOptions> = {
  full: { sizes: [1000, 2000, 5000, 10_000], rounds: 3, steady: 10, steadyIntervalMs: 300, burst: 20, textLength: 400 },
  quick: { sizes: [1000, 5000], rounds: 3, steady: 10, steadyIntervalMs: 200, burst: 20, textLength: 400 },
  smoke: { sizes: [20], rounds: 1, steady: 2, steadyIntervalMs: 10, burst: 3, textLength: 400 },
};

const INTAKE: Record<Size, IntakeOptions> = {
  full: { count: 100_000, rounds: 3 },
  quick: { count: 20_000, rounds: 3 },
  smoke: { count: 500, rounds: 1 },
};

const MODERATION: Record<Size, ModerationOptions> = {
  full: { pending: 50_000, rounds: 3, approvals: 200 },
  quick: { pending: 20_000, rounds: 3, approvals: 100 },
  smoke: { pending: 300, rounds: 1, approvals: 10 },
};

/** Five minutes of items at 10/s in the full run, in three windows with a blank-page baseline after each. */
const WALL: Record<Size, WallOptions> = {
  full: { rounds: 3, windowSeconds: 100, baselineSeconds: 15, itemsPerSecond: 10, warmUpSeconds: 5 },
  quick: { rounds: 3, windowSeconds: 20, baselineSeconds: 5, itemsPerSecond: 10, warmUpSeconds: 3 },
  smoke: { rounds: 1, windowSeconds: 2, baselineSeconds: 1, itemsPerSecond: 5, warmUpSeconds: 1 },
};

/**
 * Issue 16: 2 nodes × 9,000 walls at 10 items/s, the ~1 KB item (30 steady, then a burst of 20), then a ~10 KB
 * one past NOTIFY's 8,000 bytes (fewer: the clients' core parses ten times as much per delivery).
 */
const ADAPTERS: Record<Size, AdaptersOptions> = {
  full: adapterSizes(9000, 3, { steady: 30, burst: 20 }, { steady: 10, burst: 5 }),
  quick: adapterSizes(2000, 2, { steady: 30, burst: 20 }, { steady: 10, burst: 5 }),
  smoke: adapterSizes(20, 1, { steady: 5, burst: 3 }, { steady: 3, burst: 2 }),
};

function adapterSizes(clientsPerNode: number, rounds: number, item: Phases, long: Phases): AdaptersOptions {
  return { clientsPerNode, rounds, itemsPerSecond: 10, textLength: 400, item, longBytes: 10_000, long };
}

export const SUITES: Record<SuiteName, Suite> = {
  async fanout(size, log) {
    const results = await runFanout(FANOUT[size], log);
    return { tables: [fanoutTable(results)], data: results };
  },
  async intake(size, log) {
    const result = await runIntake(INTAKE[size], log);
    return { tables: [intakeTable(result)], data: result };
  },
  async moderation(size, log) {
    const result = await runModeration(MODERATION[size], log);
    return { tables: [moderationTable(result)], data: result };
  },
  async wall(size, log) {
    const result = await runWall(WALL[size], log);
    return { tables: [wallTable(result, WALL[size])], data: result };
  },
  async adapters(size, log) {
    const report = await runAdapters(ADAPTERS[size], log);
    return { tables: [adaptersTable(report)], data: report };
  },
};
