/**
 * The real Murmure app as every benchmark runs it: a temporary data folder with a real SQLite file, one event,
 * an admin the benchmark signs in as. One place, so the suites measure the same thing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { configSchema } from '../../server/config/schema.js';
import { createApp, type App } from '../../server/app.js';
import { silentLogger } from '../../server/log.js';

export const BENCH_EVENT = 'bench';
export const BENCH_PASSWORD = 'bench-password-123';

export interface BenchApp {
  app: App;
  dataDir: string;
  /** Starts it and listens on a free port of 127.0.0.1; resolves with the port. */
  listen(): Promise<number>;
  /** Stops it and removes its data folder. */
  close(): Promise<void>;
}

/** `clientDir`: the built screens, for the browser benchmark; the others serve none. */
export async function createBenchApp(options: { clientDir?: string; database?: string } = {}): Promise<BenchApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'murmure-bench-'));
  const config = configSchema.parse({
    dataDir,
    events: [{ slug: BENCH_EVENT, title: 'Benchmark', hashtags: ['TownHall'], sources: [{ kind: 'web' }] }],
  });
  const app = await createApp(config, {
    log: silentLogger(),
    adminPassword: BENCH_PASSWORD,
    clientDir: options.clientDir ?? join(dataDir, 'no-client'),
    ...(options.database ? { database: options.database } : {}),
  });
  return {
    app,
    dataDir,
    async listen() {
      await app.start();
      await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
      return (app.httpServer.address() as AddressInfo).port;
    },
    async close() {
      await app.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A moderation socket signed in as the benchmark's admin, connected. */
export async function moderatorSocket(url: string): Promise<Socket> {
  const response = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'admin', password: BENCH_PASSWORD }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error(`sign-in failed: ${response.status}`);
  const socket = io(`${url}/moderation`, { transports: ['websocket'], forceNew: true, extraHeaders: { cookie } });
  await new Promise<void>((resolve, reject) => socket.once('connect', () => resolve()).once('connect_error', reject));
  return socket;
}
