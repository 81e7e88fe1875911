import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBatchLookup, type BatchLookupOptions } from '../../../server/sources/bluesky/batch-lookup.js';

let controller: AbortController;
let calls: string[][];
let answer: (keys: string[]) => Promise<Map<string, string>>;

beforeEach(() => {
  vi.useFakeTimers();
  controller = new AbortController();
  calls = [];
  answer = async (keys) =>
    new Map(keys.filter((key) => !key.startsWith('unknown')).map((key) => [key, `name of ${key}`]));
});
afterEach(() => {
  controller.abort();
  vi.useRealTimers();
});

function lookup(overrides: Partial<BatchLookupOptions<string>> = {}) {
  return createBatchLookup<string>({
    fetchBatch: (keys) => {
      calls.push(keys);
      return answer(keys);
    },
    maxBatch: 25,
    windowMs: 150,
    ttlMs: 60_000,
    timeoutMs: 3000,
    pauseAfterFailureMs: 30_000,
    signal: controller.signal,
    onError: () => undefined,
    now: () => Date.now(),
    ...overrides,
  });
}

describe('batched AppView lookups', () => {
  it('gathers keys asked for within the window into calls of at most 25', async () => {
    const profiles = lookup();
    const keys = Array.from({ length: 30 }, (_, i) => `did:${i}`);
    const results = Promise.all(keys.map((key) => profiles.get([key])));
    await vi.advanceTimersByTimeAsync(150);
    expect((await results).map((found) => found.get(keys[0]!) ?? [...found.values()][0])).toHaveLength(30);
    expect(calls.map((call) => call.length)).toEqual([25, 5]);
  });

  it('answers from the cache until the TTL, including "not found"', async () => {
    const profiles = lookup();
    const first = profiles.get(['did:a', 'unknown:b']);
    await vi.advanceTimersByTimeAsync(150);
    expect(await first).toEqual(new Map([['did:a', 'name of did:a']]));
    expect(await profiles.get(['did:a', 'unknown:b'])).toEqual(new Map([['did:a', 'name of did:a']]));
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(60_000);
    const again = profiles.get(['did:a']);
    await vi.advanceTimersByTimeAsync(150);
    await again;
    expect(calls).toHaveLength(2);
  });

  it('gives up waiting after timeoutMs, and the late answer still fills the cache', async () => {
    let release!: () => void;
    answer = (keys) => new Promise((resolve) => (release = () => resolve(new Map(keys.map((key) => [key, 'late'])))));
    const profiles = lookup();
    const waiting = profiles.get(['did:a']);
    await vi.advanceTimersByTimeAsync(150 + 3000);
    expect(await waiting).toEqual(new Map());
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(await profiles.get(['did:a'])).toEqual(new Map([['did:a', 'late']]));
  });

  it('after a failure, answers at once without calling for a while', async () => {
    const errors: unknown[] = [];
    answer = () => Promise.reject(new Error('HTTP 502'));
    const profiles = lookup({ onError: (error) => errors.push(error) });
    const failed = profiles.get(['did:a']);
    await vi.advanceTimersByTimeAsync(150);
    expect(await failed).toEqual(new Map());
    expect(errors).toHaveLength(1);
    expect(await profiles.get(['did:b'])).toEqual(new Map()); // no wait, no call
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(30_000);
    answer = async (keys) => new Map(keys.map((key) => [key, 'back']));
    const back = profiles.get(['did:b']);
    await vi.advanceTimersByTimeAsync(150);
    expect(await back).toEqual(new Map([['did:b', 'back']]));
  });

  it('lets waiters go at once, and leaves no timer, when stopped', async () => {
    const profiles = lookup();
    const waiting = profiles.get(['did:a']);
    controller.abort();
    expect(await waiting).toEqual(new Map());
    expect(vi.getTimerCount()).toBe(0);
    expect(calls).toHaveLength(0);
  });
});
