/**
 * Waiting between attempts: delay tables (read at a glance, unlike arithmetic spread over a loop), jitter so that
 * many clients do not come back in step, and sleeps that end when the source is stopped.
 */

/** Delays in ms; past the end of the table the last one repeats, for ever: a source on the day never gives up. */
export type DelayTable = readonly number[];

/** A plain reconnect after a dropped connection: quick at first, then every 30 s. */
export const RECONNECT_DELAYS: DelayTable = [1_000, 2_000, 5_000, 10_000, 20_000, 30_000];

/** Polling after an error: back off from the normal interval up to 5 minutes. */
export const POLL_ERROR_DELAYS: DelayTable = [5_000, 15_000, 30_000, 60_000, 120_000, 300_000];

/** The delay for the given attempt (0-based), with up to ±`spread` random jitter. */
export function delayFor(table: DelayTable, attempt: number, spread = 0.2, random: () => number = Math.random) {
  const base = table[Math.min(attempt, table.length - 1)] ?? 0;
  return Math.round(base * (1 - spread + 2 * spread * random()));
}

/** Counts consecutive failures; `reset()` after a success so the next failure starts from the top again. */
export class Backoff {
  #attempt = 0;
  constructor(
    private readonly table: DelayTable,
    private readonly spread = 0.2,
  ) {}

  /** The delay before the next attempt; each call moves one step down the table. */
  next(): number {
    return delayFor(this.table, this.#attempt++, this.spread);
  }

  reset(): void {
    this.#attempt = 0;
  }

  get attempts(): number {
    return this.#attempt;
  }
}

/**
 * Resolves after `ms`, or early (without throwing) when `signal` aborts; returns whether it slept the whole time.
 * Uses the global timer so tests can drive it with fake timers.
 */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      resolve(false);
    }
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** A short description of an error for moderators and logs: never a URL with a token, never a stack. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`.replace(/([?&](?:access_token|token|key|secret)=)[^&\s]+/gi, '$1***');
  }
  return String(error);
}
