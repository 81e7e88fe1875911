/**
 * How set-up changes apply while the server runs (sources started, reconfigured and stopped in place), and how the
 * configuration file and the console share events across restarts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AdminEvent, AdminEventsResponse, AdminSource } from '../../server/protocol/admin.js';
import { startServer, type TestServer } from './helpers/server.js';
import { login, nextEvent, wallClient } from './helpers/clients.js';
import type { WallSnapshot } from '../../server/protocol/socket.js';
import { startMastodon } from './fakes/mastodon.js';

const WAIT = { timeout: 8000, interval: 25 };
const TOKEN = 'mastodon-user-token';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

function client(server: TestServer) {
  let cookie: string | null = null;
  return async <T>(method: string, path: string, body?: unknown) => {
    cookie ??= await login(server.url);
    const response = await fetch(`${server.url}/api${path}`, {
      method,
      headers: { cookie, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  };
}

describe('sources change while the server runs', () => {
  it('starts, moves, disables and removes a streaming source, leaving no connection behind', async () => {
    const [first, second] = [await startMastodon({ token: TOKEN }), await startMastodon({ token: TOKEN })];
    closers.push(
      () => first.close(),
      () => second.close(),
    );
    const server = await startServer();
    closers.push(() => server.close());
    const api = client(server);
    const status = () => server.app.sources.statuses('town-hall').find((s) => s.kind === 'mastodon');

    const added = await api<AdminSource>('POST', '/admin/events/town-hall/sources', {
      kind: 'mastodon',
      instances: [{ url: first.url, token: TOKEN }],
    });
    await vi.waitFor(() => expect(first.openStreams()).toBe(1), WAIT);
    await vi.waitFor(() => expect(status()?.state).toBe('live'), WAIT);

    // Pointed at another instance: a token belongs to its instance, so it is typed again with the new URL.
    const path = `/admin/events/town-hall/sources/${added.body.id}`;
    await api('PUT', path, { kind: 'mastodon', instances: [{ url: second.url, token: TOKEN }] });
    await vi.waitFor(() => expect([first.openStreams(), second.openStreams()]).toEqual([0, 1]), WAIT);
    second.publish({ text: 'Après le changement', tags: ['TownHall'] });
    await vi.waitFor(async () => {
      const texts = (await server.app.store.items.queue('town-hall', 'pending', 10)).items.map((item) => item.text);
      expect(texts).toEqual(['Après le changement #TownHall']);
    }, WAIT);

    await api('PUT', path, { kind: 'mastodon', enabled: false, instances: [{ url: second.url }] });
    await vi.waitFor(() => expect(second.openStreams()).toBe(0), WAIT);
    // The state is reported once the source has stopped, just after its stream closed.
    await vi.waitFor(() => expect(status()?.state).toBe('stopped'), WAIT);
    const kept = await api<AdminEvent>('GET', '/admin/events/town-hall');
    expect(kept.body.sources.find((s) => s.id === added.body.id)?.secretsSet).toEqual(['instances.0.token']);

    await api('PUT', path, { kind: 'mastodon', enabled: true, instances: [{ url: second.url }] });
    await vi.waitFor(() => expect(second.openStreams()).toBe(1), WAIT);
    expect((await api('DELETE', path)).status).toBe(204);
    await vi.waitFor(() => expect(second.openConnections()).toBe(0), WAIT);
    expect(status()).toBeUndefined();
  });

  it('restarts a pull source when the event’s hashtags change, and stops every source of an archived event', async () => {
    const instance = await startMastodon({ token: TOKEN });
    closers.push(() => instance.close());
    const server = await startServer();
    closers.push(() => server.close());
    const api = client(server);
    await api('POST', '/admin/events/town-hall/sources', {
      kind: 'mastodon',
      instances: [{ url: instance.url, token: TOKEN }],
    });
    await vi.waitFor(() => expect(instance.openStreams()).toBe(1), WAIT);

    await api('PUT', '/admin/events/town-hall', { hashtags: ['Conseil'] });
    await vi.waitFor(async () => {
      instance.publish({ text: 'Sur le nouveau mot-dièse', tags: ['Conseil'] });
      expect((await server.app.store.items.queue('town-hall', 'pending', 10)).items.length).toBeGreaterThan(0);
    }, WAIT);

    await api('POST', '/admin/events/town-hall/archive');
    await vi.waitFor(() => expect(instance.openConnections()).toBe(0), WAIT);
    expect(server.app.sources.statuses('town-hall')).toEqual([]);
  });
});

describe('the configuration file and the console', () => {
  it('starts with no event at all, and the first one made in the console goes on the wall at /', async () => {
    const server = await startServer({ events: [] });
    closers.push(() => server.close());
    const api = client(server);
    expect((await api<AdminEventsResponse>('GET', '/admin/events')).body.events).toEqual([]);
    const wall = wallClient(server.url);
    expect(await nextEvent<{ code: string }>(wall, 'wall:error')).toMatchObject({ code: 'not_found' });
    wall.close();

    expect((await api('POST', '/admin/events', { slug: 'premier', title: 'Premier' })).status).toBe(201);
    const next = wallClient(server.url);
    closers.push(async () => void next.close());
    expect((await nextEvent<WallSnapshot>(next, 'wall:snapshot')).event.slug).toBe('premier');
  });

  it('keeps console edits across restarts, lets a changed file win, and archives what left the file', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'murmure-seed-'));
    closers.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const declared = { slug: 'town-hall', title: 'Town hall', hashtags: ['TownHall'] };
    const run = async (events: { slug: string; title: string; hashtags: string[] }[]) => {
      const server = await startServer({ dataDir, events });
      const api = client(server);
      const list = await api<AdminEventsResponse>('GET', '/admin/events');
      return { server, api, events: list.body.events };
    };

    const first = await run([declared]);
    let server = first.server;
    const { api } = first;
    await api('PUT', '/admin/events/town-hall', { title: 'Renamed in the console' });
    await api('POST', '/admin/events', { slug: 'console-only', title: 'From the console' });
    await server.close({ keepData: true });

    let events: AdminEvent[];
    ({ server, events } = await run([declared]));
    expect(events.map((e) => [e.settings.slug, e.settings.title, e.origin])).toEqual([
      ['town-hall', 'Renamed in the console', 'file'],
      ['console-only', 'From the console', 'console'],
    ]);
    await server.close({ keepData: true });

    ({ server, events } = await run([{ ...declared, title: 'Changed in the file' }]));
    expect(events.find((e) => e.settings.slug === 'town-hall')?.settings.title).toBe('Changed in the file');
    await server.close({ keepData: true });

    ({ server, events } = await run([{ slug: 'other', title: 'Other', hashtags: [] }]));
    const bySlug = Object.fromEntries(events.map((e) => [e.settings.slug, e.archivedAt !== null]));
    expect(bySlug).toEqual({ 'town-hall': true, 'console-only': false, other: false });
    expect(server.app.events.slugs()).toEqual(['console-only', 'other']);
    await server.close({ keepData: true });
  });
});
