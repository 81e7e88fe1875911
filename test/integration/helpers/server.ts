/**
 * Starts the real app on port 0 with a temporary data folder (a real SQLite file) and cleans up after itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { configSchema, type ConfigInput, type EventConfig } from '../../../server/config/schema.js';
import { createApp, type App, type AppOptions } from '../../../server/app.js';
import { silentLogger, type Logger } from '../../../server/log.js';

export const ADMIN_PASSWORD = 'correct-horse-battery';

export interface TestServer {
  url: string;
  app: App;
  dataDir: string;
  /** The one-time set-up token `app.start()` returned: set only when started without an admin password. */
  setupToken: string | null;
  /** Stops the app; removes the data folder unless `keepData`. */
  close(options?: { keepData?: boolean }): Promise<void>;
}

export interface StartOptions {
  events?: ConfigInput['events'];
  /** Other top-level settings (media limits, publicUrl...). */
  settings?: Omit<ConfigInput, 'events'>;
  dataDir?: string;
  log?: Logger;
  clientDir?: string;
  /** A fixed port, to restart a server where its clients expect it; 0 (any free port) by default. */
  port?: number;
  /** A clock the test moves, and faster background jobs. */
  now?: () => number;
  jobIntervals?: AppOptions['jobIntervals'];
  /** The preset admin password (ADMIN_PASSWORD by default); null starts without one, as a first run in a browser. */
  adminPassword?: string | null;
}

export const DEFAULT_TEST_EVENT = {
  slug: 'town-hall',
  title: 'Town hall',
  hashtags: ['TownHall'],
  sources: [{ kind: 'web' as const, perMinute: 600 }],
};

export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'murmure-test-'));
  const config = configSchema.parse({
    port: 0,
    ...options.settings,
    dataDir,
    events: options.events ?? [DEFAULT_TEST_EVENT],
  });
  const app = await createApp(config, {
    log: options.log ?? silentLogger(),
    ...(options.adminPassword !== null ? { adminPassword: options.adminPassword ?? ADMIN_PASSWORD } : {}),
    clientDir: options.clientDir ?? join(dataDir, 'no-client-build'),
    ...(options.now ? { now: options.now } : {}),
    ...(options.jobIntervals ? { jobIntervals: options.jobIntervals } : {}),
  });
  const { setupToken } = await app.start();
  await new Promise<void>((resolve) => app.httpServer.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    dataDir,
    setupToken,
    async close({ keepData = false } = {}) {
      await app.stop();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs an event's sources as declared (ids by position), in place of what the app runs for it: for tests that
 * start and stop one source on its own.
 */
export function runSources(app: App, event: EventConfig): Promise<void> {
  const sources = event.sources.map((config, id) => ({ id, config }));
  return app.sources.syncEvent(event.slug, { slug: event.slug, hashtags: event.hashtags, sources });
}
