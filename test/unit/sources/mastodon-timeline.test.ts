/** Reading the tag timeline: Link and rate-limit headers as recorded from a real instance, ids and their order. */
import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { readRateLimit } from '../../../server/sources/mastodon/api.js';
import { parseLinkHeader } from '../../../server/sources/mastodon/http.js';
import { compareIds, startBefore } from '../../../server/sources/mastodon/timeline.js';

/** The recorded response headers, lower-cased as node:http gives them. */
function recordedHeaders(): IncomingHttpHeaders {
  const text = readFileSync(new URL('../../fixtures/mastodon/tag-timeline-page.headers.txt', import.meta.url), 'utf8');
  const headers: IncomingHttpHeaders = {};
  for (const line of text.split('\n').slice(2)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

describe('recorded headers', () => {
  it('finds the next and prev pages of the Link header', () => {
    const links = parseLinkHeader(recordedHeaders().link as string);
    const base =
      'http://localhost:3000/api/v1/timelines/tag/fgiztsshwiaqqiztpmmjbtvmescsculuvmgjgopwoeidbcrixp?limit=10';
    expect(links).toEqual({ next: `${base}&max_id=117020581339834938`, prev: `${base}&min_id=117020581413876942` });
    expect(parseLinkHeader(undefined)).toEqual({});
  });

  it('reads X-RateLimit-Remaining and the ISO reset time', () => {
    expect(readRateLimit(recordedHeaders(), 0)).toEqual({
      remaining: 299,
      resetAt: Date.parse('2026-08-01T13:55:00.976542Z'),
    });
  });

  it('falls back on Retry-After, and ignores what it cannot read', () => {
    expect(readRateLimit({ 'retry-after': '30' }, 1000)).toEqual({ resetAt: 31_000 });
    expect(readRateLimit({ 'x-ratelimit-remaining': 'many', 'x-ratelimit-reset': 'soon' }, 0)).toEqual({});
  });
});

describe('status ids', () => {
  it('orders Mastodon ids as numbers, beyond what a double holds', () => {
    expect(compareIds('117020581413876942', '117020581413876941')).toBeGreaterThan(0);
    expect(compareIds('99', '100')).toBeLessThan(0);
    expect(compareIds('117020581413876942', '117020581413876942')).toBe(0);
    expect(compareIds('01HZY0A', '01HZY0B')).toBeLessThan(0); // sortable strings (other servers)
  });

  it('starts a read one minute before a snowflake id, to catch statuses that federated late', () => {
    const id = '117020581413876942';
    const earlier = startBefore(id);
    expect(Number(BigInt(id) >> 16n) - Number(BigInt(earlier) >> 16n)).toBe(60_000);
    expect(startBefore('12345')).toBe('12345'); // not a snowflake: as is
    expect(startBefore('01HZY0A')).toBe('01HZY0A');
  });
});
