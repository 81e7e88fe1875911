/**
 * Murmure itself for the fan-out benchmark: the real app with a real SQLite file in a temporary folder, one event
 * whose items wait in the queue until the benchmark's moderator approves them.
 */
import { rmSync } from 'node:fs';
import { toPublicItem } from '../../server/store/public-item.js';
import { serve } from '../lib/child.js';
import { BENCH_EVENT, createBenchApp } from '../lib/app.js';
import { serverStats } from './server-stats.js';

// The browser benchmark passes the built screens' folder; the fan-out one needs none.
const bench = await createBenchApp(process.argv[2] ? { clientDir: process.argv[2] } : {});
const { app } = bench;

serve({
  start: async () => ({ port: await bench.listen() }),
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
    const sample = toPublicItem({ ...(await app.store.items.get(ids[0]!))!, status: 'approved', shownAt: Date.now() });
    return { ids, sample, sampleBytes: Buffer.byteLength(JSON.stringify(sample)) };
  },
  ...serverStats,
});

// `serve` exits on SIGTERM; the data folder goes with the process.
process.on('exit', () => rmSync(bench.dataDir, { recursive: true, force: true }));
