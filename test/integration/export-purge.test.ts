/** Export (CSV, JSON) and purge of an event's data, for admins only; automatic purge past the retention period. */
import { afterEach, describe, expect, it } from 'vitest';
import type { WallSnapshot } from '../../server/protocol/socket.js';
import { startServer, type TestServer } from './helpers/server.js';
import { login, nextEvent, submit, wallClient } from './helpers/clients.js';
import { signedIn } from './helpers/moderation.js';
import { PNG_1X1 } from './fakes/image-host.js';
import { parse } from 'csv-parse/sync';

let server: TestServer;
afterEach(() => server.close());

const EVENTS = [
  { slug: 'town-hall', title: 'Town hall', sources: [{ kind: 'web' as const, perMinute: 600 }] },
  { slug: 'other', title: 'Other', sources: [{ kind: 'web' as const, perMinute: 600 }] },
];

async function asModerator(): Promise<string> {
  const admin = await signedIn(server.url);
  await admin.ok('moderators:add', { name: 'Sam', password: 'sam-password-123' });
  admin.close();
  return login(server.url, 'Sam', 'sam-password-123');
}

/** The export read back as a spreadsheet would (RFC 4180), one array of cells per line, headers first. */
function readCsv(text: string, delimiter: string): string[][] {
  return parse(text, { delimiter, bom: true, relax_column_count: false }) as string[][];
}

function column(rows: string[][], header: string): string[] {
  const index = rows[0]!.indexOf(header);
  expect(index, `no column "${header}" in ${rows[0]!.join(' | ')}`).toBeGreaterThanOrEqual(0);
  return rows.slice(1).map((row) => row[index]!);
}

describe('export', () => {
  it("contains exactly the event's items, with spreadsheet formulas neutralised", async () => {
    server = await startServer({ events: EVENTS });
    const hostile = [
      '=HYPERLINK("http://evil.example","clic")',
      '+33 1 23',
      '-2+3',
      '@SUM(A1:A9)',
      'Bonjour, "le" maire',
    ];
    for (const message of hostile) await submit(server.url, 'town-hall', { name: 'Ana', message });
    await submit(server.url, 'other', { message: 'Not this event' });
    const cookie = await login(server.url);

    const csv = await fetch(`${server.url}/api/events/town-hall/export?format=csv`, { headers: { cookie } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(
      /attachment; filename="?murmure-town-hall-\d{4}-\d\d-\d\d\.csv"?$/,
    );
    const bytes = Buffer.from(await csv.arrayBuffer());
    // A byte-order mark first, so spreadsheet programs read the accents right.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    // The event's wall speaks French first: French headers, and `;` between cells as French spreadsheets expect.
    const rows = readCsv(text, ';');
    expect(rows[0]!.slice(0, 3)).toEqual(['Identifiant', 'Statut', 'Source']);
    expect(rows).toHaveLength(1 + hostile.length);
    expect(text).not.toContain('Not this event');
    const texts = column(rows, 'Texte');
    expect(texts).toEqual([
      `'=HYPERLINK("http://evil.example","clic")`,
      `'+33 1 23`,
      `'-2+3`,
      `'@SUM(A1:A9)`,
      'Bonjour, "le" maire',
    ]);
    expect(new Set(column(rows, 'Statut'))).toEqual(new Set(['En attente']));
    expect(new Set(column(rows, 'Source'))).toEqual(new Set(['Formulaire web']));
    // No cell starts with a formula character once read.
    for (const row of rows.slice(1)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@]/);

    const json = (await (
      await fetch(`${server.url}/api/events/town-hall/export?format=json`, { headers: { cookie } })
    ).json()) as {
      event: string;
      items: { text: string; contactTag: string | null; contact?: unknown }[];
    };
    expect(json.event).toBe('town-hall');
    expect(json.items.map((i) => i.text)).toEqual(hostile);
    expect(json.items[0]).not.toHaveProperty('contact');
  });

  it('speaks the language asked for, with the separator asked for, and refuses unknown ones', async () => {
    server = await startServer({
      events: [
        ...EVENTS,
        { slug: 'english', title: 'English', wall: { languages: ['en'] }, sources: [{ kind: 'web' as const }] },
      ],
    });
    await submit(server.url, 'english', { name: 'Ana', message: 'Semi; colons, commas and\nnew lines' });
    await submit(server.url, 'town-hall', { name: 'Léa', message: 'Ça va, «\u00a0super\u00a0» ; merci' });
    const item = (await server.app.store.items.queue('town-hall', 'pending', 10)).items[0]!;
    await server.app.actions.apply({ id: 1, name: 'admin', role: 'admin' }, 'approve', { id: item.id });
    const cookie = await login(server.url);
    const exported = async (slug: string, query: string) => {
      const response = await fetch(`${server.url}/api/events/${slug}/export?format=csv${query}`, {
        headers: { cookie },
      });
      return { status: response.status, text: await response.text() };
    };

    // An English event: English headers and commas by default.
    const english = readCsv((await exported('english', '')).text, ',');
    expect(english[0]).toContain('Author');
    expect(column(english, 'Text')).toEqual(['Semi; colons, commas and\nnew lines']);
    expect(column(english, 'Status')).toEqual(['Pending']);
    expect(column(english, 'Date (UTC)')[0]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);

    // A French event read with commas, then in English with semicolons: each choice on its own.
    for (const query of ['&separator=comma', '&sep=,']) {
      const rows = readCsv((await exported('town-hall', query)).text, ',');
      expect(column(rows, 'Auteur')).toEqual(['Léa']);
      expect(column(rows, 'Statut')).toEqual(['Approuvé']);
      expect(column(rows, 'Texte')).toEqual(['Ça va, «\u00a0super\u00a0» ; merci']);
      expect(column(rows, 'Modéré par')).toEqual(['admin']);
    }
    const inEnglish = readCsv((await exported('town-hall', '&lang=en&sep=;')).text, ';');
    expect(column(inEnglish, 'Status')).toEqual(['Approved']);
    expect(column(inEnglish, 'Pinned')).toEqual(['no']);

    expect(await exported('town-hall', '&separator=tab')).toMatchObject({
      status: 400,
      text: expect.stringMatching(/separator.*comma or semicolon/),
    });
    expect(await exported('town-hall', '&lang=de')).toMatchObject({
      status: 400,
      text: expect.stringMatching(/lang.*fr or en/),
    });
  });

  it('is for admins only', async () => {
    server = await startServer({ events: EVENTS });
    expect((await fetch(`${server.url}/api/events/town-hall/export`)).status).toBe(401);
    const cookie = await asModerator();
    expect((await fetch(`${server.url}/api/events/town-hall/export`, { headers: { cookie } })).status).toBe(403);
    const purge = await fetch(`${server.url}/api/events/town-hall/data`, {
      method: 'DELETE',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ confirm: 'town-hall' }),
    });
    expect(purge.status).toBe(403);
  });
});

