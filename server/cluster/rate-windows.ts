/**
 * Counters over fixed windows, the ground of every limit (sign-in attempts, the web form, SMS per number). One
 * process keeps them in memory; several nodes keep them in the database (`rate_windows`), so a limit holds for the
 * cluster and not once per node. Keys are the callers' (they say what is counted); a window starts at its first hit.
 */
import type { Store } from 'express-rate-limit';
import { sql } from 'kysely';
import { databaseNowMs } from '../store/engine/clock.js';
import type { Engine } from '../store/engine/open.js';

export interface Window {
  count: number;
  /** Epoch ms. */
  endsAt: number;
}

export interface RateWindows {
  /** The key's window now, if one is open. */
  get(key: string): Promise<Window | undefined>;
  /** Counts one more hit (opening a window of `windowMs` if none is open) and returns the window after it. */
  hit(key: string, windowMs: number): Promise<Window>;
  /** Takes one hit back (a request that turned out not to count). */
  unhit(key: string): Promise<void>;
  clear(key: string): Promise<void>;
}

/**
 * Past this many windows kept (an attacker making up names), ended ones are swept, then the oldest dropped down to
 * nine tenths, so the sweep runs once per two thousand new keys rather than on each.
 */
const MAX_WINDOWS = 20_000;
const SWEPT_TO = MAX_WINDOWS * 0.9;

/** One process's windows. `keep` names keys never dropped by the sweep (a global counter). */
export function memoryRateWindows(now: () => number = Date.now, keep: (key: string) => boolean = () => false) {
  const windows = new Map<string, Window>();
  function current(key: string): Window | undefined {
    const window = windows.get(key);
    if (window && window.endsAt <= now()) {
      windows.delete(key);
      return undefined;
    }
    return window;
  }
  function sweep(): void {
    if (windows.size <= MAX_WINDOWS) return;
    for (const key of windows.keys()) current(key);
    for (const key of windows.keys()) {
      if (windows.size <= SWEPT_TO) break;
      if (!keep(key)) windows.delete(key);
    }
  }
  const windowsApi: RateWindows & { size(): number } = {
    get: async (key) => current(key) && { ...current(key)! },
    async hit(key, windowMs) {
      const window = current(key) ?? { count: 0, endsAt: now() + windowMs };
      window.count += 1;
      windows.delete(key); // re-inserted last, so the oldest are first to go
      windows.set(key, window);
      sweep();
      return { ...window };
    },
    async unhit(key) {
      const window = current(key);
      if (window) window.count = Math.max(0, window.count - 1);
    },
    async clear(key) {
      windows.delete(key);
    },
    size: () => windows.size,
  };
  return windowsApi;
}

/** How often ended windows are deleted from the table. */
const SWEEP_EVERY_MS = 60_000;

/** The cluster's windows, in the database; on its clock, so every node agrees when a window ends. */
export function databaseRateWindows(engine: Engine): RateWindows & { sweep(): Promise<number>; stop(): void } {
  const now = databaseNowMs(engine.kind);
  // Callers join the parts of a key with NUL, which PostgreSQL's text refuses: the unit separator stands in.
  const stored = (key: string) => key.replaceAll('\u0000', '\u001f');
  const sweep = async (): Promise<number> => {
    const result = await sql`DELETE FROM rate_windows WHERE ends_at <= ${now}`.execute(engine.db);
    return Number(result.numAffectedRows ?? 0);
  };
  const timer = setInterval(() => void sweep().catch(() => undefined), SWEEP_EVERY_MS);
  timer.unref();
  return {
    async get(key) {
      const result = await sql<Window>`
        SELECT count, ends_at AS "endsAt" FROM rate_windows WHERE key = ${stored(key)} AND ends_at > ${now}`.execute(
        engine.db,
      );
      const row = result.rows[0];
      return row && { count: Number(row.count), endsAt: Number(row.endsAt) };
    },
    async hit(key, windowMs) {
      // One statement: two nodes counting the same key at once both count (the row is locked by the upsert).
      const result = await sql<Window>`
        INSERT INTO rate_windows (key, count, ends_at) VALUES (${stored(key)}, 1, ${now} + ${windowMs})
        ON CONFLICT (key) DO UPDATE SET
          count = CASE WHEN rate_windows.ends_at <= ${now} THEN 1 ELSE rate_windows.count + 1 END,
          ends_at = CASE WHEN rate_windows.ends_at <= ${now} THEN excluded.ends_at ELSE rate_windows.ends_at END
        RETURNING count, ends_at AS "endsAt"`.execute(engine.db);
      const row = result.rows[0]!;
      return { count: Number(row.count), endsAt: Number(row.endsAt) };
    },
    async unhit(key) {
      await sql`UPDATE rate_windows SET count = count - 1 WHERE key = ${stored(key)} AND count > 0 AND ends_at > ${now}`.execute(
        engine.db,
      );
    },
    async clear(key) {
      await sql`DELETE FROM rate_windows WHERE key = ${stored(key)}`.execute(engine.db);
    },
    sweep,
    stop: () => clearInterval(timer),
  };
}

/**
 * express-rate-limit's store over rate windows of `windowMs`, keys under `prefix` (which limit they are), so an
 * HTTP limit counts in memory for one process and in the database for several nodes.
 */
export function rateLimitStore(windows: RateWindows, prefix: string, windowMs: number): Store {
  const key = (client: string) => `${prefix}\u0000${client}`;
  return {
    async get(client) {
      const window = await windows.get(key(client));
      return window && { totalHits: window.count, resetTime: new Date(window.endsAt) };
    },
    async increment(client) {
      const window = await windows.hit(key(client), windowMs);
      return { totalHits: window.count, resetTime: new Date(window.endsAt) };
    },
    decrement: (client) => windows.unhit(key(client)),
    resetKey: (client) => windows.clear(key(client)),
    // Counted in the database where there are several nodes: every node's hits together.
    localKeys: false,
  };
}
