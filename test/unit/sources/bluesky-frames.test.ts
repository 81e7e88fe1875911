import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLogLimiter, frameHint, parseCommit, readTimeUs } from '../../../server/sources/bluesky/frames.js';
import type { Logger } from '../../../server/log.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/bluesky/${name}`, import.meta.url), 'utf8');

describe('Jetstream frames, read cheaply', () => {
  it('reads time_us without parsing, and NaN when there is none', () => {
    expect(readTimeUs(fixture('jetstream-post-with-tags.json'))).toBe(1783175888172335);
    expect(readTimeUs(fixture('jetstream-identity.json'))).toBe(1725911162329308);
    expect(readTimeUs('not json')).toBeNaN();
    expect(readTimeUs('{"time_us":"x"}')).toBeNaN();
    // A quote inside a record is escaped, so a post text cannot fake the key.
    expect(readTimeUs(JSON.stringify({ commit: { record: { text: '"time_us":5' } } }))).toBeNaN();
  });

  it('tells commits by operation from identity and account events', () => {
    expect(frameHint(fixture('jetstream-post-with-tags.json'))).toBe('create');
    expect(frameHint(fixture('jetstream-post-delete.json'))).toBe('delete');
    expect(frameHint(fixture('jetstream-post-with-tags.json').replace('"create"', '"update"'))).toBe('update');
    expect(frameHint(fixture('jetstream-identity.json'))).toBe('other');
    expect(frameHint(fixture('jetstream-account.json'))).toBe('other');
  });

  it('parses a commit, and says what is wrong with anything else', () => {
    expect(parseCommit(fixture('jetstream-post-delete.json')).commit).toMatchObject({
      operation: 'delete',
      rkey: '3mpt73z3ejc2p',
    });
    expect(() => parseCommit('{"did":')).toThrow('not JSON');
    expect(() => parseCommit('{"did":"did:plc:a","time_us":1,"kind":"commit","commit":{"operation":"merge"}}')).toThrow(
      /^unexpected frame \(commit\.operation: /,
    );
  });

  it('logs at most one warning per period, counting those held back', () => {
    const lines: unknown[][] = [];
    const log = { warn: (...args: unknown[]) => lines.push(args) } as unknown as Logger;
    let now = 0;
    const warn = createLogLimiter(log, 10_000, () => now);
    warn({ n: 1 }, 'bad frame');
    warn({ n: 2 }, 'bad frame');
    warn({ n: 3 }, 'bad frame');
    now = 10_000;
    warn({ n: 4 }, 'bad frame');
    expect(lines).toEqual([
      [{ n: 1 }, 'bad frame'],
      [{ n: 4, heldBack: 2 }, 'bad frame'],
    ]);
  });
});
