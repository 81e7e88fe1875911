/**
 * A page on another port or subdomain must not drive the console: what a session cookie authorises checks the
 * requesting page's origin (HTTP routes and the `/moderation` handshake), state changes must be JSON, and what is
 * meant to be called from anywhere (the web form, webhooks, the public wall) still is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import type { WallSnapshot } from '../../server/protocol/socket.js';
import { captureLogs } from './helpers/logs.js';
import { connected, login, nextEvent } from './helpers/clients.js';
import { rawRequest } from './helpers/raw-http.js';
import { startServer, type TestServer } from './helpers/server.js';

const PUBLIC_URL = 'https://wall.example.org';
const logs = captureLogs();
let server: TestServer;
let cookie: string;
/** The same host on another port: the same site for cookies, another origin. */
let otherPort: string;

beforeAll(async () => {
  server = await startServer({ log: logs.log, settings: { publicUrl: PUBLIC_URL } });
  cookie = await login(server.url);
  otherPort = `http://127.0.0.1:${Number(new URL(server.url).port) + 1}`;
});
afterAll(() => server?.close());

const archived = () => server.app.catalog.get('town-hall')?.archivedAt !== null;

function archive(headers: Record<string, string>, body = '{}') {
  return rawRequest(server.url, {
    method: 'POST',
    path: '/api/admin/events/town-hall/archive',
    headers: { cookie, 'content-type': 'application/json', 'accept-language': 'en', ...headers },
    body,
  });
}

async function restore(): Promise<void> {
  const response = await rawRequest(server.url, {
    method: 'POST',
    path: '/api/admin/events/town-hall/restore',
    headers: { cookie, 'content-type': 'application/json', origin: server.url },
    body: '{}',
  });
  expect(response.status).toBe(200);
}

describe('HTTP routes a session authorises', () => {
  it.each([
    ['another port of the same host', () => ({ origin: otherPort })],
    ['a sibling subdomain', () => ({ origin: 'https://evil.example.org' })],
    ['an opaque origin (sandboxed frame)', () => ({ origin: 'null' })],
    ['a same-site page that sent no Origin', () => ({ 'sec-fetch-site': 'same-site' })],
  ])('refuse a page of %s, and change nothing', async (_what, headers) => {
    const response = await archive(headers());
    expect(response.status).toBe(403);
    expect(response.json).toMatchObject({
      error: { code: 'forbidden', message: expect.stringMatching(/another address/) },
    });
    expect(archived()).toBe(false);
  });

  it('take requests from the server’s own address, the public address, and from no page at all', async () => {
    const cases: Record<string, string>[] = [
      { origin: server.url },
      { origin: PUBLIC_URL },
      { 'sec-fetch-site': 'same-origin' },
      {}, // curl, a script
    ];
    for (const headers of cases) {
      const response = await archive(headers);
      expect(response.status, JSON.stringify(headers)).toBe(200);
      expect(archived()).toBe(true);
      await restore();
    }
  });

  it('refuse a sign-in posted by another origin’s page, so it cannot sign the browser in as someone else', async () => {
    const response = await rawRequest(server.url, {
      method: 'POST',
      path: '/api/session',
      headers: { 'content-type': 'application/json', origin: otherPort, 'accept-language': 'fr' },
      body: JSON.stringify({ name: 'admin', password: 'correct-horse-battery' }),
    });
    expect(response.status).toBe(403);
    expect(response.headers['set-cookie']).toBeUndefined();
    expect((response.json as { error: { message: string } }).error.message).toMatch(/^Refusé\u00a0: /);
  });

  it('refuse the export and the set-up to another origin’s page too', async () => {
    for (const [method, path] of [
      ['GET', '/api/events/town-hall/export'],
      ['GET', '/api/admin/events'],
      ['POST', '/api/setup'],
    ] as const) {
      const response = await rawRequest(server.url, {
        method,
        path,
        headers: { cookie, origin: 'http://wall.example.org', 'content-type': 'application/json' },
        ...(method === 'POST' ? { body: '{}' } : {}),
      });
      expect(response.status, `${method} ${path}`).toBe(403);
    }
  });

  it('want JSON for every change, whatever the origin', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await archive({ origin: server.url, 'content-type': type });
      expect(response.status, type).toBe(415);
      expect(response.json).toMatchObject({ error: { code: 'unsupported_media_type' } });
    }
    const bodiless = await rawRequest(server.url, {
      method: 'DELETE',
      path: '/api/session',
      headers: { cookie, origin: server.url },
    });
    expect(bodiless.status).toBe(415);
    expect(archived()).toBe(false);
  });

  it('log one line per refused origin, at info', async () => {
    for (let i = 0; i < 3; i++) await archive({ origin: 'http://127.0.0.1:1' });
    const lines = logs.lines.filter((line) => line.includes('http://127.0.0.1:1'));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 30, allowed: [server.url, PUBLIC_URL] });
  });
});

