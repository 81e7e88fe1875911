/**
 * A batched, cached lookup by key, for AppView calls that take up to 25 keys (`getProfiles`, `getPosts`). Keys
 * asked for within a short window share one call; answers (found or not) are kept for a while. A failed or slow
 * call never holds an item back for long: whoever waits gets what is known after `timeoutMs`, and lookups pause
 * for a short while after a failure so a dead AppView does not delay every post.
 */

export interface BatchLookupOptions<T> {
  /** Fetches up to `maxBatch` keys; a key missing from the answer is cached as not found. */
  fetchBatch(keys: string[], signal: AbortSignal): Promise<Map<string, T>>;
  maxBatch: number;
  /** How long keys gather before a call. */
  windowMs: number;
  /** How long an answer is kept. */
  ttlMs: number;
  /** The longest a caller waits; the call itself goes on and fills the cache. */
  timeoutMs: number;
  /** After a failed call, lookups answer "unknown" at once for this long. */
  pauseAfterFailureMs: number;
  /** Stops pending calls and timers. */
  signal: AbortSignal;
  onError(error: unknown): void;
  now?: () => number;
}

export interface BatchLookup<T> {
  /** The known values of `keys` (absent: not found, not known yet, or the lookup failed). */
  get(keys: Iterable<string>): Promise<Map<string, T>>;
  /** Calls made so far (for logs and tests). */
  readonly calls: number;
}

interface Cached<T> {
  value: T | undefined;
  until: number;
}

const MAX_CACHED = 10_000;

export function createBatchLookup<T>(options: BatchLookupOptions<T>): BatchLookup<T> {
  const now = options.now ?? Date.now;
  const cache = new Map<string, Cached<T>>();
  const inFlight = new Map<string, Promise<void>>();
  let queued = new Map<string, { resolve: () => void; promise: Promise<void> }>();
  let timer: NodeJS.Timeout | undefined;
  let pausedUntil = 0;
  let calls = 0;

  options.signal.addEventListener('abort', () => flushNow(), { once: true });

  function remember(key: string, value: T | undefined): void {
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string); // oldest first
    cache.set(key, { value, until: now() + options.ttlMs });
  }

  async function call(keys: string[]): Promise<void> {
    calls++;
    try {
      const found = await options.fetchBatch(keys, options.signal);
      for (const key of keys) remember(key, found.get(key));
    } catch (error) {
      pausedUntil = now() + options.pauseAfterFailureMs;
      if (!options.signal.aborted) options.onError(error);
    }
  }

  /** Sends everything queued, in calls of `maxBatch` keys. */
  function flushNow(): void {
    clearTimeout(timer);
    timer = undefined;
    const batch = queued;
    queued = new Map();
    const keys = [...batch.keys()];
    for (let start = 0; start < keys.length; start += options.maxBatch) {
      const slice = keys.slice(start, start + options.maxBatch);
      const done = options.signal.aborted ? Promise.resolve() : call(slice);
      for (const key of slice) {
        inFlight.set(key, done);
        void done.then(() => {
          inFlight.delete(key);
          batch.get(key)?.resolve();
        });
      }
    }
  }

  function enqueue(key: string): Promise<void> {
    const pending = inFlight.get(key) ?? queued.get(key)?.promise;
    if (pending) return pending;
    let resolve!: () => void;
    const promise = new Promise<void>((done) => (resolve = done));
    queued.set(key, { resolve, promise });
    if (queued.size >= options.maxBatch) flushNow();
    else timer ??= setTimeout(flushNow, options.windowMs);
    return promise;
  }

  function fresh(key: string): Cached<T> | undefined {
    const hit = cache.get(key);
    return hit && hit.until > now() ? hit : undefined;
  }

  async function waitAtMost(pending: Promise<unknown>[]): Promise<void> {
    if (pending.length === 0) return;
    let timeout: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timeout = setTimeout(resolve, options.timeoutMs)));
    await Promise.race([Promise.all(pending), late]);
    clearTimeout(timeout);
  }

  return {
    async get(keys) {
      const wanted = [...new Set(keys)];
      const missing = wanted.filter((key) => !fresh(key));
      if (missing.length > 0 && pausedUntil <= now() && !options.signal.aborted) {
        await waitAtMost(missing.map(enqueue));
      }
      const known = new Map<string, T>();
      for (const key of wanted) {
        const value = fresh(key)?.value;
        if (value !== undefined) known.set(key, value);
      }
      return known;
    },
    get calls() {
      return calls;
    },
  };
}
