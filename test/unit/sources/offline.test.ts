import { describe, expect, it } from 'vitest';
import { calmParts, calmState, isOffline } from '../../../server/sources/offline.js';

describe('a machine off the network', () => {
  it('is told apart from a service that fails', () => {
    expect(isOffline({ code: 'no_network' }, 'getaddrinfo EAI_AGAIN jetstream2.us-east.bsky.network')).toBe(true);
    expect(isOffline({ code: 'unreachable', host: 'a.example' }, 'getaddrinfo ENOTFOUND a.example')).toBe(true);
    expect(isOffline({ code: 'unreachable', host: 'a.example' }, 'connect ECONNREFUSED 10.0.0.1:443')).toBe(false);
    expect(isOffline({ code: 'unauthorized' }, 'HTTP 401')).toBe(false);
    expect(isOffline(undefined, undefined)).toBe(false);
  });

  it('turns failing into offline, and only failing', () => {
    expect(calmState('failing', { code: 'no_network' }, undefined)).toBe('offline');
    expect(calmState('failing', { code: 'server_error', status: 502 }, 'HTTP 502')).toBe('failing');
    expect(calmState('connecting', { code: 'no_network' }, undefined)).toBe('connecting');
    expect(
      calmParts([
        { name: 'a.example', state: 'failing', problem: { code: 'unreachable', host: 'a.example' } },
        { name: 'b.example', state: 'failing', problem: { code: 'unauthorized' } },
        { name: 'c.example', state: 'polling' },
      ]).map((part) => part.state),
    ).toEqual(['offline', 'failing', 'polling']);
  });
});
