/**
 * The `/moderation` request table against the protocol, through real socket.io clients on the real server: every
 * request of the protocol is listened to, parsed by its own schema and answered by its handler; bad input gets a
 * precise `bad_request` ack and one log line; a handler that fails gets `internal`, logged once, and the socket
 * goes on working.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { QueueSnapshot, RequestName, RequestPayload, Response } from '../../server/protocol/socket.js';
import { REQUEST_NAMES } from '../../server/realtime/moderation-schemas.js';
import { requestEmitters } from '../../moderation/lib/requests.js';
import { requestWithAck } from '../../moderation/lib/ack.js';
import { SAMPLE_REQUESTS } from '../support/moderation-requests.js';
import { startServer, type TestServer } from './helpers/server.js';
import { submit } from './helpers/clients.js';
import { signedIn, type ModeratorClient } from './helpers/moderation.js';
import { captureLogs, type CapturedLogs } from './helpers/logs.js';

let server: TestServer;
let logs: CapturedLogs;
let admin: ModeratorClient;

beforeAll(async () => {
  logs = captureLogs();
  server = await startServer({ log: logs.log });
  admin = await signedIn(server.url);
});
afterEach(() => {
  vi.restoreAllMocks();
});
afterAll(async () => {
  admin?.close();
  await server?.close();
});

/** The log entries with this message, parsed. */
function logged(msg: string): Record<string, unknown>[] {
  return logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.msg === msg);
}

/** Sends a request the way the console does: through its emitters, typed by the protocol. */
function consoleRequest<K extends RequestName>(name: K, payload: RequestPayload<K>) {
  const emit = requestEmitters(admin.socket);
  return requestWithAck((ack) => emit[name](payload, ack));
}

/** The same socket seen without the protocol's types, to send what no console would. */
function raw(): Socket {
  return admin.socket;
}

describe('the /moderation request table', () => {
  it('answers every request of the protocol, sent by the console, without refusing its payload', async () => {
    for (const name of REQUEST_NAMES) {
      const answer = await consoleRequest(name, SAMPLE_REQUESTS[name]);
      // A well-formed request is done or refused for what it asks (no such item), never for its shape.
      expect(answer.ok ? 'done' : answer.code, name).not.toMatch(/^(bad_request|internal|timeout|disconnected)$/);
    }
  });

  it('refuses a payload that fails its schema with a precise ack, for every request, and logs it once', async () => {
    const before = logged('moderation request refused').length;
    for (const name of REQUEST_NAMES) {
      expect(await admin.request(name, 'not an object'), name).toMatchObject({
        ok: false,
        code: 'bad_request',
        message: expect.stringMatching(/^request: /),
        reason: { key: 'invalid_request', fields: [''] },
      });
    }
    const refused = logged('moderation request refused').slice(before);
    expect(refused.map((entry) => entry.request)).toEqual([...REQUEST_NAMES]);
    expect(refused.every((entry) => entry.moderator === 'admin')).toBe(true);
  });

  it('names the fields it refuses, and reads nothing it does not know', async () => {
    expect(await admin.request('queue:snapshot', { event: 'town-hall', limit: 0, status: 'lost' })).toMatchObject({
      code: 'bad_request',
      reason: { key: 'invalid_request', fields: ['status', 'limit'] },
    });
    expect(await admin.request('rules:update', { event: 'town-hall', colour: 'red' })).toMatchObject({
      code: 'bad_request',
      reason: { key: 'invalid_request', fields: [''] },
    });
    expect(await admin.request('wall:update', { event: 'elsewhere', paused: true })).toMatchObject({
      code: 'not_found',
      reason: { key: 'no_event', event: 'elsewhere' },
    });
  });

  it('answers a request sent without a payload, and a name the protocol does not have', async () => {
    const bare = await new Promise<Response<unknown>>((resolve) => raw().emit('rules:get', resolve));
    expect(bare).toMatchObject({ code: 'bad_request', reason: { key: 'invalid_request', fields: [''] } });
    expect(await admin.request('rules:delete', { event: 'town-hall' })).toEqual({
      ok: false,
      code: 'bad_request',
      message: 'No request "rules:delete".',
      reason: { key: 'invalid_request', fields: [] },
    });
  });

  it('answers a handler that fails with internal, logs it once, and goes on answering', async () => {
    expect((await submit(server.url, 'town-hall', { message: 'Une question' })).status).toBe(202);
    const queue = await admin.ok<QueueSnapshot>('queue:snapshot', { event: 'town-hall' });
    const item = queue.items.find((entry) => entry.text === 'Une question');
    if (!item) throw new Error('the item is not in the queue');
    vi.spyOn(server.app.actions, 'apply').mockRejectedValueOnce(new Error('disk full'));

    expect(await admin.request('item:approve', { id: item.id })).toEqual({
      ok: false,
      code: 'internal',
      message: 'The server could not do that; nothing was changed.',
      reason: { key: 'server_failed' },
    });
    const failed = logged('moderation request failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ request: 'item:approve', moderator: 'admin', err: { message: 'disk full' } });

    // The ack comes once the work is done: the item is approved by the time it arrives.
    const approved = await consoleRequest('item:approve', { id: item.id });
    expect(approved).toMatchObject({ ok: true, data: { id: item.id, status: 'approved' } });
    const after = await admin.ok<QueueSnapshot>('queue:snapshot', { event: 'town-hall', status: 'approved' });
    expect(after.items.map((entry) => entry.id)).toContain(item.id);
  });
});
