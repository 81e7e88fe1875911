import { afterEach, describe, expect, it, vi } from 'vitest';
import { RETRY_DELAYS_MS, retryDelay, wait } from '../../../../wall/lib/retry.js';

describe('retryDelay', () => {
  it('walks the table, then repeats its last delay', () => {
    expect(RETRY_DELAYS_MS.map((_, attempt) => retryDelay(attempt))).toEqual(RETRY_DELAYS_MS);
    expect(retryDelay(99)).toBe(RETRY_DELAYS_MS.at(-1));
    expect(retryDelay(-1)).toBe(RETRY_DELAYS_MS[0]);
  });
});

describe('wait', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves after the delay', async () => {
    vi.useFakeTimers();
    const done = vi.fn();
    void wait(1000, new AbortController().signal).then(done);
    await vi.advanceTimersByTimeAsync(999);
    expect(done).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toHaveBeenCalled();
  });

  it('resolves at once when aborted', async () => {
    vi.useFakeTimers();
    const abort = new AbortController();
    const waiting = wait(60_000, abort.signal);
    abort.abort();
    await expect(waiting).resolves.toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
  });
});
