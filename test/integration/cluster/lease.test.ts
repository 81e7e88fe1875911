/**
 * Leases on both engines: one holder at a time, a graceful stop hands over at once, a holder that stops renewing
 * (a dead node) is replaced after the ttl, and a node that comes back does not take the lease back.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runUnderLease, takeLease, type LeaseRunner } from '../../../server/cluster/lease.js';
import { silentLogger } from '../../../server/log.js';
import { openEngine, type Engine } from '../../../server/store/engine/open.js';
import { DATABASES } from '../../support/databases.js';

const TIMING = { ttlMs: 600, checkMs: 100 };

interface Node {
  runner: LeaseRunner;
  /** Tokens this node ran the work with, and whether each run is still on. */
  runs: { token: number; on: boolean }[];
}

function node(engine: Engine, holder: string, lease = 'sources'): Node {
  const runs: Node['runs'] = [];
  const runner = runUnderLease(
    engine,
    lease,
    holder,
    {
      start(signal, token) {
        const run = { token, on: true };
        runs.push(run);
        signal.addEventListener('abort', () => (run.on = false));
      },
    },
    silentLogger(),
    TIMING,
  );
  return { runner, runs };
}

describe.each(DATABASES)('leases on $name', ({ fresh }) => {
  let engine: Engine;
  let location: string;
  let done: () => Promise<void>;
  beforeAll(async () => {
    const database = await fresh();
    location = database.location;
    engine = await openEngine(location);
    done = async () => (await engine.close(), await database.drop());
  });
  /** A second connection to the same database, as another node would have. */
  const reopen = () => openEngine(location);
  afterAll(() => done());

  it('gives the lease to one node, and a new token to each new holder', async () => {
    expect(await takeLease(engine, 'x', 'a', 60_000)).toBe(1);
    expect(await takeLease(engine, 'x', 'b', 60_000)).toBeNull();
    expect(await takeLease(engine, 'x', 'a', 60_000)).toBe(1);
    expect(await takeLease(engine, 'x', 'b', 1)).toBeNull();
    expect(await takeLease(engine, 'x', 'a', -1)).toBe(1); // a's lease now expired
    expect(await takeLease(engine, 'x', 'b', 60_000)).toBe(2);
  });

  it('runs the work on one node at a time; a graceful stop hands it over at once', async () => {
    const a = node(engine, 'node-a');
    await vi.waitFor(() => expect(a.runner.held).toBe(true));
    const b = node(engine, 'node-b');
    // b looks several times and never gets it while a renews.
    await new Promise((resolve) => setTimeout(resolve, TIMING.ttlMs * 2));
    expect(b.runs).toHaveLength(0);
    const started = Date.now();
    await a.runner.stop();
    expect(a.runs.every((run) => !run.on)).toBe(true);
    await vi.waitFor(() => expect(b.runner.held).toBe(true));
    expect(Date.now() - started).toBeLessThan(TIMING.ttlMs);
    expect(b.runs[0]!.token).toBeGreaterThan(a.runs[0]!.token);
    await b.runner.stop();
  });

  it('moves the work off a node that lost the database, which stops its work; coming back, it waits its turn', async () => {
    // Node a has its own connection; closing it cuts a off as a crash or a network cut would: no release, its
    // row left to expire.
    const own = await reopen();
    const a = node(own, 'a-1', 'jobs');
    await vi.waitFor(() => expect(a.runner.held).toBe(true));
    const b = node(engine, 'b-1', 'jobs');
    await own.close();
    await vi.waitFor(() => expect(b.runner.held).toBe(true), { timeout: TIMING.ttlMs * 5 });
    // a could not renew: it stopped its work rather than run it beside b.
    await vi.waitFor(() => expect(a.runs.every((run) => !run.on)).toBe(true));
    // a restarts under a new holder id and waits its turn.
    const again = node(engine, 'a-2', 'jobs');
    await new Promise((resolve) => setTimeout(resolve, TIMING.ttlMs * 2));
    expect(again.runs).toHaveLength(0);
    expect(b.runner.held).toBe(true);
    await Promise.all([a.runner.stop(), b.runner.stop(), again.runner.stop()]);
  });
});
