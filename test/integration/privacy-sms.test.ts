/**
 * A sender's phone number never reaches the public: SMS from known numbers (Twilio and a gateway, with and
 * without a "Nom :" prefix) are approved, then every /wall frame, the web view's page and the public API are
 * searched for the numbers in every usual way of writing them. Moderators see the masked form only.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WallSnapshot } from '../../server/protocol/socket.js';
import { startServer, type TestServer } from './helpers/server.js';
import { nextEvent, wallClient, type WallSocket } from './helpers/clients.js';
import { signedIn, type ModeratorClient } from './helpers/moderation.js';
import { inboundSms, postTwilio } from './fakes/twilio-media.js';

const EVENT = 'privacy';
const PUBLIC_URL = 'https://wall.example.org';
const ACCOUNT_SID = `AC${'fedcba9876543210'.repeat(2)}`;
const AUTH_TOKEN = 'privacy-test-token';
const SECRET = 'privacy-gateway-secret';

/** Each sender, in every usual way of writing the number. */
const NUMBERS = [
  ['+33 6 12 34 56 78', '+33612345678', '0612345678', '06 12 34 56 78', '06.12.34.56.78', '33612345678'],
  ['+33 7 98 76 54 32', '+33798765432', '0798765432', '07 98 76 54 32', '07.98.76.54.32', '33798765432'],
];
const SUBSCRIBER_DIGITS = ['612345678', '798765432'];

let server: TestServer;
let moderator: ModeratorClient;
let wall: WallSocket;
const wallFrames: string[] = [];
const moderationFrames: string[] = [];

beforeAll(async () => {
  const built = resolve('dist/client');
  server = await startServer({
    settings: { publicUrl: PUBLIC_URL },
    ...(existsSync(built) ? { clientDir: built } : {}),
    events: [
      {
        slug: EVENT,
        title: 'Privacy',
        sources: [
          {
            kind: 'twilio',
            phoneNumber: '+33 6 39 98 00 00',
            accountSid: ACCOUNT_SID,
            authToken: AUTH_TOKEN,
            apiBase: 'http://127.0.0.1:9',
          },
          { kind: 'sms-gateway', phoneNumber: '+33 6 39 98 00 00', secret: SECRET },
        ],
      },
    ],
  });
  moderator = await signedIn(server.url);
  moderator.socket.onAny((event: string, payload: unknown) => moderationFrames.push(JSON.stringify([event, payload])));
  await moderator.ok('queue:snapshot', { event: EVENT });
  wall = wallClient(server.url, EVENT);
  wall.onAny((event: string, payload: unknown) => wallFrames.push(JSON.stringify([event, payload])));
  await nextEvent<WallSnapshot>(wall, 'wall:snapshot');
});

afterAll(async () => {
  wall?.close();
  moderator?.close();
  await server?.close();
});

function twilio(sid: string, from: string, body: string) {
  const path = `/hooks/${EVENT}/sms/twilio`;
  return postTwilio(`${server.url}${path}`, inboundSms(sid, from, body, ACCOUNT_SID), {
    authToken: AUTH_TOKEN,
    signedFor: `${PUBLIC_URL}${path}`,
  });
}

function gateway(body: Record<string, string>) {
  return fetch(`${server.url}/hooks/${EVENT}/sms/gateway`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-murmure-secret': SECRET },
    body: JSON.stringify(body),
  });
}

/** The places where a number could hide: each form as written, and the bare digits once separators are gone. */
function findNumbers(text: string): string[] {
  const found = NUMBERS.flat().filter((form) => text.includes(form));
  const digits = text.replace(/[\s.\-()/]/g, '');
  return [...found, ...SUBSCRIBER_DIGITS.filter((subscriber) => digits.includes(subscriber))];
}

describe('SMS privacy', () => {
  it('shows neither number anywhere public, and only masked to moderators', async () => {
    const sent = [
      await twilio('SM00000000000000000000000000000a01', '+33612345678', 'Nom : Claire\nQuelle place pour le vélo ?'),
      await twilio('SM00000000000000000000000000000a02', '+33612345678', 'Sans nom cette fois'),
      await twilio('SM00000000000000000000000000000a03', '+33798765432', 'Name: Tom - Will slides be shared?'),
      await gateway({ msisdn: '33798765432', to: '33639980000', messageId: 'vonage-1', text: 'Par la passerelle' }),
      await gateway({ from: '06 12 34 56 78', to: '+33639980000', id: 'gw-2', text: 'Encore moi' }),
    ];
    expect(sent.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);

    const queue = (await server.app.store.items.queue(EVENT, 'pending', 100)).items;
    expect(queue).toHaveLength(5);
    expect(new Set(queue.map((item) => item.author.name))).toEqual(new Set(['Claire', 'SMS', 'Tom']));
    // Three messages from one phone, through two gateways and three spellings: one author key, one masked form.
    const claire = queue.filter((item) => item.contact?.masked === '+33 6 •• •• •• 78');
    expect(claire).toHaveLength(3);
    expect(new Set(claire.map((item) => item.authorKey)).size).toBe(1);

    for (const item of queue) await moderator.ok('item:approve', { id: item.id });
    await vi.waitFor(() => expect(wallFrames.filter((frame) => frame.startsWith('["item:shown"'))).toHaveLength(5));

    const page = await (await fetch(`${server.url}/e/${EVENT}`)).text();
    const events = await (await fetch(`${server.url}/api/events`)).text();
    const items = await (await fetch(`${server.url}/api/events/${EVENT}/items?limit=100`)).text();
    expect(items).toContain('Quelle place pour le vélo ?');
    expect(items).toContain('Claire');
    const reconnected = wallClient(server.url, EVENT);
    const snapshot = JSON.stringify(await nextEvent<WallSnapshot>(reconnected, 'wall:snapshot'));
    reconnected.close();
    expect(snapshot).toContain('Par la passerelle');

    for (const [where, text] of Object.entries({ wall: wallFrames.join('\n'), page, events, items, snapshot })) {
      expect(findNumbers(text), where).toEqual([]);
    }
    const moderation = moderationFrames.join('\n');
    expect(moderation).toContain('+33 6 •• •• •• 78');
    expect(moderation).toContain('+33 7 •• •• •• 32');
    expect(findNumbers(moderation)).toEqual([]);
  });
});
