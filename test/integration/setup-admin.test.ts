/**
 * The admin's set-up API (issue: set-up in the browser): events and sources created and changed from the console,
 * applied without a restart, checked with the file's schemas, secrets sealed and never sent back.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Database from 'better-sqlite3';
import type { AdminEvent, AdminEventsResponse, AdminSource, SourceTestResult } from '../../server/protocol/admin.js';
import type { WallSnapshot } from '../../server/protocol/socket.js';
import { DATABASE_FILE } from '../../server/app.js';
import { startServer, type StartOptions, type TestServer } from './helpers/server.js';
import { login, nextEvent, wallClient } from './helpers/clients.js';
import { signedIn } from './helpers/moderation.js';
import { startMastodon } from './fakes/mastodon.js';
import { startFakeX } from './fakes/x-api.js';
import { captureLogs } from './helpers/logs.js';

const WAIT = { timeout: 8000, interval: 25 };
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function start(options: StartOptions = {}) {
  const server = await startServer(options);
  closers.push(() => server.close());
  return { server, api: await adminApi(server) };
}

/** JSON requests with the admin's session cookie. */
async function adminApi(server: TestServer, cookie?: string) {
  const session = cookie ?? (await login(server.url));
  return async <T = unknown>(method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}/api${path}`, {
      method,
      headers: { cookie: session, ...(method === 'GET' ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, text, body: (text ? JSON.parse(text) : null) as T };
  };
}

const newEvent = (slug: string, extra: Record<string, unknown> = {}) => ({
  slug,
  title: `Débat ${slug}`,
  hashtags: ['#DebatPublic'],
  ...extra,
});

describe('events from the console', () => {
  it('creates an event whose Mastodon source reads the fake instance at once, without a restart', async () => {
    const mastodon = await startMastodon();
    closers.push(() => mastodon.close());
    const { server, api } = await start();
    const created = await api<AdminEvent>('POST', '/admin/events', newEvent('debat'));
    expect(created.status).toBe(201);
    expect(created.body.origin).toBe('console');
    expect(created.body.settings).toMatchObject({ slug: 'debat', hashtags: ['DebatPublic'] });
    expect(created.body.links.wall).toBe(`${server.url}/w/debat`);
    const qr = await fetch(`${server.url}${created.body.links.qr.console}`);
    expect(qr.headers.get('content-type')).toContain('image/svg+xml');

    const wall = wallClient(server.url, 'debat');
    closers.push(async () => void wall.close());
    await nextEvent<WallSnapshot>(wall, 'wall:snapshot');

    const source = await api<AdminSource>('POST', '/admin/events/debat/sources', {
      kind: 'mastodon',
      pollSeconds: 0.2,
      instances: [{ url: mastodon.url }],
    });
    expect(source.status).toBe(201);
    mastodon.publish({ text: 'Première question', tags: ['DebatPublic'] });
    await vi.waitFor(async () => {
      const pending = (await server.app.store.items.queue('debat', 'pending', 10)).items;
      expect(pending.map((item) => item.text)).toEqual(['Première question #DebatPublic']);
    }, WAIT);

    // Approved, it reaches the wall that was opened before the event had any source.
    const moderator = await signedIn(server.url);
    closers.push(async () => moderator.close());
    const [item] = (await server.app.store.items.queue('debat', 'pending', 10)).items;
    const shown = nextEvent(wall, 'item:shown');
    await moderator.ok('item:approve', { id: item!.id });
    expect(await shown).toMatchObject({ id: item!.id });
  });

  it('lists the file’s events as such, and tells every console about a new or archived event', async () => {
    const { server, api } = await start();
    const list = await api<AdminEventsResponse>('GET', '/admin/events');
    expect(list.body.events.map((e) => [e.settings.slug, e.origin])).toEqual([['town-hall', 'file']]);

    const moderator = await signedIn(server.url);
    closers.push(async () => moderator.close());
    const changed = nextEvent<{ slug: string }[]>(moderator.socket, 'events:changed');
    await api('POST', '/admin/events', newEvent('second'));
    expect((await changed).map((e) => e.slug)).toEqual(['town-hall', 'second']);

    const wall = wallClient(server.url, 'second');
    closers.push(async () => void wall.close());
    await nextEvent(wall, 'wall:snapshot');
    const ended = nextEvent(wall, 'wall:ended');
    const afterArchive = nextEvent<{ slug: string }[]>(moderator.socket, 'events:changed');
    const archived = await api<AdminEvent>('POST', '/admin/events/second/archive');
    expect(archived.body.archivedAt).toEqual(expect.any(Number));
    expect((await afterArchive).map((e) => e.slug)).toEqual(['town-hall']);
    await ended;
    expect((await fetch(`${server.url}/api/events/second/items`)).status).toBe(404);
    // Its data stays reachable for the admin (export), and it can come back.
    expect((await api('GET', '/admin/events')).text).toContain('"second"');
    expect((await fetch(`${server.url}/api/events/second/export?format=json`, { headers: {} })).status).toBe(401);
    // A wall opened while it is archived says it ended, and both come back with the event.
    const late = wallClient(server.url, 'second');
    closers.push(async () => void late.close());
    await nextEvent(late, 'wall:ended');
    const [back, lateBack] = [
      nextEvent<WallSnapshot>(wall, 'wall:snapshot'),
      nextEvent<WallSnapshot>(late, 'wall:snapshot'),
    ];
    expect((await api<AdminEvent>('POST', '/admin/events/second/restore')).body.archivedAt).toBeNull();
    expect([(await back).event.slug, (await lateBack).event.slug]).toEqual(['second', 'second']);
    expect((await fetch(`${server.url}/api/events/second/items`)).status).toBe(200);
  });

  it('moves the open walls to a new layout, theme and title as soon as the admin saves', async () => {
    const { server, api } = await start();
    const wall = wallClient(server.url, 'town-hall');
    closers.push(async () => void wall.close());
    await nextEvent(wall, 'wall:snapshot');
    const next = nextEvent<WallSnapshot>(wall, 'wall:snapshot');
    const saved = await api<AdminEvent>('PUT', '/admin/events/town-hall', {
      title: 'Conseil municipal',
      wall: { layout: 'ticker', theme: { accent: '#ff0066', mode: 'light' } },
    });
    expect(saved.status).toBe(200);
    const snapshot = await next;
    expect(snapshot.event.title).toBe('Conseil municipal');
    expect(snapshot.event.wall.layout).toBe('ticker');
    // No background was ever chosen: it follows the mode (the wall draws it light).
    expect(snapshot.event.wall.theme).toMatchObject({ accent: '#ff0066', mode: 'light', background: null });
  });

  it('checks forms with the file’s schema and names each bad field in English and French', async () => {
    const { api } = await start();
    const bad = await api<{
      error: { code: string; fields: { field: string; message: { en: string; fr: string } }[] };
    }>('POST', '/admin/events', {
      slug: 'Pas Bon',
      title: '',
      wall: { theme: { accent: 'blue' } },
      moderation: { holdSeconds: 2 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid');
    const byField = Object.fromEntries(bad.body.error.fields.map((f) => [f.field, f.message]));
    expect(byField.slug?.fr).toContain('minuscules');
    expect(byField.title).toEqual({ en: 'must not be empty', fr: 'ne doit pas être vide' });
    expect(byField['wall.theme.accent']?.fr).toContain('couleur hexadécimale');
    expect(byField['moderation.holdSeconds']?.en).toMatch(/5/);
    expect(byField['moderation.holdSeconds']?.fr).toMatch(/5/);

    const source = await api<{ error: { fields: { field: string; message: { fr: string } }[] } }>(
      'POST',
      '/admin/events/town-hall/sources',
      { kind: 'twilio', phoneNumber: '0612', accountSid: 'nope', authToken: 'x' },
    );
    expect(source.status).toBe(400);
    expect(source.body.error.fields.map((f) => f.field).sort()).toEqual(['accountSid', 'phoneNumber']);
    expect(source.body.error.fields.find((f) => f.field === 'phoneNumber')?.message.fr).toContain('international');

    expect((await api('POST', '/admin/events', newEvent('town-hall'))).status).toBe(409);
    const rename = await api<{ error: { fields: { field: string }[] } }>('PUT', '/admin/events/town-hall', {
      slug: 'other',
    });
    expect(rename.body.error.fields.map((f) => f.field)).toEqual(['slug']);
  });
});

describe('secrets', () => {
  const TOKEN = 'AAAAsecret-bearer-token-9f8e7d';
  const TWILIO_TOKEN = 'twilio-auth-token-0123456789abcdef';

  it('are sealed at rest, never answered, logged or exported, and kept when a form leaves them empty', async () => {
    const { lines, log } = captureLogs();
    const { server, api } = await start({ log });
    const x = await api<AdminSource>('POST', '/admin/events/town-hall/sources', {
      kind: 'x',
      enabled: false,
      bearerToken: TOKEN,
    });
    expect(x.status).toBe(201);
    expect(x.body.secretsSet).toEqual(['bearerToken']);
    const twilio = await api<AdminSource>('POST', '/admin/events/town-hall/sources', {
      kind: 'twilio',
      phoneNumber: '+33 6 12 34 56 78',
      accountSid: `AC${'0'.repeat(32)}`,
      authToken: TWILIO_TOKEN,
    });
    // The test server is on 127.0.0.1: the console is told Twilio cannot reach this address.
    expect(twilio.body.endpoints).toEqual([
      { label: 'webhook', value: `${server.url}/hooks/town-hall/sms/twilio`, reach: 'loopback' },
    ]);
    const mastodon = await api<AdminSource>('POST', '/admin/events/town-hall/sources', {
      kind: 'mastodon',
      enabled: false,
      instances: [{ url: 'https://one.example', token: 'mastodon-token-one' }, { url: 'https://two.example' }],
    });
    expect(mastodon.body.secretsSet).toEqual(['instances.0.token']);

    // Saved again without the secrets (and the instances reordered): they stay.
    const edited = await api<AdminSource>('PUT', `/admin/events/town-hall/sources/${mastodon.body.id}`, {
      kind: 'mastodon',
      enabled: false,
      instances: [{ url: 'https://two.example' }, { url: 'https://one.example', token: '' }],
    });
    expect(edited.body.secretsSet).toEqual(['instances.1.token']);
    await api('PUT', `/admin/events/town-hall/sources/${x.body.id}`, { kind: 'x', enabled: false, pollSeconds: 45 });
    const stored = server.app.catalog.source('town-hall', x.body.id).config;
    expect(stored).toMatchObject({ bearerToken: TOKEN, pollSeconds: 45 });

    const responses = [
      x.text,
      twilio.text,
      mastodon.text,
      (await api('GET', '/admin/events')).text,
      (await api('GET', '/admin/events/town-hall')).text,
      edited.text,
      (await fetch(`${server.url}/api/events`)).text,
      await (
        await fetch(`${server.url}/api/events/town-hall/export?format=json`, {
          headers: { cookie: await login(server.url) },
        })
      ).text(),
      await (
        await fetch(`${server.url}/api/events/town-hall/export?format=csv`, {
          headers: { cookie: await login(server.url) },
        })
      ).text(),
    ];
    await server.close({ keepData: true });
    const database = new Database(join(server.dataDir, DATABASE_FILE), { readonly: true });
    const rows = JSON.stringify(database.prepare('SELECT * FROM sources').all());
    database.close();
    for (const secret of [TOKEN, TWILIO_TOKEN, 'mastodon-token-one']) {
      for (const text of [...responses, lines.join('\n'), rows]) expect(text).not.toContain(secret);
    }
    expect(rows).toContain('"secrets":"v1:');
    expect(statSync(join(server.dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(server.dataDir, 'secret.key')).length).toBeGreaterThan(0);
  });

  it('runs the Test button against the service: a bad X token shows X’s own error', async () => {
    const fakeX = await startFakeX({ token: 'the-right-token' });
    closers.push(() => fakeX.close());
    const { api } = await start();
    const result = await api<SourceTestResult>('POST', '/admin/sources/test', {
      event: 'town-hall',
      kind: 'x',
      apiBase: fakeX.url,
      bearerToken: 'a-wrong-token',
    });
    expect(result.status).toBe(200);
    expect(result.body.ok).toBe(false);
    expect(result.body.detail).toMatch(/Unauthorized/);
    expect(result.text).not.toContain('a-wrong-token');

    // A saved source is tested with its saved token when the form leaves it empty.
    const saved = await api<AdminSource>('POST', '/admin/events/town-hall/sources', {
      kind: 'x',
      enabled: false,
      apiBase: fakeX.url,
      bearerToken: 'the-right-token',
    });
    const again = await api<SourceTestResult>('POST', '/admin/sources/test', {
      event: 'town-hall',
      id: saved.body.id,
      kind: 'x',
      apiBase: fakeX.url,
    });
    expect(again.body.ok).toBe(true);
    expect(again.text).not.toContain('the-right-token');
  });
});

describe('who may set up', () => {
  it('refuses a moderator who is not an admin, and anyone signed out', async () => {
    const { server, api } = await start();
    const admin = await signedIn(server.url);
    closers.push(async () => admin.close());
    const { password } = await admin.ok<{ password: string }>('moderators:add', { name: 'Sam', role: 'moderator' });
    const sam = await adminApi(server, await login(server.url, 'Sam', password));
    const anonymous = await adminApi(server, 'murmure_session=none');
    const routes: [string, string, unknown?][] = [
      ['GET', '/admin/events'],
      ['POST', '/admin/events', newEvent('x')],
      ['GET', '/admin/events/town-hall'],
      ['PUT', '/admin/events/town-hall', { title: 'Pris' }],
      ['POST', '/admin/events/town-hall/archive'],
      ['POST', '/admin/events/town-hall/sources', { kind: 'web' }],
      ['DELETE', '/admin/events/town-hall/sources/1'],
      ['POST', '/admin/sources/test', { event: 'town-hall', kind: 'web' }],
    ];
    for (const [method, path, body] of routes) {
      expect((await sam(method, path, body)).status, `${method} ${path}`).toBe(403);
      expect((await anonymous(method, path, body)).status, `${method} ${path}`).toBe(401);
    }
    expect((await api<AdminEventsResponse>('GET', '/admin/events')).body.events[0]?.settings.title).toBe('Town hall');
  });
});
