/**
 * A push source's routes are served for the events that have it enabled, and only while they do: added, changed,
 * disabled and removed from the console, the webhook and the web form follow at once, at their public paths.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminEvent, AdminSource } from '../../server/protocol/admin.js';
import { startServer, type TestServer } from './helpers/server.js';
import { login, submit } from './helpers/clients.js';

const SECRET = 'route-test-secret-1a2b3c';
const GATEWAY = { kind: 'sms-gateway' as const, phoneNumber: '+33 6 39 98 00 00', secret: SECRET };

let server: TestServer;
let cookie: string;
let ids = 0;

beforeAll(async () => {
  server = await startServer({ events: [{ slug: 'town-hall', title: 'Town hall', sources: [GATEWAY] }] });
  cookie = await login(server.url);
});
afterAll(() => server?.close());

async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.url}/api${path}`, {
    method,
    headers: { cookie, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.status, await response.clone().text()).toBeLessThan(300);
  return (response.status === 204 ? null : await response.json()) as T;
}

/** The status a gateway message to `slug` gets, with `secret`. */
async function gatewayStatus(slug: string, secret = SECRET): Promise<number> {
  const response = await fetch(`${server.url}/hooks/${slug}/sms/gateway`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-murmure-secret': secret },
    body: JSON.stringify({ from: '+33639981278', text: 'Bonjour', id: `route-${++ids}` }),
  });
  return response.status;
}

const formStatus = async (slug: string) => (await submit(server.url, slug, { message: 'Bonjour' })).status;

describe('push source routes', () => {
  it('serves a webhook for the event that has the source, and for no other', async () => {
    await admin<AdminEvent>('POST', '/admin/events', { slug: 'other', title: 'Other', hashtags: [] });
    expect(await gatewayStatus('town-hall')).toBe(200);
    expect(await gatewayStatus('other')).toBe(404);
    expect(await gatewayStatus('nowhere')).toBe(404);
  });

  it('puts a webhook up when its source is added, and takes it down when it is disabled or removed', async () => {
    const added = await admin<AdminSource>('POST', '/admin/events/other/sources', GATEWAY);
    await expect.poll(() => gatewayStatus('other')).toBe(200);
    await admin('PUT', `/admin/events/other/sources/${added.id}`, { ...GATEWAY, enabled: false });
    await expect.poll(() => gatewayStatus('other')).toBe(404);
    await admin('PUT', `/admin/events/other/sources/${added.id}`, { ...GATEWAY, enabled: true });
    await expect.poll(() => gatewayStatus('other')).toBe(200);
    await admin('DELETE', `/admin/events/other/sources/${added.id}`);
    await expect.poll(() => gatewayStatus('other')).toBe(404);
    // The other event's webhook was never touched.
    expect(await gatewayStatus('town-hall')).toBe(200);
  });

  it('answers with the new settings once a source is changed', async () => {
    const { id } = server.app.catalog.get('town-hall')!.sources[0]!;
    await admin('PUT', `/admin/events/town-hall/sources/${id}`, { ...GATEWAY, secret: `${SECRET}-new` });
    await expect.poll(() => gatewayStatus('town-hall', `${SECRET}-new`)).toBe(200);
    expect(await gatewayStatus('town-hall')).toBe(401);
  });

  it('closes the web form with its source, opens it again, and closes it once removed', async () => {
    // A new event has a web form from the start.
    const web = server.app.catalog.get('other')!.sources.find(({ config }) => config.kind === 'web')!;
    expect(await formStatus('other')).toBe(202);
    await admin('PUT', `/admin/events/other/sources/${web.id}`, { kind: 'web', enabled: false });
    await expect.poll(() => formStatus('other')).toBe(403);
    await admin('PUT', `/admin/events/other/sources/${web.id}`, { kind: 'web', perMinute: 600 });
    await expect.poll(() => formStatus('other')).toBe(202);
    await admin('DELETE', `/admin/events/other/sources/${web.id}`);
    await expect.poll(() => formStatus('other')).toBe(403);
    expect(await formStatus('nowhere')).toBe(404);
  });

  it('takes every route of an archived event down', async () => {
    await admin('POST', '/admin/events/other/sources', GATEWAY);
    await expect.poll(() => gatewayStatus('other')).toBe(200);
    await admin('POST', '/admin/events/other/archive');
    await expect.poll(() => gatewayStatus('other')).toBe(404);
  });
});
