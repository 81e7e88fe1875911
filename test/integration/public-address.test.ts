/**
 * The public address: without one, nothing hands a loopback address to the room; an admin sets it in the console
 * (kept across restarts), the file's address wins and says so, and open walls follow a change at once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/auth/passwords.js';
import type { PublicAddressResponse } from '../../server/protocol/public-address.js';
import type { AdminEvent } from '../../server/protocol/admin.js';
import type { WallSnapshot } from '../../server/protocol/socket.js';
import { connected, login, nextEvent, wallClient, type WallSocket } from './helpers/clients.js';
import { startServer, type TestServer } from './helpers/server.js';

const EVENT = {
  slug: 'town-hall',
  title: 'Town hall',
  hashtags: ['TownHall'],
  sources: [
    { kind: 'web' as const },
    { kind: 'sms-gateway' as const, phoneNumber: '+33 6 39 98 00 00', secret: 's3cret-s3cret' },
  ],
};

let server: TestServer;
const walls: WallSocket[] = [];
afterEach(async () => {
  for (const wall of walls.splice(0)) wall.close();
  await server?.close();
});

async function api<T>(path: string, cookie: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      cookie,
      origin: server.url,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function openWall(): Promise<{ wall: WallSocket; first: WallSnapshot }> {
  const wall = wallClient(server.url, 'town-hall');
  walls.push(wall);
  const first = nextEvent<WallSnapshot>(wall, 'wall:snapshot');
  await connected(wall);
  return { wall, first: await first };
}

describe('the public address', () => {
  it('is this machine only until an admin chooses one, which walls follow at once and a restart keeps', async () => {
    server = await startServer({ events: [EVENT] });
    const admin = await login(server.url);
    const { wall, first } = await openWall();
    expect(first.event.participation).toMatchObject({ webUrl: null, addressKind: null });

    const before = await api<PublicAddressResponse>('/api/public-address', admin);
    expect(before.status).toBe(200);
    expect(before.body.inUse).toEqual({ url: server.url, source: 'request', kind: 'loopback' });
    expect(before.body.configured).toBeNull();
    for (const candidate of before.body.candidates) {
      expect(candidate.url).toMatch(/^http:\/\/(\d+\.\d+\.\d+\.\d+|\[[0-9a-f:]+\]):\d+$/);
      expect(candidate.kind).not.toBe('loopback');
    }
    const events = await api<{ events: AdminEvent[] }>('/api/admin/events', admin);
    const webhook = events.body.events[0]!.sources.flatMap((source) => source.endpoints)[0]!;
    expect(webhook).toMatchObject({ label: 'webhook', reach: 'loopback' });

    const updated = nextEvent<WallSnapshot>(wall, 'wall:snapshot');
    const set = await api<PublicAddressResponse>('/api/admin/public-address', admin, {
      method: 'PUT',
      body: { url: '192.168.1.20:8080' },
    });
    expect(set.status).toBe(200);
    expect(set.body.inUse).toEqual({ url: 'http://192.168.1.20:8080', source: 'console', kind: 'local' });
    const next = (await updated).event.participation;
    expect(next.webUrl).toBe('http://192.168.1.20:8080/e/town-hall');
    expect(next.addressKind).toBe('local');
    expect(next.qrCodePath).not.toBe(first.event.participation.qrCodePath);

    // The console may be opened at the address chosen: its pages may use the session, others still may not.
    for (const [origin, status] of [
      ['http://192.168.1.20:8080', 200],
      ['http://192.168.1.21:8080', 403],
    ] as const) {
      const response = await fetch(`${server.url}/api/public-address`, { headers: { cookie: admin, origin } });
      expect(response.status, origin).toBe(status);
    }

    const qr = await fetch(`${server.url}${next.qrCodePath}`);
    expect(qr.headers.get('content-type')).toContain('image/svg+xml');
    const links = await api<{ events: AdminEvent[] }>('/api/admin/events', admin);
    expect(links.body.events[0]!.links.webView).toBe('http://192.168.1.20:8080/e/town-hall');
    expect(links.body.events[0]!.sources.flatMap((source) => source.endpoints)[0]).toMatchObject({
      value: 'http://192.168.1.20:8080/hooks/town-hall/sms/gateway',
      reach: 'local',
    });

    const { dataDir } = server;
    await server.close({ keepData: true });
    server = await startServer({ events: [EVENT], dataDir });
    const again = await openWall();
    expect(again.first.event.participation.webUrl).toBe('http://192.168.1.20:8080/e/town-hall');

    const forgotten = await api<PublicAddressResponse>('/api/admin/public-address', await login(server.url), {
      method: 'PUT',
      body: { url: null },
    });
    expect(forgotten.body.inUse.source).toBe('request');
    expect(forgotten.body.stored).toBeNull();
  });

  it('refuses an address that would make dead links, in both languages, and only admins set it', async () => {
    server = await startServer({ events: [EVENT] });
    const admin = await login(server.url);
    for (const url of ['https://wall.example.org/murmure', 'ftp://wall.example.org', 'wall example', 42]) {
      const refused = await api<{ error: { code: string; fields: Array<{ message: { en: string; fr: string } }> } }>(
        '/api/admin/public-address',
        admin,
        { method: 'PUT', body: { url } },
      );
      expect(refused.status, String(url)).toBe(400);
      expect(refused.body.error.code).toBe('invalid');
      expect(refused.body.error.fields[0]!.message.fr).not.toBe(refused.body.error.fields[0]!.message.en);
    }
    await server.app.store.moderators.add('marie', await hashPassword('marie-password-1'), 'moderator');
    const moderator = await login(server.url, 'marie', 'marie-password-1');
    const read = await api<PublicAddressResponse>('/api/public-address', moderator);
    expect(read.status).toBe(200);
    expect(read.body.candidates).toEqual([]);
    const put = { method: 'PUT', body: { url: 'https://wall.example.org' } };
    expect((await api('/api/admin/public-address', moderator, put)).status).toBe(403);
    expect((await api('/api/admin/public-address', '', put)).status).toBe(401);
    expect((await api('/api/public-address', '')).status).toBe(401);
    expect(server.app.publicAddress.stored()).toBeNull();
  });

  it('follows the configuration file first, and says so', async () => {
    server = await startServer({ events: [EVENT], settings: { publicUrl: 'https://wall.example.org/' } });
    const admin = await login(server.url);
    const set = await api<PublicAddressResponse>('/api/admin/public-address', admin, {
      method: 'PUT',
      body: { url: '192.168.1.20:8080' },
    });
    expect(set.body).toMatchObject({
      inUse: { url: 'https://wall.example.org', source: 'config', kind: 'public' },
      configured: 'https://wall.example.org',
      stored: 'http://192.168.1.20:8080',
    });
    const { first } = await openWall();
    expect(first.event.participation.webUrl).toBe('https://wall.example.org/e/town-hall');
  });
});

describe('behind a reverse proxy', () => {
  it('makes links of the address the proxy was reached at, as the origin check reads it', async () => {
    server = await startServer({ events: [EVENT], settings: { trustProxy: 1 } });
    const admin = await login(server.url);
    const response = await fetch(`${server.url}/api/public-address`, {
      headers: { cookie: admin, 'x-forwarded-host': 'wall.example.org', 'x-forwarded-proto': 'https' },
    });
    const body = (await response.json()) as PublicAddressResponse;
    expect(body.inUse).toEqual({ url: 'https://wall.example.org', source: 'request', kind: 'public' });
    const events = await fetch(`${server.url}/api/admin/events`, {
      headers: { cookie: admin, 'x-forwarded-host': 'wall.example.org', 'x-forwarded-proto': 'https' },
    });
    const links = ((await events.json()) as { events: AdminEvent[] }).events[0]!.links;
    expect(links.webView).toBe('https://wall.example.org/e/town-hall');
  });
});
