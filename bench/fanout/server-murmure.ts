/**
 * Murmure itself for the fan-out benchmark: the real app with a real SQLite file in a temporary folder, one event
 * whose items wait in the queue until the benchmark's moderator approves them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { configSchema } from '../../server/config/schema.js';
import { createApp } from '../../server/app.js';
import { silentLogger } from '../../server/log.js';
import { toPublicItem } from '../../server/store/public-item.js';
import { serve } from '../lib/child.js';
import { serverStats } from './server-stats.js';

export const BENCH_EVENT = 'bench';
export const BENCH_PASSWORD = 'bench-password-123';

const dataDir = mkdtempSync(join(tmpdir(), 'murmure-bench-'));
const config = configSchema.parse({
  port: 0,
  dataDir,
  events: [{ slug: BENCH_EVENT, title: 'Benchmark', hashtags: ['Bench'], sources: [{ kind: 'web' }] }],
});
const app = createApp(config, {
  log: silentLogger(),
  adminPassword: BENCH_PASSWORD,
  // The browser benchmark serves the built apps; the fan-out one needs none.
  clientDir: process.argv[2] ?? join(dataDir, 'no-client'),
});

serve({
  async start() {
    await app.start();
    await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
    return { port: (app.httpServer.address() as AddressInfo).port };
  },
  /** Queues `count` messages of about `textLength` characters (about 1 KB on the wire at 800). */
  async prepare(message) {
    const count = Number(message.count);
    const text = 'Quelle place pour le vélo dans le nouveau plan de circulation ? '.repeat(20);
    const ids: number[] = [];
    // `vary`: lengths from a short reaction to a long question, as on a real wall.
    const lengthOf = (i: number) =>
      message.vary ? 40 + ((i * 7919) % Number(message.textLength)) : Number(message.textLength);
    for (let i = 0; i < count; i += 1) {
      const outcome = await app.intake.submit(BENCH_EVENT, {
        format: 'web',
        payload: { name: `Participant ${i}`, message: `${i} ${text}`.slice(0, lengthOf(i)) },
        meta: { idempotencyKey: `bench-${i}` },
      });
      if (outcome.kind !== 'stored') throw new Error(`item ${i} not stored: ${outcome.kind}`);
      ids.push(outcome.item.id);
    }
    const sample = toPublicItem({ ...app.store.items.get(ids[0]!)!, status: 'approved', shownAt: Date.now() });
    return { ids, sample, sampleBytes: Buffer.byteLength(JSON.stringify(sample)) };
  },
  ...serverStats,
});

process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
