/**
 * Work done once per cluster (pull sources, timed jobs) runs under a lease: a row in `leases` naming its holder
 * until a time, taken only when free or expired, renewed while the work runs. When the holder dies its lease
 * expires and another node takes it over; a node stopping on purpose gives it up at once. Times are the
 * database's clock, so nodes whose clocks differ still agree. The token grows at every change of holder: the work
 * gets it, and a node that lost its lease sees it taken (fencing).
 */
import { sql } from 'kysely';
import { databaseNowMs } from '../store/engine/clock.js';
import type { Logger } from '../log.js';
import type { Engine } from '../store/engine/open.js';

export interface LeaseTiming {
  /** How long a lease lasts without renewal: the longest a dead node's work stays orphaned, plus `checkMs`. */
  ttlMs: number;
  /** How often the holder renews and the others look for a free lease. */
  checkMs: number;
}

/** A dead node's work moves within ttl + check = 13 s. */
export const LEASE_TIMING: LeaseTiming = { ttlMs: 10_000, checkMs: 3_000 };

export interface LeasedWork {
  /** Starts the work for a lease just taken; aborting the signal must stop it. */
  start(signal: AbortSignal, token: number): void | Promise<void>;
}

/** Takes or renews the lease for `holder`; resolves with its token, or null while another node holds it. */
export async function takeLease(engine: Engine, name: string, holder: string, ttlMs: number): Promise<number | null> {
  const now = databaseNowMs(engine.kind);
  const result = await sql<{ token: number }>`
    INSERT INTO leases (name, holder, token, expires_at) VALUES (${name}, ${holder}, 1, ${now} + ${ttlMs})
    ON CONFLICT (name) DO UPDATE SET
      holder = excluded.holder,
      token = CASE WHEN leases.holder = excluded.holder THEN leases.token ELSE leases.token + 1 END,
      expires_at = excluded.expires_at
    WHERE leases.holder = excluded.holder OR leases.expires_at < ${now}
    RETURNING token`.execute(engine.db);
  const row = result.rows[0];
  return row ? Number(row.token) : null;
}

/** Gives the lease up, if `holder` still has it, so another node takes it at its next look. */
export async function releaseLease(engine: Engine, name: string, holder: string): Promise<void> {
  await sql`UPDATE leases SET expires_at = 0 WHERE name = ${name} AND holder = ${holder}`.execute(engine.db);
}

export interface LeaseRunner {
  /** Whether this node holds the lease now. */
  readonly held: boolean;
  /** Stops the work and gives the lease up (a node stopping on purpose). */
  stop(): Promise<void>;
}

/**
 * Keeps trying for the lease; runs `work` while it is held and stops it when it is lost (taken over, or not
 * renewed in time because the database was unreachable).
 */
export function runUnderLease(
  engine: Engine,
  name: string,
  holder: string,
  work: LeasedWork,
  log: Logger,
  timing: LeaseTiming = LEASE_TIMING,
): LeaseRunner {
  let running: AbortController | null = null;
  // The lease is ours until then by this node's clock: the last renewal plus the ttl, less one check for safety.
  let validUntil = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let errorLogged = false;

  function lose(why: string): void {
    if (!running) return;
    log.warn({ lease: name }, `lease lost (${why}): stopping its work on this node`);
    running.abort();
    running = null;
  }

  async function tick(): Promise<void> {
    if (stopped) return;
    try {
      const token = await takeLease(engine, name, holder, timing.ttlMs);
      errorLogged = false;
      if (stopped) return;
      if (token === null) lose('another node holds it');
      else {
        validUntil = Date.now() + timing.ttlMs - timing.checkMs;
        if (!running) {
          running = new AbortController();
          log.info({ lease: name, fencingToken: token }, 'lease taken: running its work on this node');
          await work.start(running.signal, token);
        }
      }
    } catch (error) {
      if (!errorLogged) log.error({ err: error, lease: name }, 'lease: cannot reach the database');
      errorLogged = true;
      if (running && Date.now() > validUntil) lose('not renewed in time');
    }
    if (!stopped)
      timer = setTimeout(() => {
        inFlight = tick();
      }, timing.checkMs);
  }
  // The look under way, so that a stop gives the lease up only after it (else it could take the lease again).
  let inFlight = tick();

  return {
    get held() {
      return running !== null;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
      running?.abort();
      running = null;
      await releaseLease(engine, name, holder).catch(() => undefined);
    },
  };
}
