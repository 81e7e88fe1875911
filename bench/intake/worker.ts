/**
 * The intake benchmark, in a child process pinned to one core. `ours` runs every payload through the real app's
 * intake (normalize, sanitize, dedupe, filter, group commit into SQLite, each answer once its batch is on disk,
 * notify); `stages`
 * times each step separately to show where the time goes; `baseline` inserts the same rows with a plain prepared
 * statement in 100-row transactions, the floor any pipeline sits on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalize } from '../../server/pipeline/normalize/index.js';
import { sanitize } from '../../server/pipeline/sanitize.js';
import { dedupe } from '../../server/pipeline/dedupe.js';
import { filter } from '../../server/pipeline/filter.js';
import type { NormalizeContext, RawPayload } from '../../server/pipeline/types.js';
import { createContactTagger } from '../../server/security/key-file.js';
import { openStore } from '../../server/store/index.js';
import { closeDatabase, openDatabase } from '../../server/store/db.js';
import type { NewItem } from '../../server/store/index.js';
import { toInsertParams } from '../../server/store/item-rows.js';
import { nowNs, serve } from '../lib/child.js';
import { BENCH_EVENT as EVENT, createBenchApp } from '../lib/app.js';
import { summarize } from '../lib/stats.js';
import { mixedPayloads } from './payloads.js';
import { offer } from './offer.js';

const WINDOW = 100;
/** Payloads waiting for their answer at most, in the `stream` load: ten batches. */
const UNANSWERED = 1000;

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'murmure-bench-intake-'));
}

const ms = (from: bigint) => Number(nowNs() - from) / 1e6;

/**
 * The whole intake. `stream`: payloads offered as streams and webhooks bring them (100 a turn, at most 1,000
 * unanswered), so the pipeline goes on while a batch reaches the disk. `lockstep`: 100 at a time, the next 100
 * only once all are answered, as the first runs measured it.
 */
async function ours(count: number, load: 'stream' | 'lockstep') {
  const payloads = mixedPayloads(count);
  const bench = await createBenchApp();
  const { app } = bench;
  await app.start(); // seeds the event (the store is read at start)
  const outcomes: Record<string, number> = {};
  const latencies: number[] = [];
  const handle = async (raw: RawPayload) => {
    const submitted = nowNs();
    const outcome = await app.intake.submit(EVENT, raw);
    latencies.push(ms(submitted));
    outcomes[outcome.kind] = (outcomes[outcome.kind] ?? 0) + 1;
  };
  try {
    const start = nowNs();
    if (load === 'stream') await offer(payloads, handle, { perTurn: WINDOW, maxUnanswered: UNANSWERED });
    else for (let i = 0; i < payloads.length; i += WINDOW) await Promise.all(payloads.slice(i, i + WINDOW).map(handle));
    const elapsedMs = ms(start);
    const latency = summarize(latencies);
    return { itemsPerSecond: (count / elapsedMs) * 1000, p50Ms: latency.p50, p99Ms: latency.p99, outcomes };
  } finally {
    await bench.close();
  }
}

/** Each step timed on its own, over the same payloads: µs per payload. */
async function stages(count: number) {
  const payloads = mixedPayloads(count);
  const bench = await createBenchApp();
  const { app } = bench;
  await app.start(); // seeds the event (the store is read at start)
  const ctx: NormalizeContext = { contactTag: createContactTagger(randomBytes(32)), now: Date.now };
  const rules = app.events.rules(EVENT);
  const totals = { normalize: 0, sanitize: 0, dedupe: 0, filter: 0, store: 0 };
  const seen = new Set<string>();
  let batch: NewItem[] = [];
  // As intake stores a batch: the commit on the event loop, the WAL's fsync off it (not counted, as it waits for
  // nobody but the batch's senders).
  const flush = async () => {
    const start = nowNs();
    await app.store.items.insertBatchSyncedLater(batch);
    totals.store += ms(start);
    batch = [];
    await app.store.walSync.sync();
  };
  try {
    for (const raw of payloads) {
      let start = nowNs();
      const normalized = normalize(raw, ctx);
      totals.normalize += ms(start);
      start = nowNs();
      const clean = sanitize(normalized);
      totals.sanitize += ms(start);
      start = nowNs();
      const deduped = await dedupe(clean, {
        seen: async (source, sourceId) =>
          seen.has(`${source}:${sourceId}`) || (await app.store.items.exists(EVENT, source, sourceId)),
      });
      totals.dedupe += ms(start);
      if (deduped.kind === 'duplicate') continue;
      seen.add(`${deduped.item.source}:${deduped.item.sourceId}`);
      start = nowNs();
      const decision = filter(deduped.item, rules);
      totals.filter += ms(start);
      batch.push({ event: EVENT, item: deduped.item, decision, receivedAt: Date.now() });
      if (batch.length === WINDOW) await flush();
    }
    if (batch.length > 0) await flush();
    return Object.fromEntries(Object.entries(totals).map(([step, total]) => [step, (total * 1000) / count]));
  } finally {
    await bench.close();
  }
}

/**
 * The rows `ours` stores, inserted with a plain prepared statement, 100 per transaction, on a connection of its
 * own (the store's schema, none of its code).
 */
async function baseline(count: number) {
  const ctx: NormalizeContext = { contactTag: createContactTagger(randomBytes(32)), now: Date.now };
  const rows = mixedPayloads(count).map((raw: RawPayload) =>
    toInsertParams(EVENT, sanitize(normalize(raw, ctx)), { status: 'pending', reasons: [] }, Date.now()),
  );
  const dataDir = tempDir();
  const file = join(dataDir, 'baseline.sqlite');
  const store = await openStore(file);
  await store.events.upsertFromFile(EVENT, 'Benchmark');
  await store.close();
  const db = openDatabase(file);
  const columns = Object.keys(rows[0]!);
  const insert = db.prepare(
    `INSERT INTO items (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})
     ON CONFLICT (event, source, source_id) DO NOTHING`,
  );
  const insertMany = db.transaction((chunk: typeof rows) => {
    for (const row of chunk) insert.run(row);
  });
  try {
    const start = nowNs();
    for (let i = 0; i < rows.length; i += WINDOW) insertMany(rows.slice(i, i + WINDOW));
    return { itemsPerSecond: (count / ms(start)) * 1000 };
  } finally {
    closeDatabase(db);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

serve({
  ours: (message) => ours(Number(message.count), message.load === 'lockstep' ? 'lockstep' : 'stream'),
  stages: (message) => stages(Number(message.count)),
  baseline: (message) => baseline(Number(message.count)),
});
