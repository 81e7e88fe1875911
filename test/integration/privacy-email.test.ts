/**
 * Sender addresses never leave the server. Mail from known addresses (one used as its own display name, one
 * quoted in a signature, one in odd case) goes through the built-in SMTP receiver and is approved; then every frame
 * a real wall client received, the web view's HTML and the public API's JSON are searched for the addresses, in any
 * case: none is found. Moderators see the masked form only.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { QueueSnapshot } from '../../server/protocol/socket.js';
import { connected, wallClient, type WallSocket } from './helpers/clients.js';
import { signedIn, type ModeratorClient } from './helpers/moderation.js';
import { startServer, type TestServer } from './helpers/server.js';

const WALL_ADDRESS = 'questions@wall.example.org';
const SENDERS = ['claire.martin@example.net', 'Bob.Smith@Example.COM', 'jeanne+wall@mail.example.fr'];
const BUILT_CLIENT = fileURLToPath(new URL('../../dist/client/', import.meta.url));

let server: TestServer;
let wall: WallSocket;
let moderator: ModeratorClient;
const wallFrames: string[] = [];
const moderationFrames: string[] = [];

/** Every sender address found in `text`, compared case-insensitively (local part, or the whole address). */
function leaks(text: string): string[] {
  const lower = text.toLowerCase();
  return SENDERS.map((address) => address.toLowerCase()).filter(
    (address) => lower.includes(address) || lower.includes(address.split('@')[0]!),
  );
}

beforeAll(async () => {
  server = await startServer({
    // The built screens when there are some, so GET /e/<slug> serves the real web view page.
    ...(existsSync(BUILT_CLIENT) ? { clientDir: BUILT_CLIENT } : {}),
    events: [
      {
        slug: 'town-hall',
        title: 'Town hall',
        hashtags: ['TownHall'],
        sources: [{ kind: 'email-smtp', addresses: [WALL_ADDRESS], host: '127.0.0.1', port: 0 }],
      },
    ],
  });
  wall = wallClient(server.url, 'town-hall');
  wall.onAny((event: string, ...args: unknown[]) => wallFrames.push(JSON.stringify([event, args])));
  await connected(wall);
  moderator = await signedIn(server.url);
  moderator.socket.onAny((event: string, ...args: unknown[]) => moderationFrames.push(JSON.stringify([event, args])));
});
afterAll(async () => {
  wall?.close();
  moderator?.close();
  await server?.close();
});

async function smtpPort(): Promise<number> {
  return vi.waitFor(() => {
    const detail = server.app.sources.statuses('town-hall')[0]?.detail ?? '';
    const port = /:(\d+)$/.exec(detail)?.[1];
    if (!port) throw new Error(`not listening yet: ${detail}`);
    return Number(port);
  });
}

describe('sender addresses', () => {
  it('are on no wall frame, web view page or public API answer, once the mail is approved', async () => {
    const mailer = nodemailer.createTransport({ host: '127.0.0.1', port: await smtpPort(), ignoreTLS: true });
    const [claire, bob, jeanne] = SENDERS as [string, string, string];
    await mailer.sendMail({ from: { name: claire, address: claire }, to: WALL_ADDRESS, text: 'Question 1 #TownHall' });
    await mailer.sendMail({
      from: { name: 'Bob Smith', address: bob },
      to: WALL_ADDRESS,
      subject: 'Accessibilité',
      text: `La salle est-elle accessible ?\n\nBob\nbob.smith@example.com | ${bob}`,
    });
    await mailer.sendMail({ from: `"Jeanne" <${jeanne}>`, to: WALL_ADDRESS, html: `<p>Merci !</p><p>${jeanne}</p>` });

    const { items } = await moderator.ok<QueueSnapshot>('queue:snapshot', { event: 'town-hall' });
    moderationFrames.push(JSON.stringify(items)); // an ack, which onAny does not see
    expect(items).toHaveLength(3);
    expect(items.map((item) => item.contact?.masked).sort()).toEqual([
      'B•••@example.com',
      'c•••@example.net',
      'j•••@mail.example.fr',
    ]);
    for (const item of items) await moderator.ok('item:approve', { id: item.id, expected: 'pending' });
    await vi.waitFor(() => expect(wallFrames.filter((frame) => frame.startsWith('["item:shown"'))).toHaveLength(3));

    const page = await fetch(`${server.url}/e/town-hall`);
    const html = await page.text();
    const api = await Promise.all(
      ['/api/events', '/api/events/town-hall/items', '/api/events/town-hall/items?limit=100'].map(async (path) => {
        const response = await fetch(`${server.url}${path}`);
        expect(response.status).toBe(200);
        return response.text();
      }),
    );
    // The texts did reach every one of them (so the search below searched something).
    expect(api[1]).toContain('La salle est-elle accessible');
    expect(wallFrames.join('\n')).toContain('Question 1');
    expect(api[0]).toContain(WALL_ADDRESS); // the event's own address is public, on purpose

    expect(leaks(wallFrames.join('\n'))).toEqual([]);
    expect(leaks(html)).toEqual([]);
    expect(leaks(api.join('\n'))).toEqual([]);
  });

  it('reach moderators only in their masked form', () => {
    expect(moderationFrames.length).toBeGreaterThan(3);
    expect(leaks(moderationFrames.join('\n'))).toEqual([]);
    expect(moderationFrames.join('\n')).toContain('c•••@example.net');
  });
});
