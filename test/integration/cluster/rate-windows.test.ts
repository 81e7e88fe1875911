/**
 * Rate windows in memory (one process) and in the database on both engines (several nodes): counts, the end of a
 * window, taking a hit back, and, in the database, hits from two nodes at once all counted.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { databaseRateWindows, memoryRateWindows, type RateWindows } from '../../../server/cluster/rate-windows.js';
import { openEngine, type Engine } from '../../../server/store/engine/open.js';
import { DATABASES } from '../../support/databases.js';

interface Setup {
  windows: RateWindows;
  /** A second node's windows over the same database, or null in memory. */
  other: RateWindows | null;
  done(): Promise<void>;
}

async function onDatabase(location: string, cleanup: () => Promise<void>): Promise<Setup> {
  const engines: Engine[] = [await openEngine(location), await openEngine(location)];
  const [first, second] = engines.map(databaseRateWindows);
  return {
    windows: first!,
    other: second!,
    async done() {
      first!.stop();
      second!.stop();
      for (const engine of engines) await engine.close();
      await cleanup();
    },
  };
}

const setups: { name: string; open(): Promise<Setup> }[] = [
  { name: 'memory', open: async () => ({ windows: memoryRateWindows(), other: null, done: async () => undefined }) },
  ...DATABASES.map(({ name, fresh }) => ({
    name,
    open: async () => {
      const database = await fresh();
      return onDatabase(database.location, database.drop);
    },
  })),
];

describe.each(setups)('rate windows in $name', ({ open }) => {
  let setup: Setup;
  beforeAll(async () => (setup = await open()));
  afterAll(() => setup.done());

  it('counts hits in a window that ends, then starts a new one', async () => {
    const { windows } = setup;
    expect(await windows.get('a')).toBeUndefined();
    const first = await windows.hit('a', 300);
    expect(first.count).toBe(1);
    expect((await windows.hit('a', 300)).count).toBe(2);
    expect(await windows.get('a')).toEqual({ count: 2, endsAt: first.endsAt });
    await windows.unhit('a');
    expect((await windows.get('a'))?.count).toBe(1);
    await vi.waitFor(async () => expect(await windows.get('a')).toBeUndefined(), { timeout: 3_000 });
    expect((await windows.hit('a', 300)).count).toBe(1);
    await windows.clear('a');
    expect(await windows.get('a')).toBeUndefined();
  });

  it('counts every hit when two nodes count the same key at once', async () => {
    const nodes = [setup.windows, setup.other ?? setup.windows];
    // Keys are made of parts joined with NUL (attempt limits, SMS limits), which PostgreSQL's text refuses.
    await Promise.all(Array.from({ length: 100 }, (_, i) => nodes[i % 2]!.hit('burst\u0000a', 60_000)));
    expect((await setup.windows.get('burst\u0000a'))?.count).toBe(100);
    expect((await nodes[1]!.get('burst\u0000a'))?.count).toBe(100);
  });
});
