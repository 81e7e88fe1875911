/** The public HTTP API: events, paginated approved items, the web form's errors, health. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemsPage } from '../../server/protocol/api.js';
import type { Item } from '../../server/protocol/items.js';
import { startServer, type TestServer } from './helpers/server.js';
import { submit } from './helpers/clients.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    events: [
      { slug: 'town-hall', title: 'Town hall', hashtags: ['TownHall'], sources: [{ kind: 'web', perMinute: 600 }] },
      { slug: 'tight', title: 'Short messages', sources: [{ kind: 'web', perMinute: 600, maxLength: 40 }] },
      { slug: 'limited', title: 'Rate-limited', sources: [{ kind: 'web', perMinute: 2 }] },
      { slug: 'closed', title: 'No web form', sources: [{ kind: 'web', enabled: false }] },
    ],
  });
});
afterAll(() => server.close());

const getJson = async (path: string) => {
  const response = await fetch(`${server.url}${path}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

async function approvedItems(count: number): Promise<Item[]> {
  const items: Item[] = [];
  for (let i = 0; i < count; i++) {
    await submit(server.url, 'town-hall', { message: `message ${i}` });
  }
  const pending = (await server.app.store.items.queue('town-hall', 'pending', 100)).items;
  const admin = { id: 1, name: 'admin', role: 'admin' as const };
  for (const item of pending) {
    const result = await server.app.actions.apply(admin, 'approve', { id: item.id });
    if (result.ok) items.push(result.data);
  }
  return items;
}

describe('GET /api/events', () => {
  it('lists the events with their public settings', async () => {
    const { status, body } = await getJson('/api/events');
    expect(status).toBe(200);
    expect(body.events).toHaveLength(4);
    expect((body.events as unknown[])[0]).toMatchObject({
      slug: 'town-hall',
      title: 'Town hall',
      hashtags: ['TownHall'],
      mode: 'pre',
      wall: { layout: 'mosaic', languages: ['fr', 'en'] },
    });
  });
});

describe('GET /api/events/:slug/items', () => {
  it('pages through approved items newest first with a cursor', async () => {
    const approved = await approvedItems(5);
    const first = await getJson('/api/events/town-hall/items?limit=2');
    const page1 = first.body as unknown as ItemsPage;
    expect(page1.items.map((i) => i.id)).toEqual([approved[4]!.id, approved[3]!.id]);
    expect(page1.next).toEqual(expect.any(String));
    const page2 = (await getJson(`/api/events/town-hall/items?limit=2&before=${page1.next}`))
      .body as unknown as ItemsPage;
    expect(page2.items.map((i) => i.id)).toEqual([approved[2]!.id, approved[1]!.id]);
    const page3 = (await getJson(`/api/events/town-hall/items?limit=2&before=${page2.next}`))
      .body as unknown as ItemsPage;
    expect(page3.items.map((i) => i.id)).toEqual([approved[0]!.id]);
    expect(page3.next).toBeNull();
  });

  it('answers errors as JSON with the right status', async () => {
    expect(await getJson('/api/events/nope/items')).toEqual({
      status: 404,
      body: { error: { code: 'not_found', message: 'No event "nope".' } },
    });
    expect((await getJson('/api/events/town-hall/items?before=garbage')).status).toBe(400);
    expect((await getJson('/api/events/town-hall/items?limit=5000')).body).toMatchObject({
      error: { code: 'bad_request' },
    });
    expect((await getJson('/api/nothing-here')).status).toBe(404);
  });
});

describe('POST /api/events/:slug/submissions', () => {
  it('stores the same submission once when it is retried with the same idempotency key', async () => {
    const key = 'retry-0123456789';
    const first = await submit(server.url, 'town-hall', { message: 'Sent twice on bad wifi', key });
    const second = await submit(server.url, 'town-hall', { message: 'Sent twice on bad wifi', key });
    expect(first.status).toBe(202);
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual({ status: 'received', duplicate: true });
    const stored = (await server.app.store.items.queue('town-hall', 'pending', 500)).items.filter(
      (i) => i.text === 'Sent twice on bad wifi',
    );
    expect(stored).toHaveLength(1);
  });

  it('names each missing field, in the language asked for', async () => {
    const response = await fetch(`${server.url}/api/events/town-hall/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'fr-FR,fr;q=0.9' },
      body: JSON.stringify({ name: ' ', message: '' }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { details: { field: string; message: string }[] } };
    expect(body.error.details).toEqual([
      { field: 'name', message: 'Indiquez votre nom.' },
      { field: 'message', message: 'Écrivez un message.' },
    ]);
  });

  it('refuses a message over the event limit, a huge body and broken JSON', async () => {
    const long = await submit(server.url, 'tight', { message: 'x'.repeat(41) });
    expect(long.status).toBe(400);
    expect(await long.json()).toMatchObject({ error: { details: [{ field: 'message' }] } });

    const huge = await fetch(`${server.url}/api/events/town-hall/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'A', message: 'y'.repeat(100_000) }),
    });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: { code: 'payload_too_large' } });

    const broken = await fetch(`${server.url}/api/events/town-hall/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name": "A", "message": ',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({
      error: { code: 'bad_request', message: 'The request body is not valid JSON.' },
    });
  });

  it('rate-limits per client and says when to retry', async () => {
    expect((await submit(server.url, 'limited', { message: 'one' })).status).toBe(202);
    expect((await submit(server.url, 'limited', { message: 'two' })).status).toBe(202);
    const third = await submit(server.url, 'limited', { message: 'three', language: 'en' });
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('60');
    expect(await third.json()).toEqual({
      error: { code: 'rate_limited', message: 'Too many messages in a short time: try again in a minute.' },
    });
    // Another event has its own budget.
    expect((await submit(server.url, 'town-hall', { message: 'elsewhere' })).status).toBe(202);
  });

  it('refuses messages for an event without a web form, and for an unknown event', async () => {
    expect((await submit(server.url, 'closed', { message: 'hello' })).status).toBe(403);
    expect((await submit(server.url, 'nope', { message: 'hello' })).status).toBe(404);
  });

  it('accepts an HTML form post too', async () => {
    const response = await fetch(`${server.url}/api/events/town-hall/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: 'Form', message: 'Posted without JavaScript' }),
    });
    expect(response.status).toBe(202);
  });
});

describe('GET /healthz', () => {
  it('reports ok', async () => {
    expect(await getJson('/healthz')).toMatchObject({ status: 200, body: { status: 'ok', events: 4 } });
  });
});
