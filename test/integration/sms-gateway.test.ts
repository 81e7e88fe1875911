/**
 * The generic SMS gateway webhook through the real app: the shared secret, JSON, form and Vonage's fields,
 * idempotent retries, keywords, the per-number limit, and bad input answered precisely.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/log.js';
import { startServer, type TestServer } from './helpers/server.js';

const SECRET = 'gateway-shared-secret-9f8e7d';
const lines: string[] = [];
let server: TestServer;
let ids = 0;

beforeAll(async () => {
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  server = await startServer({
    log: createLogger({ destination, level: 'debug' }),
    events: [
      {
        slug: 'town-hall',
        title: 'Town hall',
        sources: [{ kind: 'sms-gateway', phoneNumber: '+33 6 39 98 00 00', secret: SECRET }],
      },
      {
        slug: 'closed',
        title: 'Gateway off',
        sources: [{ kind: 'sms-gateway', enabled: false, phoneNumber: '+33 6 39 98 00 00', secret: SECRET }],
      },
    ],
  });
});
afterAll(() => server?.close());

/** The message of an API error answer. */
async function errorMessage(response: Response): Promise<string> {
  return ((await response.json()) as { error: { message: string } }).error.message;
}

const url = (slug = 'town-hall') => `${server.url}/hooks/${slug}/sms/gateway`;
const newId = () => `0A00000${(++ids).toString().padStart(9, '0')}`;
const total = async () => Object.values(await server.app.store.items.counts('town-hall')).reduce((a, b) => a + b, 0);
const stored = (id: string) => server.app.store.items.findByKey('town-hall', 'sms', id);

function postJson(body: unknown, headers: Record<string, string> = { 'x-murmure-secret': SECRET }, slug?: string) {
  return fetch(url(slug), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** Vonage's inbound-SMS fields, as its "POST" (form) and "GET" (query) webhook methods send them. */
function vonage(msisdn: string, text: string, messageId = newId()) {
  return {
    msisdn,
    to: '33639980000',
    messageId,
    text,
    type: 'text',
    keyword: text.split(/\s/)[0]!.toUpperCase(),
    'api-key': 'abcd1234',
    'message-timestamp': '2026-03-12 18:11:40',
  };
}

describe('SMS gateway webhook', () => {
  it('takes a generic JSON message with the secret header', async () => {
    const id = newId();
    const response = await postJson({ from: '+33 6 39 98 12 78', to: '+33639980000', text: 'Bravo !', id });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'stored' });
    expect(await stored(id)).toMatchObject({ status: 'pending', author: { name: 'SMS' }, text: 'Bravo !' });
    expect((await stored(id))!.contact?.masked).toBe('+33 6 •• •• •• 78');
  });

  it("takes Vonage's fields as a form (POST) and as a query string (GET, secret as a parameter)", async () => {
    const form = vonage('447700900456', 'Name: Tom\nWill slides be shared?');
    const posted = await fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-murmure-secret': SECRET },
      body: new URLSearchParams(form),
    });
    expect(await posted.json()).toEqual({ status: 'stored' });
    expect(await stored(form.messageId)).toMatchObject({
      author: { name: 'Tom' },
      text: 'Will slides be shared?',
      createdAt: Date.UTC(2026, 2, 12, 18, 11, 40),
    });

    const query = vonage('447700900457', 'Par GET');
    const got = await fetch(`${url()}?${new URLSearchParams({ ...query, secret: SECRET })}`);
    expect(await got.json()).toEqual({ status: 'stored' });
    expect((await stored(query.messageId))?.text).toBe('Par GET');
  });

  it('answers 401 without the secret or with a wrong one, stores nothing, and never logs the secret', async () => {
    const before = await total();
    const body = { from: '+33639981278', text: 'x', id: newId() };
    const none = await postJson(body, {});
    expect(none.status).toBe(401);
    expect(await errorMessage(none)).toBe('No X-Murmure-Secret header.');
    expect((await postJson(body, { 'x-murmure-secret': `${SECRET}x` })).status).toBe(401);
    expect((await postJson(body, { 'x-murmure-secret': SECRET.slice(0, -1) })).status).toBe(401);
    const wrongQuery = await fetch(`${url()}?secret=nope-${SECRET}`, { method: 'POST' });
    expect(wrongQuery.status).toBe(401);
    expect(await total()).toBe(before);
    expect((await fetch(`${server.url}/hooks/elsewhere?secret=${SECRET}`)).status).toBe(404);
    expect(lines.join('')).not.toContain(SECRET);
  });

  it('is idempotent on the message id: a retry stores nothing new', async () => {
    const body = vonage('33639981279', 'Une seule fois');
    expect(await (await postJson(body)).json()).toEqual({ status: 'stored' });
    const before = await total();
    expect(await (await postJson(body)).json()).toEqual({ status: 'duplicate' });
    expect(await total()).toBe(before);
  });

  it('records STOP as an opt-out and START as its end, storing neither', async () => {
    const before = await total();
    expect(await (await postJson(vonage('33639981280', 'STOP'))).json()).toEqual({ status: 'opt-out' });
    const banned = server.app.events.ruleBook.view('town-hall').bannedAuthors;
    expect(banned.map((rule) => rule.label)).toContain('SMS opt-out (STOP)');
    expect(await (await postJson(vonage('33639981280', 'start'))).json()).toEqual({ status: 'opt-in' });
    expect(server.app.events.ruleBook.view('town-hall').bannedAuthors).toHaveLength(banned.length - 1);
    expect(await total()).toBe(before);
  });

  it('refuses a sixth message in a minute from one number without storing it', async () => {
    const before = await total();
    for (let n = 0; n < 5; n++) {
      expect(await (await postJson(vonage('33639981281', `m${n}`))).json()).toEqual({ status: 'stored' });
    }
    expect(await (await postJson(vonage('33639981281', 'm5'))).json()).toEqual({ status: 'rate-limited' });
    expect(await total()).toBe(before + 5);
  });
});

describe('bad input', () => {
  it('answers 400 naming the missing fields, for a bad JSON body, and for a body that is neither', async () => {
    const missing = await postJson({ text: 'x' });
    expect(missing.status).toBe(400);
    expect(await errorMessage(missing)).toBe('Missing field: messageId (or id), from (or msisdn).');
    const badJson = await fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-murmure-secret': SECRET },
      body: '{"msisdn": "33639981282",',
    });
    expect(badJson.status).toBe(400);
    expect(await errorMessage(badJson)).toBe('The request body is not valid JSON.');
    const text = await fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-murmure-secret': SECRET },
      body: 'hello',
    });
    expect(text.status).toBe(400);
    expect(await errorMessage(text)).toMatch(/JSON object or as a form/);
    expect((await postJson([vonage('33639981282', 'x')])).status).toBe(400);
  });

  it('answers 404 for an unknown event or a disabled gateway, and 413 for an oversized body', async () => {
    expect((await postJson(vonage('33639981283', 'x'), undefined, 'nowhere')).status).toBe(404);
    expect((await postJson(vonage('33639981283', 'x'), undefined, 'closed')).status).toBe(404);
    const huge = await postJson(vonage('33639981283', 'x'.repeat(20 * 1024)));
    expect(huge.status).toBe(413);
  });

  it('keeps working after all that', async () => {
    const id = newId();
    expect(await (await postJson({ from: '0639981284', text: 'Encore là', id })).json()).toEqual({ status: 'stored' });
  });
});
