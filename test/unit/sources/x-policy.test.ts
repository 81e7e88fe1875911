/**
 * The X source's pure parts: X's reconnect policy as delay tables, what each failure means for moderators,
 * post ids as times, the rule an event's hashtags become, and the rate-limit gate.
 */
import { describe, expect, it } from 'vitest';
import { describeFailure, isNotEnrolled, type XFailure } from '../../../server/sources/x/client.js';
import {
  HTTP_DELAYS,
  idAt,
  idTime,
  NETWORK_DELAYS,
  newerId,
  RATE_LIMIT_DELAYS,
  ReconnectPolicy,
  STREAM_SILENCE_MS,
} from '../../../server/sources/x/policy.js';
import { ruleTag, ruleValue } from '../../../server/sources/x/rules.js';
import { RateGate } from '../../../server/sources/x/search.js';
import { fixtureJson } from '../pipeline/helpers.js';

const NOW = Date.UTC(2026, 2, 12, 18, 0, 0);
const http = (status: number, extra: Partial<Extract<XFailure, { kind: 'http' }>> = {}): XFailure => ({
  kind: 'http',
  status,
  problem: {},
  ...extra,
});
const notEnrolled = http(403, {
  problem: { reason: 'client-not-enrolled', type: 'https://api.twitter.com/2/problems/client-forbidden' },
});

describe("X's reconnect policy as delay tables", () => {
  it('backs off network errors linearly by 250 ms up to 16 s', () => {
    expect(NETWORK_DELAYS.slice(0, 4)).toEqual([250, 500, 750, 1000]);
    expect(NETWORK_DELAYS.at(-1)).toBe(16_000);
    expect(NETWORK_DELAYS.every((delay, i) => i === 0 || delay - NETWORK_DELAYS[i - 1]! === 250)).toBe(true);
  });

  it('backs off HTTP errors exponentially from 5 s to 320 s, and 429 from a minute', () => {
    expect(HTTP_DELAYS).toEqual([5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 320_000]);
    expect(RATE_LIMIT_DELAYS[0]).toBe(60_000);
    expect(RATE_LIMIT_DELAYS.every((delay, i) => i === 0 || delay === 2 * RATE_LIMIT_DELAYS[i - 1]!)).toBe(true);
  });

  it('counts a connection silent a bit over X’s 20 s keep-alive as dead', () => {
    expect(STREAM_SILENCE_MS).toBeGreaterThan(20_000);
    expect(STREAM_SILENCE_MS).toBeLessThanOrEqual(30_000);
  });
});

describe('ReconnectPolicy', () => {
  const policy = () => new ReconnectPolicy(() => NOW, 0);

  it('reconnects at once after a long-lived connection drops, and backs off when drops come quickly', () => {
    const p = policy();
    expect(p.plan({ reason: 'dropped', lastedMs: 3_600_000, why: 'closed by X' })).toMatchObject({
      delayMs: 0,
      state: 'connecting',
      lastError: 'stream: closed by X',
    });
    const quick = { reason: 'dropped' as const, lastedMs: 2_000, why: 'closed by X' };
    expect([p.plan(quick).delayMs, p.plan(quick).delayMs, p.plan(quick).delayMs]).toEqual([250, 500, 750]);
    expect(p.plan({ reason: 'dropped', lastedMs: 60_000, why: 'x' }).delayMs).toBe(0);
    expect(p.plan(quick).delayMs).toBe(250);
  });

  it('walks the HTTP table on errors, and starts again once the stream answers 200', () => {
    const p = policy();
    const failed = { reason: 'failed' as const, failure: http(503) };
    expect([p.plan(failed).delayMs, p.plan(failed).delayMs, p.plan(failed).delayMs]).toEqual([5_000, 10_000, 20_000]);
    p.connected();
    expect(p.plan(failed)).toMatchObject({ delayMs: 5_000, state: 'failing', notEnrolled: false });
  });

  it('waits at least a minute on 429, longer when the reset is further', () => {
    expect(policy().plan({ reason: 'failed', failure: http(429) })).toMatchObject({
      delayMs: 60_000,
      state: 'rate-limited',
    });
    const far = http(429, { resetAt: NOW + 600_000 });
    expect(policy().plan({ reason: 'failed', failure: far }).delayMs).toBe(600_000);
  });

  it('says when the tier has no stream, and backs off network errors linearly', () => {
    expect(policy().plan({ reason: 'failed', failure: notEnrolled }).notEnrolled).toBe(true);
    const p = policy();
    const down = { reason: 'failed' as const, failure: { kind: 'network' as const, message: 'ECONNREFUSED' } };
    expect([p.plan(down).delayMs, p.plan(down).delayMs]).toEqual([250, 500]);
  });
});

describe('failures in words', () => {
  it('names the cause a moderator can act on', () => {
    expect(describeFailure(http(401), 'filtered stream')).toMatch(/bearer token \(401/);
    expect(describeFailure(notEnrolled, 'filtered stream')).toMatch(/access tier does not include it/);
    expect(describeFailure(http(503, { problem: { title: 'Service Unavailable' } }), 'recent search')).toBe(
      'recent search: X answered 503 (Service Unavailable)',
    );
    expect(describeFailure({ kind: 'network', message: 'ECONNRESET' }, 'x')).toBe('x: cannot reach X (ECONNRESET)');
  });

  it('tells a tier without access from other 403s', () => {
    expect(isNotEnrolled(notEnrolled)).toBe(true);
    expect(isNotEnrolled(http(403, { problem: { title: 'Forbidden' } }))).toBe(false);
    expect(isNotEnrolled(http(401))).toBe(false);
  });
});

describe('post ids as times', () => {
  it('reads the creation time out of a recorded id', () => {
    const page = fixtureJson('twitter/search-recent-page.json') as { data: { id: string; text: string }[] };
    const [first] = page.data;
    // The recorded posts' text is their creation time: "2022-10-07 22:42:12.637103 tweepy".
    const written = Date.parse(`${first!.text.slice(0, 23).replace(' ', 'T')}Z`);
    expect(Math.abs(idTime(first!.id)! - written)).toBeLessThan(1_000);
  });

  it('turns a time back into the smallest id of that millisecond', () => {
    expect(idTime(idAt(NOW))).toBe(NOW);
    expect(BigInt(idAt(NOW + 1))).toBeGreaterThan(BigInt(idAt(NOW)));
    expect(idTime('not-an-id')).toBeUndefined();
  });

  it('compares ids as numbers, not as strings', () => {
    expect(newerId('999', '1000')).toBe('1000');
    expect(newerId(undefined, '5')).toBe('5');
    expect(newerId('7', undefined)).toBe('7');
  });
});

describe('rules and rate limits', () => {
  it("writes the event's hashtags as one tagged rule", () => {
    expect(ruleValue(['TownHall', 'MairieLive'])).toBe('#TownHall OR #MairieLive');
    expect(ruleTag('town-hall')).toBe('murmure:town-hall');
  });

  it('holds calls once none remain, until the reset X announced', () => {
    let now = NOW;
    const gate = new RateGate(() => now);
    gate.update({ remaining: 3, reset: NOW / 1000 + 900 });
    expect(gate.waitMs()).toBe(0);
    gate.update({ remaining: 0, reset: NOW / 1000 + 60 });
    expect(gate.waitMs()).toBe(60_000);
    now += 60_000;
    expect(gate.waitMs()).toBe(0);
  });
});
