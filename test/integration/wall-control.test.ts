/** Moderators steer the open walls live: layout, theme, pause and resume, announcements. */
import QRCode from 'qrcode';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Announcement, PublicEvent, WallSettings } from '../../server/protocol/event.js';
import type { PublicItem } from '../../server/protocol/items.js';
import type { Response, WallSnapshot } from '../../server/protocol/socket.js';
import { startServer, type TestServer } from './helpers/server.js';
import {
  connected,
  login,
  moderationClient,
  nextEvent,
  submit,
  wallClient,
  type ModerationSocket,
  type WallSocket,
} from './helpers/clients.js';

let server: TestServer;
let moderator: ModerationSocket;
let wall: WallSocket;

beforeEach(async () => {
  server = await startServer();
  moderator = moderationClient(server.url, await login(server.url));
  await connected(moderator);
  wall = wallClient(server.url, 'town-hall');
  await nextEvent<WallSnapshot>(wall, 'wall:snapshot');
});
afterEach(async () => {
  moderator?.close();
  wall?.close();
  await server.close();
});

function request<T>(event: 'wall:update' | 'wall:announce', payload: unknown): Promise<Response<T>> {
  return new Promise((resolve) => (moderator.emit as (...args: unknown[]) => void)(event, payload, resolve));
}

async function approvedItem(message: string): Promise<number> {
  await submit(server.url, 'town-hall', { message });
  const [item] = (await server.app.store.items.queue('town-hall', 'pending', 1)).items;
  const result = await server.app.actions.apply({ id: 1, name: 'admin', role: 'admin' }, 'approve', { id: item!.id });
  if (!result.ok) throw new Error(result.message);
  return item!.id;
}

describe('wall settings', () => {
  it('switches the layout and theme of open walls, and keeps them for new ones', async () => {
    const pushed = nextEvent<WallSettings>(wall, 'wall:settings');
    await new Promise((resolve) => moderator.emit('queue:snapshot', { event: 'town-hall' }, resolve));
    const consoleSees = nextEvent<PublicEvent>(moderator, 'event:updated');
    const ack = await request<WallSettings>('wall:update', {
      event: 'town-hall',
      layout: 'ticker',
      theme: { transparent: true, accent: '#ff6600' },
    });
    expect(ack).toMatchObject({
      ok: true,
      data: { layout: 'ticker', theme: { transparent: true, accent: '#ff6600' } },
    });
    expect(await pushed).toMatchObject({ layout: 'ticker', theme: { transparent: true, mode: 'dark' } });
    expect(await consoleSees).toMatchObject({ slug: 'town-hall', wall: { layout: 'ticker' } });

    const late = wallClient(server.url, 'town-hall');
    const snapshot = await nextEvent<WallSnapshot>(late, 'wall:snapshot');
    late.close();
    expect(snapshot.event.wall).toMatchObject({ layout: 'ticker', theme: { accent: '#ff6600' } });
  });

  it('refuses a bad layout, colour or event with a precise ack', async () => {
    expect(await request('wall:update', { event: 'town-hall', layout: 'carousel' })).toMatchObject({
      ok: false,
      code: 'bad_request',
      message: expect.stringMatching(/^layout: /),
    });
    expect(await request('wall:update', { event: 'town-hall', theme: { accent: 'red; }' } })).toMatchObject({
      ok: false,
      code: 'bad_request',
    });
    expect(await request('wall:update', { event: 'nope', layout: 'mosaic' })).toMatchObject({ code: 'not_found' });
  });

  it('sets a background colour live and takes null to make it follow the mode again', async () => {
    const chosen = nextEvent<WallSettings>(wall, 'wall:settings');
    expect(
      await request<WallSettings>('wall:update', {
        event: 'town-hall',
        theme: { mode: 'light', background: '#fde68a' },
      }),
    ).toMatchObject({ ok: true, data: { theme: { mode: 'light', background: '#fde68a' } } });
    expect((await chosen).theme.background).toBe('#fde68a');

    const automatic = nextEvent<WallSettings>(wall, 'wall:settings');
    expect(await request('wall:update', { event: 'town-hall', theme: { background: null } })).toMatchObject({
      ok: true,
      data: { theme: { mode: 'light', background: null } },
    });
    expect((await automatic).theme.background).toBeNull();
    expect(await request('wall:update', { event: 'town-hall', theme: { background: 'navy' } })).toMatchObject({
      ok: false,
      code: 'bad_request',
      message: expect.stringMatching(/^theme\.background: /),
    });
  });

  it('holds new items while paused and resynchronises the walls on resume', async () => {
    const shown: PublicItem[] = [];
    wall.on('item:shown', (item) => shown.push(item));
    expect((await request('wall:update', { event: 'town-hall', paused: true })).ok).toBe(true);
    const held = await approvedItem('approved during the pause');
    expect(shown).toEqual([]);

    const snapshot = nextEvent<WallSnapshot>(wall, 'wall:snapshot');
    expect(await request('wall:update', { event: 'town-hall', paused: false })).toMatchObject({
      ok: true,
      data: { paused: false },
    });
    expect((await snapshot).items.map((i) => i.id)).toEqual([held]);
    const after = nextEvent<PublicItem>(wall, 'item:shown');
    await approvedItem('approved after the pause');
    expect((await after).text).toBe('approved after the pause');
  });
});

describe('announcements', () => {
  it('shows an announcement on open walls, keeps it for new ones and across a restart, and clears it', async () => {
    const pushed = nextEvent<Announcement | null>(wall, 'wall:announcement');
    const ack = await request<Announcement>('wall:announce', {
      event: 'town-hall',
      text: '  Pause café : reprise à 15 h  ',
    });
    expect(ack).toMatchObject({ ok: true, data: { text: 'Pause café : reprise à 15 h', by: 'admin' } });
    expect(await pushed).toMatchObject({ text: 'Pause café : reprise à 15 h' });

    wall.close();
    moderator.close();
    await server.close({ keepData: true });
    server = await startServer({ dataDir: server.dataDir });
    wall = wallClient(server.url, 'town-hall');
    expect((await nextEvent<WallSnapshot>(wall, 'wall:snapshot')).event.announcement).toMatchObject({
      text: 'Pause café : reprise à 15 h',
    });

    moderator = moderationClient(server.url, await login(server.url));
    await connected(moderator);
    const cleared = nextEvent<Announcement | null>(wall, 'wall:announcement');
    expect(await request('wall:announce', { event: 'town-hall', text: null })).toEqual({ ok: true, data: null });
    expect(await cleared).toBeNull();
  });

  it('refuses an announcement over 280 characters', async () => {
    expect(await request('wall:announce', { event: 'town-hall', text: 'x'.repeat(281) })).toMatchObject({
      ok: false,
      code: 'bad_request',
    });
  });
});

describe('QR code', () => {
  it('draws the web view address as an SVG', async () => {
    const response = await fetch(`${server.url}/api/events/town-hall/qr.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const svg = await response.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    // The same drawing as the library makes for the address this client used, with the server's settings.
    const expected = await QRCode.toString(`${server.url}/e/town-hall`, {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
    });
    expect(svg).toBe(expected);
    expect((await fetch(`${server.url}/api/events/nope/qr.svg`)).status).toBe(404);
  });
});
