/**
 * When to reconnect to the filtered stream, following X's published policy ("Handling disconnections",
 * docs.x.com/x-api/fundamentals/handling-disconnections): reconnect at once after an established connection drops,
 * back off linearly on network errors, exponentially on HTTP errors, and longer still on 429. The library's own
 * defaults (5 tries, a 2-minute keep-alive, then giving up) would leave a wall silent for the rest of the day.
 * Also here: post ids as times (X ids are snowflakes), used to overlap a backfill with what the stream delivered.
 */
import { Backoff, type DelayTable } from '../retry.js';
import { describeFailure, isNotEnrolled, type XFailure } from './client.js';

/** TCP/IP errors: +250 ms per attempt, up to 16 s. */
export const NETWORK_DELAYS: DelayTable = Array.from({ length: 64 }, (_, attempt) => (attempt + 1) * 250);

/** HTTP errors: 5 s, doubling, up to 320 s. */
export const HTTP_DELAYS: DelayTable = [5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 320_000];

/** 429: 1 minute, doubling; capped at 16 minutes, just over X's 15-minute rate-limit window. */
export const RATE_LIMIT_DELAYS: DelayTable = [60_000, 120_000, 240_000, 480_000, 960_000];

/** X sends a `\r\n` keep-alive every 20 s: this long without a byte means the connection is dead. */
export const STREAM_SILENCE_MS = 25_000;

/** A connection that lived this long was a good one: its drop is not a network problem to back off from. */
export const STABLE_CONNECTION_MS = 30_000;

/** How one stream connection ended. */
export type StreamEnd =
  | { reason: 'aborted' }
  /** It was established (HTTP 200), then closed by X, cut, or went silent. */
  | { reason: 'dropped'; lastedMs: number; why: string }
  /** It never got established. */
  | { reason: 'failed'; failure: XFailure };

export interface ReconnectPlan {
  delayMs: number;
  state: 'connecting' | 'rate-limited' | 'failing';
  lastError: string;
  /** The access tier has no filtered stream: waiting will not help, searching will. */
  notEnrolled: boolean;
}

/** Keeps one backoff per kind of trouble; each success resets the ones it proves wrong. */
export class ReconnectPolicy {
  readonly #network: Backoff;
  readonly #http: Backoff;
  readonly #limited: Backoff;

  constructor(
    private readonly now: () => number = Date.now,
    spread = 0.2,
  ) {
    this.#network = new Backoff(NETWORK_DELAYS, spread);
    this.#http = new Backoff(HTTP_DELAYS, spread);
    this.#limited = new Backoff(RATE_LIMIT_DELAYS, spread);
  }

  /** The stream answered 200: credentials, tier and rate limit are fine again. */
  connected(): void {
    this.#http.reset();
    this.#limited.reset();
  }

  plan(end: Exclude<StreamEnd, { reason: 'aborted' }>): ReconnectPlan {
    if (end.reason === 'dropped') {
      if (end.lastedMs >= STABLE_CONNECTION_MS) this.#network.reset();
      const delayMs = end.lastedMs >= STABLE_CONNECTION_MS ? 0 : this.#network.next();
      return { delayMs, state: 'connecting', lastError: `stream: ${end.why}`, notEnrolled: false };
    }
    const { failure } = end;
    const lastError = describeFailure(failure, 'filtered stream');
    if (failure.kind === 'network') {
      return { delayMs: this.#network.next(), state: 'failing', lastError, notEnrolled: false };
    }
    if (failure.status === 429) {
      const untilReset = failure.resetAt === undefined ? 0 : failure.resetAt - this.now();
      return {
        delayMs: Math.max(this.#limited.next(), untilReset),
        state: 'rate-limited',
        lastError,
        notEnrolled: false,
      };
    }
    return { delayMs: this.#http.next(), state: 'failing', lastError, notEnrolled: isNotEnrolled(failure) };
  }
}

/** X's epoch: snowflake ids carry milliseconds since this instant in their bits above the 22nd. */
const X_EPOCH = 1_288_834_974_657n;

/** When the post with this id was created (epoch ms), or undefined for an id that is not a snowflake. */
export function idTime(id: string): number | undefined {
  if (!/^\d{1,20}$/.test(id)) return undefined;
  const ms = (BigInt(id) >> 22n) + X_EPOCH;
  return ms > X_EPOCH ? Number(ms) : undefined;
}

/** The smallest id a post created at `ms` can have. */
export function idAt(ms: number): string {
  const sinceEpoch = BigInt(Math.floor(ms)) - X_EPOCH;
  return String((sinceEpoch > 0n ? sinceEpoch : 0n) << 22n);
}

/** The newer of two post ids (numeric order: ids grow with time but not in length order as strings). */
export function newerId(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined || !/^\d+$/.test(a)) return b;
  if (b === undefined || !/^\d+$/.test(b)) return a;
  return BigInt(a) >= BigInt(b) ? a : b;
}
