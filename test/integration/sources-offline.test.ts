/**
 * A machine without network (a first start offline, the demo event's live sources): the Mastodon and Bluesky
 * sources cannot resolve their servers. They wait calmly in the `offline` state, retry quietly, and say so once in
 * the log at info level, not as a failure.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './helpers/server.js';
import { captureLogs } from './helpers/logs.js';

let server: TestServer;
afterEach(() => server.close());

describe('sources without network', () => {
  it('are offline, not failing, and log it once at info level', async () => {
    const logs = captureLogs();
    server = await startServer({
      log: logs.log,
      events: [
        {
          slug: 'offline',
          title: 'Offline',
          hashtags: ['MurmureDemo'],
          sources: [
            { kind: 'mastodon', instances: [{ url: 'https://no-such-host.invalid' }], pollSeconds: 1 },
            { kind: 'bluesky', jetstreamUrl: 'wss://no-such-host.invalid/subscribe' },
          ],
        },
      ],
    });
    const network = () => server.app.sources.statuses('offline');
    await expect
      .poll(() => network().map((status) => [status.kind, status.state]), { timeout: 15_000 })
      .toEqual([
        ['mastodon', 'offline'],
        ['bluesky', 'offline'],
      ]);
    for (const status of network()) {
      expect(status.problem?.code, status.kind).toMatch(/^(no_network|unreachable)$/);
      expect(status.lastError, status.kind).toMatch(/no-such-host\.invalid/);
    }
    const entries = logs.lines.map((line) => JSON.parse(line) as { level: number; msg: string; state?: string });
    // pino: 40 is warn, 50 error.
    expect(entries.filter((entry) => entry.level >= 40)).toEqual([]);
    const stateLines = entries.filter((entry) => entry.msg === 'source state' && entry.state === 'offline');
    expect(stateLines.map((entry) => entry.level)).toEqual([30, 30]);
  });
});
