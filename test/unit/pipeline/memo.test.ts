import { describe, expect, it } from 'vitest';
import { memoize } from '../../../server/pipeline/memo.js';

describe('memoize', () => {
  it('computes each key once while it is remembered, forgetting the oldest first', () => {
    const calls: string[] = [];
    const upper = memoize((key: string) => {
      calls.push(key);
      return key.toUpperCase();
    }, 2);
    expect([upper('a'), upper('b'), upper('a')]).toEqual(['A', 'B', 'A']);
    expect(calls).toEqual(['a', 'b']);
    upper('c'); // 'a' is the oldest: forgotten
    upper('b');
    upper('a');
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });

  it('remembers undefined results too', () => {
    let calls = 0;
    const nothing = memoize(() => {
      calls += 1;
      return undefined;
    }, 10);
    nothing('x');
    nothing('x');
    expect(calls).toBe(1);
  });
});
