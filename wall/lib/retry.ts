/** Waits between attempts to reach the HTTP API when the page starts before the server (a wall booting). */
export const RETRY_DELAYS_MS: readonly number[] = [1_000, 2_000, 5_000, 10_000, 30_000];

/** The delay before attempt `attempt` (0-based) fails over to the next; the last delay repeats. */
export function retryDelay(attempt: number): number {
  return RETRY_DELAYS_MS[Math.min(Math.max(0, attempt), RETRY_DELAYS_MS.length - 1)] ?? 30_000;
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

/**
 * Waits before each attempt to reconnect the live socket after it dropped; the last delay repeats. Short at first
 * (venue wifi blinks), never long (a wall must come back on its own within seconds of the network).
 */
export const RECONNECT_DELAYS_MS: readonly number[] = [500, 1_000, 2_000, 4_000, 8_000, 12_000];

/** Each delay varies by up to this share either way, so a room of phones does not reconnect all at once. */
export const RECONNECT_JITTER = 0.3;

/** The delay before reconnection attempt `attempt` (0-based); `random` is injected for the tests. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const index = Math.min(Math.max(0, Math.floor(attempt)), RECONNECT_DELAYS_MS.length - 1);
  const base = RECONNECT_DELAYS_MS[index] ?? 12_000;
  const spread = Math.min(1, Math.max(0, random())) * 2 - 1;
  return Math.round(base * (1 + RECONNECT_JITTER * spread));
}
