/**
 * Every bad input gets a precise 4xx, never a 500: malformed requests of every kind fired at the real app (each
 * parametrised route with a bad percent-encoding, bodies that are not what their headers say, wrong types,
 * oversized bodies, a body cut half-way), each answered with its own status, code and message in JSON, and not
 * one error-level log line.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { captureLogs } from './helpers/logs.js';
import { login } from './helpers/clients.js';
import { abortedRequest, rawRequest, type RawRequest } from './helpers/raw-http.js';
import { startServer, type TestServer } from './helpers/server.js';

const SECRET = 'gateway-shared-secret-4b1d';
const BAD = '%E0%A4%A';
const logs = captureLogs();
let server: TestServer;
let cookie: string;

beforeAll(async () => {
  server = await startServer({
    log: logs.log,
    events: [
      {
        slug: 'town-hall',
        title: 'Town hall',
        sources: [
          { kind: 'web', perMinute: 600 },
          { kind: 'sms-gateway', phoneNumber: '+33 6 39 98 00 00', secret: SECRET },
          {
            kind: 'twilio',
            phoneNumber: '+33 6 39 98 00 01',
            accountSid: `AC${'0'.repeat(32)}`,
            authToken: 'twilio-token-for-tests',
          },
        ],
      },
    ],
  });
  cookie = await login(server.url);
});
afterAll(() => server?.close());

const json = { 'content-type': 'application/json' };
/** Stands for the admin's session cookie in the tables, which are written before the admin signs in. */
const SESSION = '<session>';
const signedIn = () => ({ cookie: SESSION, ...json });
const gateway = { 'x-murmure-secret': SECRET };
const MALFORMED = /malformed percent-encoding/;

/** [what, request, status, code, message]: the answer each malformed request must get. */
type Case = [string, RawRequest, number, string, RegExp];

/** Every route with a parameter, from the routers, with a parameter that does not decode. */
const percentCases = (): Case[] =>
  [
    ['GET', `/api/events/${BAD}/items`],
    ['GET', `/api/events/${BAD}/qr.svg`],
    ['POST', `/api/events/${BAD}/submissions`, '{}'],
    ['GET', `/api/events/${BAD}/export`],
    ['DELETE', `/api/events/${BAD}/data`, '{}'],
    ['GET', `/api/admin/events/${BAD}`],
    ['PUT', `/api/admin/events/${BAD}`, '{}'],
    ['POST', `/api/admin/events/${BAD}/archive`, '{}'],
    ['POST', `/api/admin/events/${BAD}/restore`, '{}'],
    ['POST', `/api/admin/events/${BAD}/sources`, '{}'],
    ['PUT', `/api/admin/events/town-hall/sources/${BAD}`, '{}'],
    ['DELETE', `/api/admin/events/${BAD}/sources/1`, '{}'],
    ['GET', `/media/${BAD}/aHR0cHM6Ly9leGFtcGxlLm9yZy9hLnBuZw`],
    ['GET', `/media/c2lnbmF0dXJl/${BAD}`],
    ['GET', `/media/uploads/${BAD}`],
    ['POST', `/hooks/${BAD}/sms/twilio`, 'From=x'],
    ['POST', `/hooks/${BAD}/sms/gateway`, '{}'],
    ['GET', `/hooks/${BAD}/sms/gateway`],
    ['GET', `/w/${BAD}`],
    ['GET', `/e/${BAD}`],
    ['GET', `/moderation/${BAD}`],
    ['GET', `/assets/${BAD}.js`],
  ].map(([method, path, body]): Case => {
    const request: RawRequest = { method: method!, path: path!, headers: signedIn() };
    if (body !== undefined) request.body = body;
    return [`${method} ${path}`, request, 400, 'bad_request', MALFORMED];
  });

