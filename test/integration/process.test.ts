/**
 * The real entry point in a child process: restarts keep everything, SIGTERM stops cleanly, the first start
 * prints a one-time set-up link, a bad configuration stops start-up with every problem listed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Item, PublicItem } from '../../server/protocol/items.js';
import type { QueueSnapshot, Response } from '../../server/protocol/socket.js';
import { runMain, startProcess, type ServerProcess } from './helpers/process.js';
import { connected, login, moderationClient, submit } from './helpers/clients.js';

let dir: string;
let running: ServerProcess | null = null;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'murmure-process-'));
  writeFileSync(
    join(dir, 'murmure.config.json'),
    JSON.stringify({ events: [{ slug: 'debate', title: 'Débat', sources: [{ kind: 'web', perMinute: 100 }] }] }),
  );
});

afterEach(() => {
  running?.child.kill('SIGKILL');
  running = null;
  rmSync(dir, { recursive: true, force: true });
});

const args = () => ['--data', join(dir, 'data'), '--config', join(dir, 'murmure.config.json')];
const env = { MURMURE_ADMIN_PASSWORD: 'restart-test-password' };

async function queue(url: string, status: Item['status']): Promise<Item[]> {
  const socket = moderationClient(url, await login(url, 'admin', env.MURMURE_ADMIN_PASSWORD));
  await connected(socket);
  const snapshot = await new Promise<Response<QueueSnapshot>>((resolve) =>
    socket.emit('queue:snapshot', { event: 'debate', status }, resolve),
  );
  socket.close();
  if (!snapshot.ok) throw new Error(snapshot.message);
  return snapshot.data.items;
}

describe('restart', () => {
  it('keeps approved and pending items after the process is killed', async () => {
    running = await startProcess(args(), env);
    for (const message of ['will be approved', 'stays pending']) {
      expect((await submit(running.url, 'debate', { message })).status).toBe(202);
    }
    const [first] = await queue(running.url, 'pending');
    const socket = moderationClient(running.url, await login(running.url, 'admin', env.MURMURE_ADMIN_PASSWORD));
    const ack = await new Promise<Response<Item>>((resolve) => socket.emit('item:approve', { id: first!.id }, resolve));
    socket.close();
    expect(ack.ok).toBe(true);

    running.child.kill('SIGKILL');
    expect(await running.exited).toBe('SIGKILL');

    running = await startProcess(args(), env);
    const approved = (await (await fetch(`${running.url}/api/events/debate/items`)).json()) as { items: PublicItem[] };
    expect(approved.items.map((i) => i.text)).toEqual(['will be approved']);
    expect((await queue(running.url, 'pending')).map((i) => i.text)).toEqual(['stays pending']);
  });
});

describe('stopping', () => {
  it('closes sockets and the database cleanly on SIGTERM', async () => {
    running = await startProcess(args(), env);
    await submit(running.url, 'debate', { message: 'before the stop' });
    const socket = moderationClient(running.url, await login(running.url, 'admin', env.MURMURE_ADMIN_PASSWORD));
    await connected(socket);
    const disconnected = new Promise((resolve) => socket.once('disconnect', resolve));
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    await disconnected;
    socket.close();
    expect(running.output()).toMatch(/stopped/);
    // The WAL was checkpointed into the database file and truncated.
    const wal = join(dir, 'data', 'murmure.db-wal');
    expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true);
    running = null;
  });
});

describe('npm start', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  let serverPid: number | undefined;

  beforeAll(() => {
    // `--ignore-scripts` below skips the prestart build; compile the server once if no build is there yet.
    if (!existsSync(join(root, 'dist/server/main.js'))) {
      const build = spawnSync('npm', ['run', 'build:server'], { cwd: root, encoding: 'utf8' });
      if (build.status !== 0) throw new Error(`build:server failed:\n${build.stdout}${build.stderr}`);
    }
  }, 120_000);

  afterEach(() => {
    if (serverPid !== undefined && isAlive(serverPid)) process.kill(serverPid, 'SIGKILL');
    serverPid = undefined;
  });

  it('stops the server itself when npm is sent SIGTERM (no orphan node process)', async () => {
    const npm = spawn('npm', ['start', '--ignore-scripts', '--', '--port', '0', ...args()], {
      cwd: root,
      env: { ...process.env, ...env, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    npm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const npmExited = new Promise((resolve) => npm.once('exit', resolve));
    // pino's JSON lines carry the pid of the node process that serves, which is not npm's.
    const listening = await vi.waitFor(
      () => {
        const match = /"pid":(\d+)[^\n]*"port":(\d+)[^\n]*"msg":"listening"/.exec(output);
        if (!match) throw new Error(`no "listening" line yet in:\n${output}`);
        return match;
      },
      { timeout: 20_000 },
    );
    serverPid = Number(listening[1]);
    const url = `http://127.0.0.1:${listening[2]}/healthz`;
    expect(serverPid).not.toBe(npm.pid);
    expect((await fetch(url)).status).toBe(200);

    npm.kill('SIGTERM');
    await npmExited;
    await vi.waitFor(() => expect(isAlive(serverPid!), `server pid ${serverPid} still alive`).toBe(false), {
      timeout: 10_000,
    });
    expect(output).toMatch(/"signal":"SIGTERM"[^\n]*"msg":"stopping"/);
    await expect(fetch(url)).rejects.toThrow();
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('first start', () => {
  it('prints a one-time set-up link, which creates the admin; a restart prints none', async () => {
    running = await startProcess(args());
    const printed = /(http:\/\/localhost:\d+\/moderation\/setup)#token=(\S+)/.exec(running.output());
    expect(printed?.[1]).toBe(`${running.url}/moderation/setup`);
    const token = printed![2]!;
    expect(running.output()).toContain(`Set-up token: ${token}`);
    expect(running.output()).toMatch(/MURMURE_ADMIN_PASSWORD/);
    // The console page itself is served at the printed path (its token stays in the fragment).
    expect((await fetch(printed![1]!)).status).not.toBe(404);
    const response = await fetch(`${running.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, password: 'chosen-in-the-browser', language: 'fr' }),
    });
    expect(response.status).toBe(200);
    await login(running.url, 'admin', 'chosen-in-the-browser');
    running.child.kill('SIGTERM');
    await running.exited;

    running = await startProcess(args());
    expect(running.output()).not.toMatch(/token/i);
  });
});

describe('configuration errors', () => {
  it('stops start-up with one message naming every bad field', async () => {
    writeFileSync(
      join(dir, 'murmure.config.json'),
      JSON.stringify({ events: [{ slug: 'Bad Slug', title: 'x', moderation: { mode: 'sometimes' } }] }),
    );
    const run = runMain(args());
    expect(await run.exited).toBe(1);
    const output = run.output();
    expect(output).toMatch(/Invalid configuration in .*murmure\.config\.json \(2 problems\)/);
    expect(output).toMatch(/events\[0\]\.slug: must be lowercase letters, digits and dashes/);
    expect(output).toMatch(/events\[0\]\.moderation\.mode:/);
  });

  it('lists every flag in --help', async () => {
    const run = runMain(['--help']);
    expect(await run.exited).toBe(0);
    for (const flag of ['--port', '--data', '--config', '--demo', '--public-url', '--help']) {
      expect(run.output()).toContain(flag);
    }
    expect(run.output()).toMatch(/PORT.*MURMURE_DATA_DIR|MURMURE_DATA_DIR/s);
  });
});

describe('npm run user', () => {
  const user = (...rest: string[]) => {
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'server/cli/user.ts',
        ...rest,
        '--data',
        join(dir, 'data'),
        '--config',
        join(dir, 'murmure.config.json'),
      ],
      {
        cwd: fileURLToPath(new URL('../../', import.meta.url)),
        encoding: 'utf8',
      },
    );
    return { code: child.status, out: child.stdout + child.stderr };
  };

  it('adds, lists, changes the password of and removes moderators', async () => {
    const added = user('add', 'Léa', '--role', 'moderator');
    expect(added.code).toBe(0);
    const password = /Password: (\S+)/.exec(added.out)?.[1];
    expect(password).toBeDefined();
    expect(user('add', 'Léa').out).toMatch(/already exists/);
    expect(user('list').out).toContain('Léa (moderator)');
    expect(user('passwd', 'Léa', '--password', 'a-new-password-1').code).toBe(0);
    running = await startProcess(args(), env);
    await login(running.url, 'Léa', 'a-new-password-1');
    expect(user('remove', 'Léa').code).toBe(0);
    expect(user('remove', 'Léa')).toMatchObject({ code: 1, out: expect.stringMatching(/No moderator/) });
    expect(user('frobnicate', 'x')).toMatchObject({ code: 1, out: expect.stringMatching(/^Usage/) });
  });
});
