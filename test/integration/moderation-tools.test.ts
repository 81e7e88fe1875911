/** The console's protocol: several moderators, undo, stars, filters, rules, audit, accounts, source health. */
import { afterEach, describe, expect, it } from 'vitest';
import type { Item, PublicItem } from '../../server/protocol/items.js';
import type { AuditPage, Presence, RulesView, SourceHealth } from '../../server/protocol/moderation.js';
import type { ModerationNotice, QueueSnapshot, WallSnapshot } from '../../server/protocol/socket.js';
import type { AccountCreated } from '../../server/protocol/moderation.js';
import { startServer, type TestServer } from './helpers/server.js';
import { nextEvent, submit, wallClient } from './helpers/clients.js';
import { signedIn, type ModeratorClient } from './helpers/moderation.js';

let server: TestServer;
const clients: ModeratorClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await server.close();
});

async function moderator(name = 'admin', password?: string): Promise<ModeratorClient> {
  const client = await signedIn(server.url, name, password);
  clients.push(client);
  await client.ok('queue:snapshot', { event: 'town-hall' });
  return client;
}

async function queued(message: string, name = 'Claire'): Promise<Item> {
  expect((await submit(server.url, 'town-hall', { name, message })).status).toBe(202);
  const item = (await server.app.store.items.queue('town-hall', 'pending', 500)).items.find((i) => i.text === message);
  if (!item) throw new Error(`${message} not pending`);
  return item;
}

describe('several moderators', () => {
  it("shows one moderator's approve to the other and to the wall, and who is online and on what", async () => {
    server = await startServer();
    const lea = await moderator();
    const presence = nextEvent<Presence>(lea.socket, 'moderation:presence', (p) => p.online.length === 2);
    const added = await lea.ok<AccountCreated>('moderators:add', { name: 'Sam', role: 'moderator' });
    const sam = await moderator('Sam', added.password!);
    expect((await presence).online.map((o) => o.name)).toEqual(['admin', 'Sam']);

    const item = await queued('Une question pour le maire');
    const focused = nextEvent<Presence>(lea.socket, 'moderation:presence', (p) =>
      p.online.some((o) => o.focus === item.id),
    );
    await sam.ok('item:focus', { event: 'town-hall', id: item.id });
    expect((await focused).online.find((o) => o.name === 'Sam')?.focus).toBe(item.id);

    const wall = wallClient(server.url, 'town-hall');
    await nextEvent<WallSnapshot>(wall, 'wall:snapshot');
    const seen = nextEvent<ModerationNotice>(lea.socket, 'item:moderated');
    const shown = nextEvent<PublicItem>(wall, 'item:shown');
    await sam.ok('item:approve', { id: item.id, expected: 'pending' });
    expect(await seen).toMatchObject({ by: 'Sam', action: 'approve', after: 'approved' });
    expect((await shown).id).toBe(item.id);
    wall.close();

    const left = nextEvent<Presence>(lea.socket, 'moderation:presence', (p) => p.online.length === 1);
    sam.close();
    expect((await left).online.map((o) => o.name)).toEqual(['admin']);
  });
});