const bodyCases = (): Case[] => [
  [
    'JSON that does not parse (web form)',
    { method: 'POST', path: '/api/events/town-hall/submissions', headers: json, body: '{"name": "Ana", "mess' },
    400,
    'bad_request',
    /not valid JSON/,
  ],
  [
    'JSON that does not parse (gateway webhook)',
    { method: 'POST', path: '/hooks/town-hall/sms/gateway', headers: { ...json, ...gateway }, body: '{,}' },
    400,
    'bad_request',
    /not valid JSON/,
  ],
  [
    'a form where sign-in takes JSON',
    {
      method: 'POST',
      path: '/api/session',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' },
      body: 'name=admin&password=x',
    },
    415,
    'unsupported_media_type',
    /must send JSON/,
  ],
  [
    'text/plain to archive an event',
    {
      method: 'POST',
      path: '/api/admin/events/town-hall/archive',
      headers: { cookie: SESSION, 'content-type': 'text/plain', 'accept-language': 'fr-FR,fr;q=0.9' },
      body: '{}',
    },
    415,
    'unsupported_media_type',
    /doit envoyer du JSON/,
  ],
  [
    'a body-less POST to archive an event',
    {
      method: 'POST',
      path: '/api/admin/events/town-hall/archive',
      headers: { cookie: SESSION, 'accept-language': 'en' },
    },
    415,
    'unsupported_media_type',
    /must send JSON/,
  ],
  [
    'a sign-in body over its 4 kB',
    { method: 'POST', path: '/api/session', headers: json, body: JSON.stringify({ name: 'x'.repeat(5000) }) },
    413,
    'payload_too_large',
    /larger than the 4096 bytes allowed/,
  ],
  [
    'a web form body over its 16 kB',
    {
      method: 'POST',
      path: '/api/events/town-hall/submissions',
      headers: json,
      body: JSON.stringify({ name: 'Ana', message: 'x'.repeat(20_000) }),
    },
    413,
    'payload_too_large',
    /larger than the 16384 bytes allowed/,
  ],
  [
    'a gateway form with too many fields',
    {
      method: 'POST',
      path: '/hooks/town-hall/sms/gateway',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...gateway },
      body: Array.from({ length: 150 }, (_, i) => `f${i}=v`).join('&'),
    },
    413,
    'payload_too_large',
    /too many fields/,
  ],
  ...(['gzip', 'deflate', 'br'] as const).flatMap((encoding): Case[] => [
    [
      `sign-in said to be ${encoding} but not`,
      {
        method: 'POST',
        path: '/api/session',
        headers: { ...json, 'content-encoding': encoding },
        body: '{"name":"admin"}',
      },
      400,
      'bad_request',
      new RegExp(`not valid ${encoding} data`),
    ],
    [
      `a web form said to be ${encoding} but not`,
      {
        method: 'POST',
        path: '/api/events/town-hall/submissions',
        headers: { ...json, 'content-encoding': encoding },
        body: 'plain text',
      },
      400,
      'bad_request',
      new RegExp(`not valid ${encoding} data`),
    ],
  ]),
  [
    'a gateway webhook said to be gzip but not',
    {
      method: 'POST',
      path: '/hooks/town-hall/sms/gateway',
      headers: { ...json, ...gateway, 'content-encoding': 'gzip' },
      body: '{"msisdn":"33639980000"}',
    },
    400,
    'bad_request',
    /not valid gzip data/,
  ],
  [
    'a Twilio webhook said to be deflate but not',
    {
      method: 'POST',
      path: '/hooks/town-hall/sms/twilio',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': 'deflate' },
      body: 'From=%2B33639980000',
    },
    400,
    'bad_request',
    /not valid deflate data/,
  ],
  [
    'an unknown Content-Encoding',
    {
      method: 'POST',
      path: '/api/events/town-hall/submissions',
      headers: { ...json, 'content-encoding': 'x-squeeze' },
      body: '{}',
    },
    415,
    'unsupported_media_type',
    /Content-Encoding "x-squeeze" is not supported/,
  ],
  [
    'a charset nobody knows',
    {
      method: 'POST',
      path: '/api/events/town-hall/submissions',
      headers: { 'content-type': 'application/json; charset=klingon-1' },
      body: '{}',
    },
    415,
    'unsupported_media_type',
    /must be UTF-8, not "klingon-1"/,
  ],
  [
    'a multipart form without its boundary',
    {
      method: 'POST',
      path: '/api/events/town-hall/submissions',
      headers: { 'content-type': 'multipart/form-data' },
      body: '--x\r\n',
    },
    400,
    'bad_request',
    /form could not be read/,
  ],
  ['an asset that does not exist', { path: '/assets/nothing-here.js' }, 404, 'not_found', /Not found/],
];

/** Entries at error level or above (pino's 50), as one string per line for a readable failure. */
const errorLines = () => logs.lines.filter((line) => (JSON.parse(line) as { level: number }).level >= 50);

describe('malformed requests', () => {
  it.each([...percentCases(), ...bodyCases()])('%s', async (_what, request, status, code, message) => {
    const headers = Object.entries(request.headers ?? {}).map(([name, value]) => [
      name,
      value === SESSION ? cookie : value,
    ]);
    const response = await rawRequest(server.url, { ...request, headers: Object.fromEntries(headers) });
    expect(response.status, response.text).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const error = (response.json as { error: { code: string; message: string } }).error;
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(errorLines()).toEqual([]);
  });

  it('still takes a body that really is gzip', async () => {
    const body = gzipSync(JSON.stringify({ name: 'admin', password: 'wrong password' }));
    const response = await rawRequest(server.url, {
      method: 'POST',
      path: '/api/session',
      headers: { ...json, 'content-encoding': 'gzip' },
      body,
    });
    expect(response.status).toBe(401);
  });

  it('does not answer or log as an error a body the client aborts half-way, and keeps serving', async () => {
    const body = Buffer.from(JSON.stringify({ name: 'Ana', message: 'Une question '.repeat(500) }));
    await abortedRequest(server.url, { path: '/api/events/town-hall/submissions', headers: json, body });
    await vi.waitFor(() => expect(logs.lines.some((line) => line.includes('aborted by the client'))).toBe(true));
    expect(errorLines()).toEqual([]);
    expect((await rawRequest(server.url, { path: '/api/events' })).status).toBe(200);
  });
});