describe('purge', () => {
  it("removes the event's items, log, photos and author rules after a typed confirmation, and walls follow", async () => {
    server = await startServer({ events: EVENTS });
    const form = new FormData();
    form.append('name', 'Ana');
    form.append('message', 'Avec photo');
    form.append('photo', new Blob([PNG_1X1], { type: 'image/png' }), 'p.png');
    await fetch(`${server.url}/api/events/town-hall/submissions`, { method: 'POST', body: form });
    await submit(server.url, 'other', { message: 'Stays' });
    const [item] = (await server.app.store.items.queue('town-hall', 'pending', 10)).items;
    await server.app.actions.apply({ id: 1, name: 'admin', role: 'admin' }, 'approve', { id: item!.id });
    await server.app.store.rules.setAuthor('town-hall', item!.authorKey, 'banned', 'admin');
    const photo = item!.media[0]!.url;
    expect((await fetch(`${server.url}${photo}`)).status).toBe(200);

    const cookie = await login(server.url);
    const purge = (confirm: string) =>
      fetch(`${server.url}/api/events/town-hall/data`, {
        method: 'DELETE',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ confirm }),
      });
    expect((await purge('town')).status).toBe(400);
    const wall = wallClient(server.url, 'town-hall');
    await nextEvent<WallSnapshot>(wall, 'wall:snapshot');
    const resent = nextEvent<WallSnapshot>(wall, 'wall:snapshot');
    const response = await purge('town-hall');
    expect(await response.json()).toEqual({ items: 1, logEntries: 2, mediaFiles: 1 });
    expect((await resent).items).toEqual([]);
    wall.close();
    expect((await fetch(`${server.url}${photo}`)).status).toBe(404);
    expect(await server.app.store.items.counts('town-hall')).toEqual({
      pending: 0,
      approved: 0,
      rejected: 0,
      hidden: 0,
    });
    expect((await server.app.store.rules.authors('town-hall')).banned).toEqual([]);
    expect((await server.app.store.items.counts('other')).pending).toBe(1);
  });

  it('purges items past the retention period on its own', async () => {
    let clock = Date.UTC(2026, 0, 1);
    server = await startServer({ events: EVENTS, now: () => clock, jobIntervals: { holdMs: 60_000, retentionMs: 20 } });
    await submit(server.url, 'town-hall', { message: 'Old news' });
    clock += 2 * 24 * 60 * 60 * 1000;
    await submit(server.url, 'town-hall', { message: 'Fresh' });
    const admin = await signedIn(server.url);
    await admin.ok('rules:update', { event: 'town-hall', retentionDays: 1 });
    admin.close();
    await expect
      .poll(async () => (await server.app.store.items.counts('town-hall')).pending, { timeout: 3000 })
      .toBe(1);
    expect((await server.app.store.items.queue('town-hall', 'pending', 10)).items[0]!.text).toBe('Fresh');
  });
});