describe('undo', () => {
  it('restores the previous state and the wall follows', async () => {
    server = await startServer();
    const lea = await moderator();
    const wall = wallClient(server.url, 'town-hall');
    await nextEvent<WallSnapshot>(wall, 'wall:snapshot');
    const item = await queued('Approuvé par erreur');
    const shown = nextEvent<PublicItem>(wall, 'item:shown');
    await lea.ok('item:approve', { id: item.id });
    await shown;
    const hidden = nextEvent<{ id: number }>(wall, 'item:hidden');
    expect(await lea.ok<Item>('item:undo', { id: item.id })).toMatchObject({ status: 'pending' });
    expect(await hidden).toEqual({ id: item.id });
    wall.close();
    expect(await lea.request('item:undo', { id: item.id })).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('never undoes what someone else did since', async () => {
    server = await startServer();
    const lea = await moderator();
    const item = await queued('Deux mains');
    await lea.ok('item:approve', { id: item.id });
    await server.app.actions.apply({ id: 99, name: 'Sam', role: 'moderator' }, 'hide', { id: item.id });
    expect(await lea.request('item:undo', { id: item.id })).toMatchObject({ ok: false, code: 'conflict' });
    expect((await server.app.store.items.get(item.id))?.status).toBe('hidden');
  });
});

describe('queue tools', () => {
  it('stars for later, filters by source, text (accents aside) and star, and keeps an audit log', async () => {
    server = await startServer();
    const lea = await moderator();
    const velo = await queued('Plus de pistes cyclables à Montréal ?', 'Élodie');
    await queued('Et les écoles ?');
    const starred = await lea.ok<Item>('item:star', { id: velo.id, starred: true });
    expect(starred.starredBy).toBe('admin');

    const page = (filter: object) =>
      lea
        .ok<QueueSnapshot>('queue:snapshot', { event: 'town-hall', ...filter })
        .then((s) => s.items.map((i) => i.text));
    expect(await page({ search: 'MONTREAL' })).toEqual(['Plus de pistes cyclables à Montréal ?']);
    expect(await page({ search: 'elodie' })).toEqual(['Plus de pistes cyclables à Montréal ?']);
    expect(await page({ starred: true })).toEqual(['Plus de pistes cyclables à Montréal ?']);
    expect(await page({ source: 'sms' })).toEqual([]);
    expect(await page({ source: 'web' })).toHaveLength(2);

    await lea.ok('item:reject', { id: velo.id });
    const audit = await lea.ok<AuditPage>('audit:list', { event: 'town-hall', limit: 3 });
    expect(audit.entries.map((e) => [e.actor, e.action, e.after])).toEqual([
      ['admin', 'reject', 'rejected'],
      ['admin', 'star', 'pending'],
      ['filter', 'intake', 'pending'],
    ]);
    expect(audit.entries[0]!.excerpt).toBe('Plus de pistes cyclables à Montréal ?');
    expect(audit.next).toEqual(expect.any(String));
  });

  it('puts an approved item in the spotlight of open walls', async () => {
    server = await startServer();
    const lea = await moderator();
    const item = await queued('Sous les projecteurs');
    expect(await lea.request('item:spotlight', { id: item.id })).toMatchObject({ ok: false, code: 'conflict' });
    await lea.ok('item:approve', { id: item.id });
    const wall = wallClient(server.url, 'town-hall');
    await nextEvent<WallSnapshot>(wall, 'wall:snapshot');
    const spotlight = nextEvent<PublicItem>(wall, 'wall:spotlight');
    await lea.ok('item:spotlight', { id: item.id });
    expect((await spotlight).text).toBe('Sous les projecteurs');
    wall.close();
  });
});

describe('rules', () => {
  it('apply to the next item: blocked words, allowed default words, mode, trusted only, authors', async () => {
    server = await startServer();
    const lea = await moderator();
    const other = await moderator();
    const changed = nextEvent<RulesView>(other.socket, 'rules:changed');
    await lea.ok('rules:update', { event: 'town-hall', blockedWords: ['trottinette'], allowedWords: ['merde'] });
    expect((await changed).blockedWords).toEqual(['trottinette']);

    await submit(server.url, 'town-hall', { message: 'Les TROTTINETTES partout' });
    await submit(server.url, 'town-hall', { message: 'Une trottinette sur le trottoir' });
    await submit(server.url, 'town-hall', { message: 'Oh merde, le bus' });
    const statusOf = async (text: string) => {
      const statuses = ['pending', 'approved', 'rejected'] as const;
      const pages = await Promise.all(statuses.map((s) => server.app.store.items.queue('town-hall', s, 100)));
      return pages.flatMap((page) => page.items).find((i) => i.text === text)?.status;
    };
    expect(await statusOf('Une trottinette sur le trottoir')).toBe('rejected');
    expect(await statusOf('Oh merde, le bus')).toBe('pending');

    await lea.ok('rules:update', { event: 'town-hall', mode: 'post' });
    await submit(server.url, 'town-hall', { message: 'En direct' });
    expect(await statusOf('En direct')).toBe('approved');

    await submit(server.url, 'town-hall', { name: 'Mairie', message: 'Compte officiel' });
    const trusted = (await server.app.store.items.queue('town-hall', 'approved', 100)).items.find(
      (i) => i.text === 'Compte officiel',
    )!;
    await lea.ok('rules:author', {
      event: 'town-hall',
      authorKey: trusted.authorKey,
      rule: 'trusted',
      label: 'Mairie',
    });
    await lea.ok('rules:update', { event: 'town-hall', trustedOnly: true });
    await submit(server.url, 'town-hall', { name: 'Troll', message: 'Hijack #TownHall' });
    await submit(server.url, 'town-hall', { name: 'Mairie', message: 'Toujours là' });
    expect(await statusOf('Hijack #TownHall')).toBe('rejected');
    expect(await statusOf('Toujours là')).toBe('approved');
    const view = await lea.ok<RulesView>('rules:get', { event: 'town-hall' });
    expect(view).toMatchObject({
      mode: 'post',
      trustedOnly: true,
      trustedAuthors: [{ authorKey: trusted.authorKey, label: 'Mairie', by: 'admin' }],
    });
    expect(await lea.request('rules:update', { event: 'town-hall', mode: 'sometimes' })).toMatchObject({
      code: 'bad_request',
    });
    expect((await lea.ok<string[]>('rules:defaultWords', { event: 'town-hall' })).length).toBeGreaterThan(1000);
  });

  it('shows a held item after its delay unless a moderator rejected it first, and caps a source per hour', async () => {
    let clock = Date.UTC(2026, 10, 23, 10, 0, 0);
    server = await startServer({ now: () => clock, jobIntervals: { holdMs: 20, retentionMs: 60_000 } });
    const lea = await moderator();
    await lea.ok('rules:update', { event: 'town-hall', mode: 'hold', holdSeconds: 30 });
    const kept = await queued('Montrera dans 30 s');
    const stopped = await queued('Arrêté à temps');
    expect(kept.holdUntil).toBe(clock + 30_000);
    await lea.ok('item:reject', { id: stopped.id });
    const released = nextEvent<ModerationNotice>(lea.socket, 'item:moderated', (n) => n.action === 'hold-expired');
    clock += 31_000;
    expect(await released).toMatchObject({ by: 'hold', after: 'approved', item: { id: kept.id } });
    expect((await server.app.store.items.get(stopped.id))?.status).toBe('rejected');

    await lea.ok('rules:update', { event: 'town-hall', mode: 'post', hourlyCapPerSource: 2 });
    for (const message of ['un', 'deux', 'trois']) await submit(server.url, 'town-hall', { message });
    const third = (await server.app.store.items.queue('town-hall', 'pending', 10)).items.find(
      (i) => i.text === 'trois',
    );
    expect(third?.reasons).toContainEqual({ rule: 'hourly-cap', detail: 'more than 2 items an hour from web' });
  });
});

describe('accounts', () => {
  it('lets an admin manage accounts and nobody else', async () => {
    server = await startServer();
    const admin = await moderator();
    const created = await admin.ok<AccountCreated>('moderators:add', { name: 'Sam' });
    expect(created).toMatchObject({ moderator: { name: 'Sam', role: 'moderator' }, password: expect.any(String) });
    expect(await admin.request('moderators:add', { name: 'Sam' })).toMatchObject({ code: 'conflict' });
    const sam = await moderator('Sam', created.password!);
    expect(await sam.request('moderators:list', {})).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await sam.request('moderators:add', { name: 'Eve' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await admin.ok('moderators:list', {})).toEqual([
      { id: 1, name: 'admin', role: 'admin', online: true },
      { id: 2, name: 'Sam', role: 'moderator', online: true },
    ]);
    expect(await admin.request('moderators:remove', { name: 'admin' })).toMatchObject({ code: 'conflict' });
    await admin.ok('moderators:remove', { name: 'Sam' });
    // A removed account's session no longer acts.
    expect(await sam.request('item:approve', { id: 1 })).toMatchObject({ ok: false, code: 'unauthorized' });
  });
});

describe('source health', () => {
  it('reports each source state and items per minute, live', async () => {
    server = await startServer({
      events: [
        {
          slug: 'town-hall',
          title: 'T',
          sources: [
            { kind: 'web' },
            { kind: 'demo', intervalSeconds: 0.05 },
            // Nothing listens on port 9 here: the source fails to connect and says so.
            { kind: 'x', bearerToken: 't', apiBase: 'http://127.0.0.1:9', mode: 'search' },
          ],
        },
      ],
    });
    const lea = await moderator();
    const states = async () =>
      (await lea.ok<SourceHealth[]>('sources:list', { event: 'town-hall' })).map((h) => [h.kind, h.state]);
    await expect.poll(states, { timeout: 10_000 }).toEqual([
      ['web', 'live'],
      ['demo', 'live'],
      ['x', 'failing'],
    ]);
    const health = async () => await lea.ok<SourceHealth[]>('sources:list', { event: 'town-hall' });
    expect((await health()).find((h) => h.kind === 'x')!.lastError).toBeTruthy();
    // The demo replays its samples for as long as it runs: they add up, minute by minute.
    await expect
      .poll(async () => (await health()).find((h) => h.kind === 'demo')!.itemsPerMinute, { timeout: 10_000 })
      .toBeGreaterThan(5);
  });
});
