/**
 * Several real nodes on one PostgreSQL database behind the real front: each node is a child process of the BUILT
 * server (`node dist/server/main.js`, as `npm start` runs it) with its own data folder (no shared disk), the same
 * configuration file and the same master key; HAProxy runs haproxy.cfg beside this file, filled with the nodes'
 * addresses, as a child process too. A node can be killed (SIGKILL: a crash), stopped (SIGTERM) and started again
 * on its port, where the front expects it. Everything each process printed is kept for failure messages.
 */
import { freePort } from '../../support/free-port.js';
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, vi } from 'vitest';
import type { RunnerTestFile, RunnerTestSuite } from 'vitest';
import type { ConfigInput } from '../../../server/config/schema.js';
import { freshPostgresDatabase, hasPostgres, NO_POSTGRES, type TestDatabase } from '../../support/postgres.js';

export const HAPROXY = '/usr/sbin/haproxy';
export const hasCluster = hasPostgres && existsSync(HAPROXY);
export const NO_CLUSTER = !hasPostgres
  ? NO_POSTGRES
  : `${HAPROXY} is absent: install the Debian package haproxy to run the multi-node tests`;
export const ADMIN_PASSWORD = 'cluster-admin-password';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = join(ROOT, 'dist/server/main.js');
const TEMPLATE = fileURLToPath(new URL('haproxy.cfg', import.meta.url));
/** What a failure message shows of each process: its last lines. */
const TAIL_LINES = 80;

