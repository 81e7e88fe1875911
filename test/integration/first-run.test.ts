/**
 * First run in the browser: without a preset password the server opens set-up with a one-time token; the token
 * creates the admin once, signs them in, and is refused afterwards, when wrong, and after a restart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiError, SessionResponse, SetupStatus } from '../../server/protocol/api.js';
import { startServer, type TestServer } from './helpers/server.js';
import { connected, login, moderationClient } from './helpers/clients.js';

const TOKEN_FORMAT = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
const PASSWORD = 'un-mot-de-passe-solide';

let servers: TestServer[] = [];
afterEach(async () => {
  for (const server of servers.reverse()) await server.close();
  servers = [];
});

async function start(options: Parameters<typeof startServer>[0] = {}): Promise<TestServer> {
  const server = await startServer({ adminPassword: null, ...options });
  servers.push(server);
  return server;
}

async function status(url: string): Promise<SetupStatus> {
  return (await (await fetch(`${url}/api/setup`)).json()) as SetupStatus;
}

function setup(url: string, body: Record<string, unknown>): Promise<Response> {
  return fetch(`${url}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('first run', () => {
  it('turns the one-time token into a signed-in admin, once', async () => {
    const server = await start();
    const token = server.setupToken!;
    expect(token).toMatch(TOKEN_FORMAT);
    expect(await status(server.url)).toEqual({ needed: true, language: null });
    expect((await fetch(`${server.url}/api/session`)).status).toBe(401);

    const wrong = await setup(server.url, {
      token: 'AAAA-BBBB-CCCC',
      name: 'Claire',
      password: PASSWORD,
      language: 'fr',
    });
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as ApiError).error).toMatchObject({
      code: 'forbidden',
      message: /Wrong set-up token/,
    });

    // Bad fields are refused field by field, and do not use the token up.
    const short = await setup(server.url, { token, name: 'C', password: 'short', language: 'de' });
    expect(short.status).toBe(400);
    expect(((await short.json()) as ApiError).error.details?.map((d) => d.field).sort()).toEqual([
      'language',
      'name',
      'password',
    ]);

    // Typed by hand from the screen: lower case, spaces, an O for a 0 all still match.
    const typed = token.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o');
    const done = await setup(server.url, { token: typed, name: 'Claire', password: PASSWORD, language: 'en' });
    expect(done.status).toBe(200);
    expect(((await done.json()) as SessionResponse).moderator).toMatchObject({ name: 'Claire', role: 'admin' });
    const cookie = done.headers.get('set-cookie')!;
    expect(cookie).toMatch(/murmure_session=.+; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Strict/);

    // The cookie opens the moderation socket as the new admin.
    const socket = moderationClient(server.url, cookie.split(';')[0]);
    const hello = new Promise((resolve) => socket.once('moderation:hello', resolve));
    await connected(socket);
    expect(await hello).toMatchObject({ moderator: { name: 'Claire', role: 'admin' } });
    socket.close();

    const again = await setup(server.url, { token, name: 'Mallory', password: PASSWORD, language: 'fr' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as ApiError).error).toMatchObject({ code: 'conflict', message: /already done/ });
    expect(await status(server.url)).toEqual({ needed: false, language: 'en' });
    expect((await server.app.store.moderators.list()).map((m) => m.name)).toEqual(['Claire']);
    await login(server.url, 'Claire', PASSWORD);
  });

  it('lets only one of two simultaneous requests with the token through', async () => {
    const server = await start();
    const body = (name: string) => ({ token: server.setupToken, name, password: PASSWORD, language: 'fr' });
    const [first, second] = await Promise.all([setup(server.url, body('Ana')), setup(server.url, body('Bea'))]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    expect(await server.app.store.moderators.list()).toHaveLength(1);
  });

  it('opens no set-up after a restart once an admin exists, and a new token at each start before', async () => {
    const before = await start();
    const firstToken = before.setupToken!;
    await before.close({ keepData: true });
    servers = [];

    const restarted = await start({ dataDir: before.dataDir });
    expect(restarted.setupToken).toMatch(TOKEN_FORMAT);
    expect(restarted.setupToken).not.toBe(firstToken);
    const stale = await setup(restarted.url, { token: firstToken, password: PASSWORD, language: 'fr' });
    expect(stale.status).toBe(403);
    const done = await setup(restarted.url, { token: restarted.setupToken, password: PASSWORD, language: 'fr' });
    expect(((await done.json()) as SessionResponse).moderator.name).toBe('admin');
    await restarted.close({ keepData: true });
    servers = [];

    const third = await start({ dataDir: before.dataDir });
    expect(third.setupToken).toBeNull();
    expect(await status(third.url)).toEqual({ needed: false, language: 'fr' });
    expect((await setup(third.url, { token: firstToken, password: PASSWORD, language: 'fr' })).status).toBe(409);
  });

  it('rate-limits wrong tokens per address, even before the right one', async () => {
    const server = await start();
    for (let i = 0; i < 10; i++) {
      expect((await setup(server.url, { token: `WRONG-${i}`, password: PASSWORD, language: 'fr' })).status).toBe(403);
    }
    const blocked = await setup(server.url, { token: server.setupToken, password: PASSWORD, language: 'fr' });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await status(server.url)).toMatchObject({ needed: true });
  });

  it('creates the admin at once with a preset password, without any token', async () => {
    const server = await start({ adminPassword: 'preset-password-123' });
    expect(server.setupToken).toBeNull();
    expect(await status(server.url)).toEqual({ needed: false, language: null });
    await login(server.url, 'admin', 'preset-password-123');
  });
});