describe('behind a reverse proxy', () => {
  it('reads the address from X-Forwarded-Proto and -Host only from a trusted proxy', async () => {
    const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'console.example.net' };
    const origin = 'https://console.example.net';
    const trusting = await startServer({ settings: { trustProxy: 1 } });
    const distrusting = await startServer();
    try {
      for (const [instance, expected] of [
        [trusting, 200],
        [distrusting, 403],
      ] as const) {
        const response = await rawRequest(instance.url, {
          method: 'POST',
          path: '/api/admin/events/town-hall/archive',
          headers: { cookie: await login(instance.url), 'content-type': 'application/json', origin, ...forwarded },
          body: '{}',
        });
        expect(response.status).toBe(expected);
      }
    } finally {
      await trusting.close();
      await distrusting.close();
    }
  });
});

describe('what anyone may call', () => {
  it('takes the web form and webhooks from any page or none', async () => {
    const response = await rawRequest(server.url, {
      method: 'POST',
      path: '/api/events/town-hall/submissions',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://elsewhere.example' },
      body: 'name=Ana&message=Depuis+un+autre+site',
    });
    expect(response.status).toBe(202);
  });
});

describe('the socket.io handshake', () => {
  const open = (namespace: string, headers: Record<string, string>, transport: 'websocket' | 'polling') =>
    io(`${server.url}${namespace}`, {
      transports: [transport],
      forceNew: true,
      reconnection: false,
      extraHeaders: headers,
      auth: namespace === '/wall' ? { event: 'town-hall' } : {},
    });

  for (const transport of ['websocket', 'polling'] as const) {
    it(`refuses the console to another origin’s page, with or without the cookie (${transport})`, async () => {
      const refused: Record<string, string>[] = [{ cookie, origin: otherPort }, { origin: otherPort }];
      for (const headers of refused) {
        const socket = open('/moderation', headers, transport);
        await expect(connected(socket)).rejects.toThrow();
        socket.close();
      }
      const own = open('/moderation', { cookie, origin: server.url }, transport);
      await connected(own);
      own.close();
    });

    it(`lets another origin’s page follow the public wall, but not with a moderator’s cookie (${transport})`, async () => {
      const anonymous = open('/wall', { origin: otherPort }, transport);
      expect((await nextEvent<WallSnapshot>(anonymous, 'wall:snapshot')).event.slug).toBe('town-hall');
      anonymous.close();
      const withCookie = open('/wall', { cookie, origin: otherPort }, transport);
      await expect(connected(withCookie)).rejects.toThrow();
      withCookie.close();
    });
  }

  it('tells a cookie-less page of another origin why /moderation refused it', async () => {
    const socket = open('/moderation', { origin: 'https://evil.example.org' }, 'websocket');
    const refusal = await new Promise<Error & { data?: unknown }>((resolve) => socket.once('connect_error', resolve));
    expect(refusal.message).toBe('forbidden');
    expect(refusal.data).toMatchObject({ code: 'forbidden' });
    socket.close();
  });
});
