/**
 * Two nodes on one PostgreSQL database: a moderator's session works on every node, and each console's presence
 * lists every moderator in the event whichever node each one's console is on.
 */
import { describe, expect, it, vi } from 'vitest';
import type { AccountCreated, Presence } from '../../../server/protocol/moderation.js';
import type { ModerationHello } from '../../../server/protocol/socket.js';
import { connected, login, moderationClient, nextEvent } from '../helpers/clients.js';
import { signedIn, type ModeratorClient } from '../helpers/moderation.js';
import { ADMIN_PASSWORD, hasCluster, NO_CLUSTER, useCluster } from './nodes.js';

const EVENT = 'debate';
const WAIT = { timeout: 10_000, interval: 50 };

/** The names each presence message lists, as a console shows them. */
function presenceOf(moderator: ModeratorClient) {
  let online: string[] = [];
  moderator.socket.on('moderation:presence', (presence: Presence) => {
    if (presence.event === EVENT) online = presence.online.map((seat) => seat.name);
  });
  return () => online;
}

describe.skipIf(!hasCluster)(hasCluster ? 'two nodes: sessions' : `two nodes (skipped: ${NO_CLUSTER})`, () => {
  const cluster = useCluster({ events: [{ slug: EVENT, title: 'Débat', sources: [{ kind: 'web' }] }] });

  it('signs a moderator in on node B who signed in on node A, and out on both from either', async () => {
    const a = cluster().node('a');
    const b = cluster().node('b');
    const cookie = await login(a.url, 'admin', ADMIN_PASSWORD);
    const session = await fetch(`${b.url}/api/session`, { headers: { cookie } });
    expect(session.status).toBe(200);
    const socket = moderationClient(b.url, cookie);
    try {
      const hello = nextEvent<ModerationHello>(socket, 'moderation:hello');
      await connected(socket);
      expect((await hello).moderator.name).toBe('admin');
    } finally {
      socket.close();
    }
    const out = await fetch(`${b.url}/api/session`, {
      method: 'DELETE',
      headers: { cookie, 'content-type': 'application/json' },
    });
    expect(out.status).toBe(204);
    await vi.waitFor(async () => {
      expect((await fetch(`${a.url}/api/session`, { headers: { cookie } })).status).toBe(401);
    }, WAIT);
  });

  it('shows both moderators in the presence of each console, on whichever node each is', async () => {
    const a = cluster().node('a');
    const b = cluster().node('b');
    const admin = await signedIn(a.url, 'admin', ADMIN_PASSWORD);
    let camille: ModeratorClient | undefined;
    try {
      const { password } = await admin.ok<AccountCreated>('moderators:add', { name: 'camille', role: 'moderator' });
      camille = await signedIn(b.url, 'camille', password!);
      const seenByAdmin = presenceOf(admin);
      const seenByCamille = presenceOf(camille);
      await admin.ok('queue:snapshot', { event: EVENT, status: 'pending' });
      await camille.ok('queue:snapshot', { event: EVENT, status: 'pending' });
      await vi.waitFor(() => expect(seenByAdmin()).toEqual(['admin', 'camille']), WAIT);
      await vi.waitFor(() => expect(seenByCamille()).toEqual(['admin', 'camille']), WAIT);

      camille.close();
      await vi.waitFor(() => expect(seenByAdmin()).toEqual(['admin']), WAIT);
    } finally {
      camille?.close();
      admin.close();
    }
  });
});
