/** One state for a source reading several instances: the best instance's, with each one's in the detail. */
import { describe, expect, it } from 'vitest';
import { combineStates } from '../../../server/sources/mastodon/index.js';

const HOSTS = ['mastodon.social', 'piaille.fr'];

describe('combineStates', () => {
  it('is as good as the best instance, and details each', () => {
    const combined = combineStates(HOSTS, [
      { state: 'failing', lastError: 'HTTP 502', problem: { code: 'server_error', status: 502 } },
      { state: 'live' },
    ]);
    expect(combined).toEqual({
      state: 'live',
      details: {
        detail: 'mastodon.social: failing (HTTP 502); piaille.fr: live',
        parts: [
          {
            name: 'mastodon.social',
            state: 'failing',
            problem: { code: 'server_error', status: 502, host: 'mastodon.social' },
          },
          { name: 'piaille.fr', state: 'live' },
        ],
      },
    });
  });

  it('prefers polling to backfilling to connecting', () => {
    expect(combineStates(HOSTS, [{ state: 'connecting' }, { state: 'polling' }]).state).toBe('polling');
    expect(combineStates(HOSTS, [{ state: 'connecting' }, { state: 'backfilling' }]).state).toBe('backfilling');
  });

  it('gives the time a rate limit ends, and every error when all fail', () => {
    const until = Date.UTC(2026, 2, 12, 18, 5, 0);
    expect(
      combineStates(HOSTS, [
        { state: 'rate-limited', until },
        { state: 'failing', lastError: 'x' },
      ]),
    ).toMatchObject({
      state: 'rate-limited',
      details: { until },
    });
    const failing = combineStates(HOSTS, [
      { state: 'failing', lastError: 'HTTP 503' },
      { state: 'failing', lastError: 'connect ECONNREFUSED', problem: { code: 'unreachable' } },
    ]).details;
    expect(failing.lastError).toBe('mastodon.social: HTTP 503; piaille.fr: connect ECONNREFUSED');
    // The console's line names the first instance whose problem is known.
    expect(failing.problem).toEqual({ code: 'unreachable', host: 'piaille.fr' });
  });
});
