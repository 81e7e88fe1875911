/**
 * What the console reads of each source: its name's parts (number, instances, hashtags) and, when it fails, a code
 * it can word in its language beside the raw words, with the real sources failing for real.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceHealth } from '../../server/protocol/moderation.js';
import { startServer, type TestServer } from './helpers/server.js';
import { signedIn, type ModeratorClient } from './helpers/moderation.js';

let server: TestServer;
let lea: ModeratorClient;
afterEach(async () => {
  lea?.close();
  await server?.close();
});

describe('source status for the console', () => {
  it('names each source and gives its failure as a code with the raw words', async () => {
    server = await startServer({
      events: [
        {
          slug: 'town-hall',
          title: 'T',
          hashtags: ['TownHall'],
          sources: [
            { kind: 'web' },
            { kind: 'sms-gateway', phoneNumber: '+33 6 12 34 56 78', secret: 's' },
            // Nothing listens on port 9 here: both fail to connect and say so.
            { kind: 'x', bearerToken: 't', apiBase: 'http://127.0.0.1:9', mode: 'search' },
            { kind: 'mastodon', instances: [{ url: 'http://127.0.0.1:9' }], pollSeconds: 0.05 },
          ],
        },
      ],
    });
    lea = await signedIn(server.url);
    const list = () => lea.ok<SourceHealth[]>('sources:list', { event: 'town-hall' });
    const byKind = async () => Object.fromEntries((await list()).map((health) => [health.kind, health]));
    await expect
      .poll(async () => Object.values(await byKind()).filter((h) => h.state === 'failing').length, { timeout: 10_000 })
      .toBe(2);
    const health = await byKind();
    expect(health.web!.identity).toEqual({ kind: 'web' });
    expect(health['sms-gateway']!.identity).toEqual({ kind: 'sms-gateway', number: '+33612345678' });
    expect(health.x!.identity).toEqual({ kind: 'x', hashtags: ['TownHall'] });
    expect(health.x!.problem).toEqual({ code: 'unreachable', host: '127.0.0.1:9' });
    expect(health.x!.lastError).toMatch(/ECONNREFUSED/);
    expect(health.mastodon!.identity).toEqual({ kind: 'mastodon', hosts: ['127.0.0.1:9'] });
    expect(health.mastodon!.problem).toMatchObject({ code: 'unreachable', host: '127.0.0.1:9' });
    expect(health.mastodon!.parts).toEqual([
      expect.objectContaining({
        name: '127.0.0.1:9',
        state: 'failing',
        problem: expect.objectContaining({ code: 'unreachable' }),
      }),
    ]);
  });
});
