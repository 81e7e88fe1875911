/**
 * The throw-away services the adapters talk through: a `redis-server` child with nothing saved to disk, and a
 * PostgreSQL cluster from `.ci/postgres-cluster` (the tests' script), each in its own temp folder on a free port,
 * on the servers' core. Where one is not installed the contenders that need it are skipped with the reason.
 */
import { spawn, spawnSync, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createClient } from 'redis';
import { coreFor } from '../lib/child.js';

export type ServiceKind = 'redis' | 'postgres';

export interface Service {
  url: string;
  /** CPU the service's processes used since it started, in µs (null where /proc is not there to read). */
  cpuMicros(): number | null;
  /** Empties what the previous run left (streams, attachments), so every run starts alike. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** The service, or why there is none here. */
export type Started = { service: Service } | { skipped: string };

const POSTGRES_SCRIPT = fileURLToPath(new URL('../../.ci/postgres-cluster', import.meta.url));
/** The table the PostgreSQL adapter keeps payloads over NOTIFY's 8,000 bytes in (its README's schema). */
export const ATTACHMENTS_TABLE = 'socket_io_attachments';
let ticksPerSecond: number | null = null;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** `taskset -c <server core>` in front of a command, where taskset exists. */
function onServerCore(command: string, args: string[]): [string, string[]] {
  const core = coreFor('server');
  return core === null ? [command, args] : ['taskset', ['-c', String(core), command, ...args]];
}

export async function startService(kind: ServiceKind): Promise<Started> {
  return kind === 'redis' ? startRedis() : startPostgres();
}

async function startRedis(): Promise<Started> {
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    return { skipped: 'redis-server is not installed (Debian package redis-server)' };
  }
  const dir = mkdtempSync(join(tmpdir(), 'murmure-bench-redis-'));
  const port = await freePort();
  const [command, args] = onServerCore('redis-server', [
    ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir],
    ...['--save', '', '--appendonly', 'no', '--loglevel', 'warning'],
  ]);
  const child: ChildProcess = spawn(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await untilListening(port);
  const url = `redis://127.0.0.1:${port}`;
  return {
    service: {
      url,
      cpuMicros: () => (child.pid === undefined ? null : treeCpuMicros(child.pid)),
      async reset() {
        const client = await createClient({ url }).connect();
        await client.flushAll();
        await client.close();
      },
      async stop() {
        child.kill('SIGTERM');
        await exited;
        rmSync(dir, { recursive: true, force: true });
      },
    },
  };
}

async function startPostgres(): Promise<Started> {
  const folder = mkdtempSync(join(tmpdir(), 'murmure-bench-pg-'));
  let url: string;
  try {
    const [command, args] = onServerCore(POSTGRES_SCRIPT, ['start', folder, String(await freePort())]);
    url = execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    const stderr = (error as { stderr?: string }).stderr?.trim();
    return { skipped: `no PostgreSQL cluster: ${stderr || (error as Error).message.split('\n')[0]}` };
  }
  const postmaster = Number(readFileSync(join(folder, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  await query(
    url,
    `CREATE TABLE ${ATTACHMENTS_TABLE} (id bigserial UNIQUE, created_at timestamptz DEFAULT NOW(), payload bytea)`,
  );
  return {
    service: {
      url,
      cpuMicros: () => treeCpuMicros(postmaster),
      reset: () => query(url, `TRUNCATE ${ATTACHMENTS_TABLE}`),
      async stop() {
        execFileSync(POSTGRES_SCRIPT, ['stop', folder]);
      },
    },
  };
}

/** One statement on a connection of its own: nothing stays open between runs to be dropped and crash us. */
async function query(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function untilListening(port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => resolve(true)).once('error', () => resolve(false));
      socket.unref();
      setTimeout(() => socket.destroy(), 100).unref();
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on port ${port} after 10 s`);
    await sleep(50);
  }
}

/**
 * User + system time of a process and its direct children (PostgreSQL's backends), from /proc; the root's
 * "children" fields keep the time of backends that have already exited, so the sum only grows.
 */
function treeCpuMicros(root: number): number | null {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  let ticks = 0;
  for (const pid of entries) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // gone since the listing
    }
    // Fields after the command name (which may hold spaces, inside parentheses): state ppid … utime stime.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pid) !== root && Number(fields[1]) !== root) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
    if (Number(pid) === root) ticks += Number(fields[13]) + Number(fields[14]);
  }
  ticksPerSecond ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
  return (ticks / ticksPerSecond) * 1e6;
}
