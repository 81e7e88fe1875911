import { afterEach, describe, expect, it, vi } from 'vitest';
import { Backoff, delayFor, describeError, sleep } from '../../../server/sources/retry.js';

describe('delay tables', () => {
  const table = [1000, 2000, 4000];

  it('walks the table and then repeats its last delay for ever', () => {
    expect([0, 1, 2, 3, 50].map((attempt) => delayFor(table, attempt, 0))).toEqual([1000, 2000, 4000, 4000, 4000]);
  });

  it('spreads each delay by the jitter, both ways', () => {
    expect(delayFor(table, 0, 0.2, () => 0)).toBe(800);
    expect(delayFor(table, 0, 0.2, () => 1)).toBe(1200);
  });

  it('starts again from the top after a success', () => {
    const backoff = new Backoff(table, 0);
    expect([backoff.next(), backoff.next(), backoff.next(), backoff.next()]).toEqual([1000, 2000, 4000, 4000]);
    backoff.reset();
    expect(backoff.next()).toBe(1000);
  });
});

describe('sleep', () => {
  afterEach(() => vi.useRealTimers());

  it('waits the whole delay on the clock tests control', async () => {
    vi.useFakeTimers();
    const slept = sleep(60_000, new AbortController().signal);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await slept).toBe(true);
  });

  it('ends early, without throwing, when the source stops', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const slept = sleep(60_000, controller.signal);
    controller.abort();
    expect(await slept).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('describeError', () => {
  it('keeps tokens out of what moderators and logs see', () => {
    const error = new Error('fetch failed for https://h.example/api?access_token=s3cret&tag=x', {
      cause: new Error('ECONNREFUSED'),
    });
    expect(describeError(error)).toBe('fetch failed for https://h.example/api?access_token=***&tag=x: ECONNREFUSED');
  });
});
