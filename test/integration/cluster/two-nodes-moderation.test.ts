/**
 * Two nodes on one PostgreSQL database: what a moderator does on one node reaches the walls of the other, and what
 * comes in on one node (a webhook) reaches the consoles of the other.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Item, PublicItem } from '../../../server/protocol/items.js';
import type { WallSnapshot } from '../../../server/protocol/socket.js';
import { connected, nextEvent, submit, wallClient, type WallSocket } from '../helpers/clients.js';
import { signedIn, type ModeratorClient } from '../helpers/moderation.js';
import { inboundSms, postTwilio } from '../fakes/twilio-media.js';
import { ADMIN_PASSWORD, hasCluster, NO_CLUSTER, useCluster } from './nodes.js';

const EVENT = 'debate';
const PUBLIC_URL = 'https://wall.example.org';
const ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;
const AUTH_TOKEN = 'twilio-auth-token-for-cluster-tests';
const HOOK = `/hooks/${EVENT}/sms/twilio`;
const WAIT = { timeout: 10_000, interval: 50 };

describe.skipIf(!hasCluster)(hasCluster ? 'two nodes: moderation' : `two nodes (skipped: ${NO_CLUSTER})`, () => {
  const cluster = useCluster({
    settings: { publicUrl: PUBLIC_URL },
    events: [
      {
        slug: EVENT,
        title: 'Débat',
        sources: [
          { kind: 'web', perMinute: 600 },
          // No MMS here: the API base is never called for a plain SMS.
          { kind: 'twilio', phoneNumber: '+33 6 39 98 00 00', accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN },
        ],
      },
    ],
  });
  let onA: ModeratorClient;
  beforeAll(async () => {
    onA = await signedIn(cluster().node('a').url, 'admin', ADMIN_PASSWORD);
    await onA.ok('queue:snapshot', { event: EVENT, status: 'pending' }); // enters the event's console
  });
  afterAll(() => onA?.close());

  it('shows on the walls of node B what a moderator approves on node A', async () => {
    const a = cluster().node('a');
    const b = cluster().node('b');
    const wallOnB: WallSocket = wallClient(b.url, EVENT);
    const snapshot = nextEvent<WallSnapshot>(wallOnB, 'wall:snapshot');
    await connected(wallOnB);
    expect((await snapshot).items.map((item) => item.text)).not.toContain('Approuvé sur A');
    try {
      const arrived = nextEvent<Item>(onA.socket, 'item:new', (item) => item.text === 'Approuvé sur A');
      expect((await submit(a.url, EVENT, { message: 'Approuvé sur A' })).status).toBe(202);
      const item = await arrived;
      const shown = nextEvent<PublicItem>(wallOnB, 'item:shown', (shown) => shown.id === item.id, WAIT.timeout);
      await onA.ok('item:approve', { id: item.id });
      expect((await shown).text).toBe('Approuvé sur A');
      // And B's public list, which it keeps in memory, follows too.
      await vi.waitFor(async () => {
        const list = (await (await fetch(`${b.url}/api/events/${EVENT}/items`)).json()) as { items: PublicItem[] };
        expect(list.items.map((listed) => listed.id)).toContain(item.id);
      }, WAIT);
    } finally {
      wallOnB.close();
    }
  });

  it("shows in node A's console an SMS whose webhook reached node B", async () => {
    const b = cluster().node('b');
    const sid = `SM${'b'.repeat(32)}`;
    const arrived = nextEvent<Item>(onA.socket, 'item:new', (item) => item.text === 'Reçu par B', WAIT.timeout);
    const response = await postTwilio(`${b.url}${HOOK}`, inboundSms(sid, '+33639981278', 'Reçu par B', ACCOUNT_SID), {
      authToken: AUTH_TOKEN,
      signedFor: `${PUBLIC_URL}${HOOK}`,
    });
    expect(response.status).toBe(200);
    const item = await arrived;
    expect(item).toMatchObject({ source: 'sms', status: 'pending' });
    expect(item.contact?.masked).toBe('+33 6 •• •• •• 78');
  });
});
