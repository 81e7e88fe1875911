/**
 * The moderation benchmark's server: the real app on a real SQLite file, filled with many pending items through
 * the real intake. It also times, in-process, the work behind a console's snapshot request, against a plain
 * SELECT of the same page (the floor).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE } from '../../server/app.js';
import { closeDatabase, openDatabase } from '../../server/store/db.js';
import { nowNs, serve } from '../lib/child.js';
import { summarize } from '../lib/stats.js';
import { BENCH_EVENT as EVENT, createBenchApp } from '../lib/app.js';
import { mixedPayloads } from '../intake/payloads.js';

const PAGE = 100;
const bench = await createBenchApp();
const { app } = bench;

async function timeIt(runs: number, work: () => unknown): Promise<{ p50: number; p99: number }> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = nowNs();
    await work();
    samples.push(Number(nowNs() - start) / 1e6);
  }
  const { p50, p99 } = summarize(samples);
  return { p50, p99 };
}

serve({
  start: async () => ({ port: await bench.listen() }),
  /** Queues `count` unique items (duplicates in the mix are skipped). */
  async fill(message) {
    const payloads = mixedPayloads(Math.ceil(Number(message.count) * 1.12));
    let stored = 0;
    for (let i = 0; i < payloads.length && stored < Number(message.count); i += PAGE) {
      const outcomes = await Promise.all(payloads.slice(i, i + PAGE).map((raw) => app.intake.submit(EVENT, raw)));
      stored += outcomes.filter((outcome) => outcome.kind === 'stored').length;
    }
    return { pending: (await app.store.items.counts(EVENT)).pending };
  },
  /** Server-side cost of a snapshot (first page, counts, event) vs. a plain SELECT of the same rows. */
  async serverSide(message) {
    const runs = Number(message.runs);
    const snapshot = await timeIt(runs, async () => ({
      page: await app.store.items.queue(EVENT, 'pending', PAGE),
      counts: await app.store.items.counts(EVENT),
      event: app.events.publicEvent(EVENT),
    }));
    // The floor: the same page read on a connection of its own to the same file, as plain SQLite.
    const db = openDatabase(join(bench.dataDir, DATABASE_FILE));
    try {
      const select = db.prepare(
        "SELECT * FROM items WHERE event = ? AND status = 'pending' ORDER BY received_at, id LIMIT ?",
      );
      const plain = await timeIt(runs, () => select.all(EVENT, PAGE));
      return { snapshot, plain };
    } finally {
      closeDatabase(db);
    }
  },
});

process.on('exit', () => rmSync(bench.dataDir, { recursive: true, force: true }));
