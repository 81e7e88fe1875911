/**
 * The benchmark scripts at tiny sizes, so they cannot rot: every suite runs end to end against the real server
 * and writes its report. Nothing here looks at timings (a shared machine makes them meaningless in a test).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../bench/lib/report.js';
import type { FanoutResult } from '../../bench/fanout/fanout.js';
import type { IntakeResult } from '../../bench/intake/intake.js';
import type { ModerationResult } from '../../bench/moderation/moderation.js';
import type { WallResult } from '../../bench/browser/wall.js';
import type { AdaptersReport } from '../../bench/adapters/adapters.js';
import { CONTENDERS } from '../../bench/adapters/contenders.js';

const out = mkdtempSync(join(tmpdir(), 'murmure-bench-smoke-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('npm run bench -- --smoke', () => {
  it('runs every suite and writes a report with a table each', { timeout: 300_000 }, async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'bench/run.ts', '--smoke', '--out', out],
      { cwd: new URL('../..', import.meta.url), maxBuffer: 16 * 1024 * 1024 },
    );
    const report = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8')) as Report;
    expect(report.tables.map((table) => table.title)).toEqual([
      expect.stringContaining('Fan-out'),
      expect.stringContaining('Intake'),
      expect.stringContaining('Moderation'),
      expect.stringContaining('Wall in chromium'),
      expect.stringContaining('Socket.io adapters'),
    ]);
    for (const table of report.tables) expect(stdout).toContain(`### ${table.title}`);

    const fanout = report.data.fanout as FanoutResult[];
    expect(fanout.map((result) => result.contender)).toEqual(['murmure', 'socketio', 'ws']);
    for (const result of fanout) expect(result.median.reach).toBe(1);

    const intake = report.data.intake as IntakeResult;
    expect(intake.ours[0]?.outcomes).toEqual({ stored: 450, duplicate: 50 });
    expect(intake.lockstep[0]?.outcomes).toEqual({ stored: 450, duplicate: 50 });
    expect(intake.baseline[0]?.itemsPerSecond).toBeGreaterThan(0);

    const moderation = report.data.moderation as ModerationResult;
    expect(moderation.pending).toBeGreaterThanOrEqual(300);
    expect(moderation.rounds[0]?.snapshotItems).toBe(100);

    const wall = report.data.wall as WallResult;
    expect(wall.itemsShown).toBeGreaterThan(20);
    expect(wall.wall[0]?.domNodes).toBeGreaterThan(0);
    expect(wall.bundles.map((bundle) => bundle.app)).toEqual(['wall', 'moderation']);

    // Without redis-server or PostgreSQL here, their adapters are skipped with the reason, not failed.
    const adapters = report.data.adapters as AdaptersReport;
    const ran = new Set(adapters.results.map((result) => result.contender));
    for (const { reason } of adapters.skipped) expect(reason).not.toBe('');
    expect([...ran, ...adapters.skipped.map(({ contender }) => contender)].sort()).toEqual(
      Object.keys(CONTENDERS).sort(),
    );
    expect(ran).toContain('one node');
    for (const result of adapters.results) expect(result.median.reach).toBe(1);
    expect(new Set(adapters.results.map((result) => result.payloadBytes)).size).toBe(2);
  });
});
