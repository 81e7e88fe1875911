/** Only signed-in moderators reach /moderation; sessions end on sign-out. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './helpers/server.js';
import { connected, login, moderationClient } from './helpers/clients.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe('/moderation handshake', () => {
  it('refuses a connection without a session cookie', async () => {
    const socket = moderationClient(server.url);
    await expect(connected(socket)).rejects.toThrow('unauthorized');
    socket.close();
  });

  it('refuses a forged session cookie', async () => {
    const socket = moderationClient(server.url, 'murmure_session=not-a-real-token');
    await expect(connected(socket)).rejects.toThrow('unauthorized');
    socket.close();
  });

  it('accepts a signed-in moderator and greets them with the events', async () => {
    const socket = moderationClient(server.url, await login(server.url));
    const hello = new Promise((resolve) => socket.once('moderation:hello', resolve));
    await connected(socket);
    expect(await hello).toMatchObject({ moderator: { name: 'admin', role: 'admin' }, events: [{ slug: 'town-hall' }] });
    socket.close();
  });

  it('refuses the session once signed out', async () => {
    const cookie = await login(server.url);
    const out = await fetch(`${server.url}/api/session`, {
      method: 'DELETE',
      headers: { cookie, 'content-type': 'application/json' },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    const socket = moderationClient(server.url, cookie);
    await expect(connected(socket)).rejects.toThrow('unauthorized');
    socket.close();
  });
});

describe('sign-in', () => {
  it('refuses a wrong password with a JSON error', async () => {
    const response = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'admin', password: 'wrong' }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: 'unauthorized', message: 'Wrong name or password.' } });
  });

  it('sets an HttpOnly, SameSite=Strict cookie and reports the session', async () => {
    const response = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'admin', password: 'correct-horse-battery' }),
    });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const me = await fetch(`${server.url}/api/session`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(await me.json()).toEqual({ moderator: { id: 1, name: 'admin', role: 'admin' } });
    expect((await fetch(`${server.url}/api/session`)).status).toBe(401);
  });
});

describe('sign-in hardening', () => {
  it('rate-limits wrong passwords per address', async () => {
    const fresh = await startServer();
    const attempt = (password: string) =>
      fetch(`${fresh.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'admin', password }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await attempt(`guess-${i}`)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
    // Even the right password waits once the limit is reached.
    const locked = await attempt('correct-horse-battery');
    expect(locked.status).toBe(429);
    expect(await locked.json()).toMatchObject({ error: { code: 'rate_limited' } });
    await fresh.close();
  });

  it('marks the cookie Secure behind a TLS-terminating proxy', async () => {
    const proxied = await startServer({ settings: { trustProxy: 1 } });
    const response = await fetch(`${proxied.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ name: 'admin', password: 'correct-horse-battery' }),
    });
    expect(response.headers.get('set-cookie')).toMatch(/; Secure/);
    const plain = await fetch(`${proxied.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'admin', password: 'correct-horse-battery' }),
    });
    expect(plain.headers.get('set-cookie')).not.toMatch(/Secure/);
    await proxied.close();
  });
});
