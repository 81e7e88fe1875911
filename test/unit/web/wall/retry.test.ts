import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  RECONNECT_DELAYS_MS,
  RECONNECT_JITTER,
  RETRY_DELAYS_MS,
  reconnectDelay,
  retryDelay,
  wait,
} from '../../../../wall/lib/retry.js';

describe('retryDelay', () => {
  it('walks the table, then repeats its last delay', () => {
    expect(RETRY_DELAYS_MS.map((_, attempt) => retryDelay(attempt))).toEqual(RETRY_DELAYS_MS);
    expect(retryDelay(99)).toBe(RETRY_DELAYS_MS.at(-1));
    expect(retryDelay(-1)).toBe(RETRY_DELAYS_MS[0]);
  });
});

describe('reconnectDelay', () => {
  it('walks the table with no jitter at the middle of the random range, then repeats its last delay', () => {
    const middle = () => 0.5;
    expect(RECONNECT_DELAYS_MS.map((_, attempt) => reconnectDelay(attempt, middle))).toEqual(RECONNECT_DELAYS_MS);
    expect(reconnectDelay(50, middle)).toBe(RECONNECT_DELAYS_MS.at(-1));
    expect(reconnectDelay(-3, middle)).toBe(RECONNECT_DELAYS_MS[0]);
  });

  it('spreads each delay by the jitter either way', () => {
    const base = RECONNECT_DELAYS_MS[3] ?? 0;
    expect(reconnectDelay(3, () => 0)).toBe(Math.round(base * (1 - RECONNECT_JITTER)));
    expect(reconnectDelay(3, () => 1)).toBe(Math.round(base * (1 + RECONNECT_JITTER)));
  });

  it('is short at first and never longer than a quarter of a minute', () => {
    expect(reconnectDelay(0, () => 1)).toBeLessThanOrEqual(1000);
    for (let attempt = 0; attempt < 20; attempt += 1)
      expect(reconnectDelay(attempt, () => 1)).toBeLessThanOrEqual(16_000);
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