/** One process's output, as printed, and its JSON log lines. */
class Output {
  text = '';
  listen(child: ChildProcess): void {
    child.stdout?.on('data', (chunk: Buffer) => (this.text += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.text += chunk.toString()));
  }
  /** The node's log entries (pino writes one JSON object a line when not on a terminal). */
  entries(): Record<string, unknown>[] {
    return this.text.split('\n').flatMap((line) => {
      if (!line.startsWith('{')) return [];
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  }
  tail(): string {
    return tailOf(this.text);
  }
}

const tailOf = (text: string) => text.split('\n').slice(-TAIL_LINES).join('\n');

export interface ClusterNode {
  name: string;
  /** The node itself, not through the front. */
  url: string;
  /** Log entries of the current run (since the last start). */
  logs(): Record<string, unknown>[];
  /** Everything the current run printed. */
  output(): string;
  readonly running: boolean;
  /** SIGKILL, as a crash: no goodbye to the database or the clients. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM, as an operator stops it; resolves with the exit code. */
  stop(): Promise<number | string>;
  /** Starts it again on its port and data folder; resolves once it listens. */
  start(): Promise<void>;
}

export interface Cluster {
  /** The front (HAProxy): where walls, phones and webhooks go. */
  url: string;
  nodes: ClusterNode[];
  node(name: string): ClusterNode;
  /** How the front sees a node now, from its health-check messages: 'up' until told otherwise. */
  frontSees(name: string): 'up' | 'down';
  /** The front's own messages (servers going down or up, and why). */
  frontOutput(): string;
  /** The last lines of every process, for a failure message. */
  report(): string;
  close(): Promise<void>;
}

export interface ClusterOptions {
  events: ConfigInput['events'];
  /** Other top-level settings of the shared configuration file. */
  settings?: Omit<ConfigInput, 'events'>;
  /** Node names, started in this order (each once the one before listens); two by default. */
  names?: string[];
}

/** Builds the server if there is no build; one older than the code would test yesterday's server, so it stops. */
function ensureBuild(): void {
  if (!existsSync(MAIN)) {
    const build = spawnSync('npm', ['run', 'build:server'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build:server failed:\n${build.stdout}${build.stderr}`);
    return;
  }
  const newer = spawnSync('find', ['server', '-name', '*.ts', '-newermm', MAIN], { cwd: ROOT, encoding: 'utf8' });
  const changed = newer.stdout.trim().split('\n').filter(Boolean);
  if (changed.length > 0) {
    throw new Error(`dist/server is older than ${changed.slice(0, 3).join(', ')}: run \`npm run build:server\` first`);
  }
}

const SETPRIV = '/usr/bin/setpriv';

/**
 * Spawns a child that dies with the test process, should that end without its teardown (a hook that threw, a
 * worker stopped with SIGTERM, which runs no exit handler): a node or a front left running would hold its port and
 * its database for good. The kernel sees to it (setpriv's parent-death signal); the exit handler covers the rest.
 */
function spawnTied(command: string, args: string[], options: SpawnOptions): ChildProcess {
  const child = existsSync(SETPRIV)
    ? spawn(SETPRIV, ['--pdeathsig', 'KILL', '--', command, ...args], options)
    : spawn(command, args, options);
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  child.once('exit', () => process.off('exit', kill));
  return child;
}

function exitOf(child: ChildProcess): Promise<number | string> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode ?? child.signalCode ?? 'gone');
    else child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
}

interface NodeSetup {
  name: string;
  port: number;
  dataDir: string;
  configFile: string;
  database: string;
  masterKey: string;
}

function clusterNode(setup: NodeSetup): ClusterNode {
  const url = `http://127.0.0.1:${setup.port}`;
  let child: ChildProcess | null = null;
  let output = new Output();
  const args = [
    ...['--port', String(setup.port), '--host', '127.0.0.1'],
    ...['--data', setup.dataDir, '--config', setup.configFile, '--database', setup.database],
  ];
  const env = {
    ...process.env,
    LOG_LEVEL: 'info',
    MURMURE_MASTER_KEY: setup.masterKey,
    MURMURE_ADMIN_PASSWORD: ADMIN_PASSWORD,
  };

  async function start(): Promise<void> {
    output = new Output();
    const run = spawnTied(process.execPath, [MAIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child = run;
    output.listen(run);
    const exited = exitOf(run).then((code) => {
      throw new Error(`node ${setup.name} exited (${code}) before listening:\n${output.tail()}`);
    });
    const listening = vi.waitFor(
      async () => {
        if (!output.text.includes(`localhost:${setup.port}/moderation`)) throw new Error('not listening yet');
        if ((await fetch(`${url}/healthz`)).status !== 200) throw new Error('/healthz not 200 yet');
      },
      { timeout: 30_000, interval: 50 },
    );
    await Promise.race([listening, exited]);
  }

  async function signal(name: NodeJS.Signals): Promise<number | string> {
    const run = child;
    if (!run) throw new Error(`node ${setup.name} is not running`);
    const exited = exitOf(run);
    run.kill(name);
    const code = await exited;
    child = null;
    return code;
  }

  return {
    name: setup.name,
    url,
    logs: () => output.entries(),
    output: () => output.text,
    get running() {
      return child !== null;
    },
    kill: () => signal('SIGKILL').then(() => undefined),
    stop: () => signal('SIGTERM'),
    start,
  };
}

/** HAProxy in the foreground (-db) on `port`, in front of `servers`; resolves once it answers through to a node. */
async function startFront(folder: string, port: number, servers: { name: string; port: number }[]) {
  const lines = servers.map(({ name, port: at }) => `  server ${name} 127.0.0.1:${at} check cookie ${name}`);
  const file = join(folder, 'haproxy.cfg');
  writeFileSync(
    file,
    readFileSync(TEMPLATE, 'utf8').replace('{{bind}}', `127.0.0.1:${port}`).replace('{{servers}}', lines.join('\n')),
  );
  const child = spawnTied(HAPROXY, ['-f', file, '-db'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = new Output();
  output.listen(child);
  const exited = exitOf(child).then((code) => {
    throw new Error(`haproxy exited (${code}):\n${output.tail()}`);
  });
  const answering = vi.waitFor(
    async () => {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).status !== 200) throw new Error('front not ready');
    },
    { timeout: 10_000, interval: 50 },
  );
  await Promise.race([answering, exited]);
  return { child, output };
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  ensureBuild();
  const folder = mkdtempSync(join(tmpdir(), 'murmure-cluster-'));
  const configFile = join(folder, 'murmure.config.json');
  writeFileSync(configFile, JSON.stringify({ ...options.settings, events: options.events }));
  const masterKey = randomBytes(32).toString('hex');
  let database: TestDatabase | null = null;
  const nodes: ClusterNode[] = [];
  let front: Awaited<ReturnType<typeof startFront>> | null = null;

  const cluster: Cluster = {
    url: '',
    nodes,
    node(name) {
      const found = nodes.find((node) => node.name === name);
      if (!found) throw new Error(`no node ${name}`);
      return found;
    },
    frontSees(name) {
      const said = [...(front?.output.text ?? '').matchAll(/Server nodes\/(\w+) is (UP|DOWN)/g)];
      return said.filter((match) => match[1] === name).at(-1)?.[2] === 'DOWN' ? 'down' : 'up';
    },
    frontOutput: () => front?.output.text ?? '',
    report() {
      const parts = nodes.map((node) => `--- node ${node.name} (${node.url})\n${tailOf(node.output())}`);
      return [...parts, `--- haproxy\n${front?.output.tail() ?? ''}`].join('\n');
    },
    async close() {
      front?.child.kill('SIGTERM');
      if (front) await exitOf(front.child);
      await Promise.all(nodes.filter((node) => node.running).map((node) => node.kill()));
      await database?.drop();
      rmSync(folder, { recursive: true, force: true });
    },
  };

  try {
    database = await freshPostgresDatabase();
    for (const name of options.names ?? ['a', 'b']) {
      const setup = { name, port: await freePort(), dataDir: join(folder, `data-${name}`), configFile, masterKey };
      const node = clusterNode({ ...setup, database: database.url });
      nodes.push(node);
      await node.start();
    }
    const frontPort = await freePort();
    const servers = nodes.map((node) => ({ name: node.name, port: Number(new URL(node.url).port) }));
    front = await startFront(folder, frontPort, servers);
    cluster.url = `http://127.0.0.1:${frontPort}`;
    return cluster;
  } catch (error) {
    const report = cluster.report();
    await cluster.close();
    throw new Error(`the cluster did not start: ${(error as Error).message}\n${report}`, { cause: error });
  }
}

/** Whether a test of the suite failed, or one of its hooks did (a failed start fails no test: they are skipped). */
function failedIn(suite: Readonly<RunnerTestSuite | RunnerTestFile>): boolean {
  if ((suite.result?.errors?.length ?? 0) > 0) return true;
  return suite.tasks.some((task) => task.result?.state === 'fail' || (task.type === 'suite' && failedIn(task)));
}

/**
 * A cluster for the test file: started before its tests (options as a function: read then, once what the
 * configuration names, a fake service, has started), torn down after. When anything failed, the last lines of every
 * process are printed with the failures.
 */
export function useCluster(options: ClusterOptions | (() => ClusterOptions)): () => Cluster {
  let cluster: Cluster | undefined;
  beforeAll(async () => {
    cluster = await startCluster(typeof options === 'function' ? options() : options);
  }, 120_000);
  // Vitest reads the first argument's pattern for the fixtures it wants: none here.
  // eslint-disable-next-line no-empty-pattern
  afterAll(async ({}, suite) => {
    if (cluster && failedIn(suite)) process.stderr.write(`\n${cluster.report()}\n`);
    await cluster?.close();
  }, 30_000);
  return () => {
    if (!cluster) throw new Error('the cluster did not start');
    return cluster;
  };
}
