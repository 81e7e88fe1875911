import { describe, expect, it } from 'vitest';
import { createKeyFilter } from '../../../server/store/key-filter.js';

const key = (i: number) => `mastodon\u0000https://m${i % 7}.example/users/u${i}/statuses/${i * 7919}`;

describe('key filter', () => {
  it('never forgets a key, even past its size, and rarely claims one it was not given', () => {
    const filter = createKeyFilter(5000);
    for (let i = 0; i < 5000; i++) filter.add(key(i));
    expect(filter.full).toBe(false);
    for (let i = 0; i < 5000; i++) expect(filter.mightHave(key(i))).toBe(true);
    let claimed = 0;
    for (let i = 5000; i < 25_000; i++) if (filter.mightHave(key(i))) claimed += 1;
    expect(claimed / 20_000).toBeLessThan(0.03);
    for (let i = 5000; i < 6000; i++) filter.add(key(i));
    expect(filter.full).toBe(true);
    for (let i = 0; i < 6000; i++) expect(filter.mightHave(key(i))).toBe(true);
  });
});
