/**
 * A page on another port of the same host must not drive the console, in Debian's chromium. The admin signs in
 * on the app's own address; then a page served by a second HTTP server on the same host name, another port (the
 * same site for cookies, so the session cookie goes along despite SameSite=Strict), tries to add an admin over
 * the `/moderation` socket, to archive an event with a body-less POST, and to archive and create events with
 * form posts. Every attempt reaches the server with the cookie and is refused; nothing changes; the app's own
 * console keeps working.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { startServer, type TestServer } from '../integration/helpers/server.js';
import { CLIENT_DIR, launchBrowser } from './helpers/browser.js';
import { signInToConsole } from './helpers/app.js';

interface Seen {
  method: string;
  url: string;
  origin: string | undefined;
  withSession: boolean;
  /** The answer's status, once sent (a WebSocket upgrade has none when refused). */
  status?: number;
}

let browser: Browser;
let server: TestServer;
let attacker: Server;
let attackerUrl: string;
/** Every request that reached the app, with the page it came from and whether the session cookie came along. */
const seen: Seen[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startServer({ clientDir: CLIENT_DIR });
  const record = (req: IncomingMessage, res?: ServerResponse) => {
    const entry: Seen = {
      method: req.method ?? '',
      url: req.url ?? '',
      origin: req.headers.origin,
      withSession: /murmure_session=/.test(req.headers.cookie ?? ''),
    };
    seen.push(entry);
    res?.on('finish', () => (entry.status = res.statusCode));
  };
  server.app.httpServer.prependListener('request', record);
  server.app.httpServer.prependListener('upgrade', (req: IncomingMessage) => record(req));
  attacker = createServer((_req, res) => res.setHeader('Content-Type', 'text/html').end(attackPage(server.url)));
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => attacker?.close(resolve));
  await server?.close();
});

/**
 * The other page. It speaks socket.io's wire protocol over a bare WebSocket (engine.io open, then a connect to
 * /moderation, then `moderators:add` with an ack) and reports what it got; it posts with `fetch` in no-cors mode
 * and with forms into frames, the requests a browser sends without asking the server first.
 */
function attackPage(target: string): string {
  const socketUrl = `${target.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
  const archive = `${target}/api/admin/events/town-hall/archive`;
  return `<!doctype html><html><body>
<iframe name="plain"></iframe><iframe name="form"></iframe>
<form id="plain" method="post" target="plain" enctype="text/plain" action="${archive}">
  <input name='{"x":"' value='"}'></form>
<form id="form" method="post" target="form" action="${target}/api/admin/events">
  <input name="slug" value="pwned"><input name="title" value="Pwned"></form>
<script>
window.socketAttempt = new Promise((resolve) => {
  const got = [];
  const ws = new WebSocket(${JSON.stringify(socketUrl)});
  ws.onopen = () => got.push('open');
  ws.onerror = () => got.push('error');
  ws.onclose = (event) => resolve({ got, closed: event.code });
  ws.onmessage = ({ data }) => {
    got.push(data);
    if (data.startsWith('0{')) ws.send('40/moderation,');
    else if (data.startsWith('40/moderation,')) ws.send('42/moderation,1["moderators:add",{"name":"mallory","role":"admin"}]');
    else if (data === '2') ws.send('3');
    else if (data.startsWith('43/moderation,1')) resolve({ got, closed: null });
  };
});
window.bodilessPost = () => fetch(${JSON.stringify(archive)}, { method: 'POST', mode: 'no-cors', credentials: 'include' })
  .then(() => 'sent', (error) => 'failed: ' + error);
window.submitForms = () => { document.getElementById('plain').submit(); document.getElementById('form').submit(); };
</script></body></html>`;
}

const fromAttacker = () => seen.filter((request) => request.origin === attackerUrl);
const admins = async () => (await server.app.store.moderators.list()).filter((moderator) => moderator.role === 'admin');
const archived = () => server.app.catalog.get('town-hall')?.archivedAt !== null;

describe('a page on another port of the same host', () => {
  let context: BrowserContext;

  beforeAll(async () => {
    context = await browser.newContext({ locale: 'en-GB' });
    const consolePage = await context.newPage();
    await signInToConsole(consolePage, server.url);
    await consolePage.getByRole('button', { name: 'Sign out' }).waitFor();
  });
  afterAll(() => context?.close());

  it('cannot add an admin over the console’s socket, though the cookie goes along', async () => {
    const page = await context.newPage();
    await page.goto(attackerUrl);
    const attempt = (await page.evaluate('window.socketAttempt')) as { got: string[]; closed: number | null };
    expect(attempt.got).not.toContain('open');
    expect(attempt.closed).not.toBeNull();
    const handshakes = fromAttacker().filter((request) => request.url.startsWith('/socket.io/'));
    expect(handshakes).toEqual([expect.objectContaining({ withSession: true })]);
    expect((await server.app.store.moderators.list()).map((moderator) => moderator.name)).not.toContain('mallory');
    expect(await admins()).toHaveLength(1);
    await page.close();
  });

  it('cannot archive an event with a body-less POST', async () => {
    const page = await context.newPage();
    await page.goto(attackerUrl);
    expect(await page.evaluate('window.bodilessPost()')).toBe('sent');
    await expect
      .poll(() => fromAttacker().filter((request) => request.url.endsWith('/archive') && request.method === 'POST'))
      .toEqual([expect.objectContaining({ withSession: true, status: 403 })]);
    expect(archived()).toBe(false);
    await page.close();
  });

  it('cannot archive or create an event with form posts (text/plain, urlencoded)', async () => {
    const page = await context.newPage();
    await page.goto(attackerUrl);
    const before = fromAttacker().length;
    await page.evaluate('window.submitForms()');
    await expect
      .poll(() =>
        fromAttacker()
          .slice(before)
          .map(({ method, url, withSession, status }) => ({ method, url, withSession, status })),
      )
      .toEqual(
        expect.arrayContaining([
          { method: 'POST', url: '/api/admin/events/town-hall/archive', withSession: true, status: 403 },
          { method: 'POST', url: '/api/admin/events', withSession: true, status: 403 },
        ]),
      );
    expect(archived()).toBe(false);
    expect(server.app.catalog.get('pwned')).toBeFalsy();
    await page.close();
  });

  it('leaves the app’s own console working: it archives and restores the event', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/moderation`);
    await page.getByRole('navigation').getByRole('button', { name: 'Events' }).click();
    await page.locator('[data-event="town-hall"]').getByRole('button', { name: 'Archive' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Archive' }).click();
    await expect.poll(archived).toBe(true);
    await page.getByRole('button', { name: 'Restore' }).click();
    await expect.poll(archived).toBe(false);
    expect(seen.some((request) => request.origin === server.url && request.url.endsWith('/archive'))).toBe(true);
    await page.close();
  });
});
