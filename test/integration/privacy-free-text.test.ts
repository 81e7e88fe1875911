/**
 * Numbers and addresses written inside messages never reach the public: web form messages and names, an email's
 * subject and body, and a moderator's announcement go through the real app; once approved, every /wall frame, a
 * fresh wall snapshot, the web view's page and the public API are searched for them. An event that lists its
 * phone countries has their short national numbers redacted too. Moderators see the texts redacted and the
 * sender's address masked, as before.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Announcement } from '../../server/protocol/event.js';
import type { PublicItem } from '../../server/protocol/items.js';
import type { QueueSnapshot, WallSnapshot } from '../../server/protocol/socket.js';
import { nextEvent, submit, wallClient, type WallSocket } from './helpers/clients.js';
import { signedIn, type ModeratorClient } from './helpers/moderation.js';
import { startServer, type TestServer } from './helpers/server.js';

const EVENT = 'free-text';
/**
 * English, with Iceland's numbers only: `611 1234` is a number there and in none of the countries an English wall
 * gets by default, so only the event's own setting can have it redacted.
 */
const ICELAND = 'reykjavik';
const WALL_ADDRESS = 'questions@wall.example.org';
const SENDER = 'claire.martin@example.net';
const BUILT_CLIENT = fileURLToPath(new URL('../../dist/client/', import.meta.url));

/** The digits of every number sent, written in the messages in many ways. */
const NUMBERS = ['0612345678', '0798765432', '0123456789', '447700900123', '15145550199', '21661234567', '6111234'];
/** Parts of every address written in the messages. */
const ADDRESS_PARTS = [
  'jean.dupont',
  'dupont',
  'exemple-asso',
  'zoe.lambert',
  'lambert',
  'mairie-ville',
  'durand',
  'piaille',
  'martineau',
  'intranet',
  'guichet',
];

let server: TestServer;
let moderator: ModeratorClient;
const walls: WallSocket[] = [];
const wallFrames: string[] = [];
const moderationFrames: string[] = [];

beforeAll(async () => {
  server = await startServer({
    ...(existsSync(BUILT_CLIENT) ? { clientDir: BUILT_CLIENT } : {}),
    events: [
      {
        slug: EVENT,
        title: 'Free text',
        sources: [
          { kind: 'web', perMinute: 600 },
          { kind: 'email-smtp', addresses: [WALL_ADDRESS], host: '127.0.0.1', port: 0 },
        ],
      },
      {
        slug: ICELAND,
        title: 'Reykjavik',
        moderation: { phoneCountries: ['IS'] },
        wall: { languages: ['en'] },
        sources: [{ kind: 'web', perMinute: 600 }],
      },
    ],
  });
  moderator = await signedIn(server.url);
  moderator.socket.onAny((event: string, payload: unknown) => moderationFrames.push(JSON.stringify([event, payload])));
  for (const event of [EVENT, ICELAND]) {
    await moderator.ok('queue:snapshot', { event });
    const wall = wallClient(server.url, event);
    wall.onAny((name: string, payload: unknown) => wallFrames.push(JSON.stringify([name, payload])));
    await nextEvent<WallSnapshot>(wall, 'wall:snapshot');
    walls.push(wall);
  }
});

afterAll(async () => {
  for (const wall of walls) wall.close();
  moderator?.close();
  await server?.close();
});

/**
 * Numbers found in `text`: any seven of a number's digits in order once separators are gone (JSON and pages hold
 * ids and times, so fewer would find those), Arabic-Indic and fullwidth digits read as digits.
 */
function numbersIn(text: string): string[] {
  const digits = text
    .normalize('NFKC')
    .replace(/[\u0660-\u0669]/g, (c) => String(c.charCodeAt(0) - 0x0660))
    .replace(/[\s.\-()/+]/g, '');
  return NUMBERS.filter((number) => {
    const length = Math.min(7, number.length);
    return Array.from({ length: number.length - length + 1 }, (_, at) => number.slice(at, at + length)).some((run) =>
      digits.includes(run),
    );
  });
}

function addressesIn(text: string): string[] {
  const folded = text.normalize('NFKC').toLowerCase();
  return ADDRESS_PARTS.filter((part) => folded.includes(part));
}

/** No digit at all is left of an item's text and name: what they hold besides numbers has none. */
function digitsLeft(items: PublicItem[]): string[] {
  return items.flatMap((item) => [item.text, item.author.name]).filter((text) => /\p{N}/u.test(text));
}

async function smtpPort(): Promise<number> {
  return vi.waitFor(() => {
    const detail = server.app.sources.statuses(EVENT).find((status) => /:\d+$/.test(status.detail ?? ''))?.detail;
    const port = /:(\d+)$/.exec(detail ?? '')?.[1];
    if (!port) throw new Error('the SMTP receiver is not listening yet');
    return Number(port);
  });
}

async function freshSnapshot(event: string): Promise<WallSnapshot> {
  const wall = wallClient(server.url, event);
  try {
    return await nextEvent<WallSnapshot>(wall, 'wall:snapshot');
  } finally {
    wall.close();
  }
}

describe('numbers and addresses in free text', () => {
  it('are on no wall frame, snapshot, web view page or public API answer once approved', async () => {
    const sent = [
      await submit(server.url, EVENT, {
        name: 'Claire 06 12 34 56 78',
        message:
          'Mes numéros : 06 12 34 56 78, 07 98 76 54 32 / 01.23.45.67.89 et +44 7700 900123.\n' +
          'Ou appelle-moi٠٦١٢٣٤٥٦٧٨, écris à jean.dupont [at] exemple-asso [dot] fr ou zoe.lambert＠mairie-ville．fr',
      }),
      await submit(server.url, EVENT, {
        name: 'bob.martineau@intranet',
        message: 'Au Canada : (514) 555-0199 ; en Tunisie : +216 61 234 567 ; fediverse : @durand@piaille.fr',
      }),
      await submit(server.url, ICELAND, { name: 'Léa', message: 'Call my office on 611 1234 please' }),
    ];
    expect(sent.map((response) => response.status)).toEqual([202, 202, 202]);
    const mailer = nodemailer.createTransport({ host: '127.0.0.1', port: await smtpPort(), ignoreTLS: true });
    await mailer.sendMail({
      from: { name: 'Claire Martin', address: SENDER },
      to: WALL_ADDRESS,
      subject: 'Rappel au 07 98 76 54 32 ou +33 6 12 34 56 78',
      text: 'Ma collègue : jean.dupont@exemple-asso.fr',
    });

    const queues = await Promise.all(
      [EVENT, ICELAND].map((event) => moderator.ok<QueueSnapshot>('queue:snapshot', { event })),
    );
    const queued = queues.flatMap((queue) => queue.items);
    moderationFrames.push(JSON.stringify(queued)); // an ack, which onAny does not see
    expect(queued).toHaveLength(4);
    for (const item of queued) await moderator.ok('item:approve', { id: item.id, expected: 'pending' });
    await vi.waitFor(() => expect(wallFrames.filter((frame) => frame.startsWith('["item:shown"'))).toHaveLength(4));

    const snapshots = await Promise.all([EVENT, ICELAND].map(freshSnapshot));
    const shown = snapshots.flatMap((snapshot) => snapshot.items);
    expect(shown.map((item) => item.text).join('\n')).toContain('Mes numéros : •••, ••• et •••.');
    expect(shown.map((item) => item.text).join('\n')).toContain('Call my office on ••• please');
    expect(shown.map((item) => item.text).join('\n')).toContain('Rappel au ••• ou •••');
    expect(shown.map((item) => item.author.name).sort()).toEqual(['Claire Martin', 'Claire •••', 'Léa', '•••']);
    expect(digitsLeft(shown)).toEqual([]);

    const page = await (await fetch(`${server.url}/e/${EVENT}`)).text();
    const api = await Promise.all(
      ['/api/events', `/api/events/${EVENT}/items?limit=100`, `/api/events/${ICELAND}/items?limit=100`].map(
        async (path) => {
          const response = await fetch(`${server.url}${path}`);
          expect(response.status).toBe(200);
          return response.text();
        },
      ),
    );
    expect(api[1]).toContain('Mes numéros');
    const places = { wall: wallFrames.join('\n'), snapshots: JSON.stringify(snapshots), page, api: api.join('\n') };
    for (const [where, text] of Object.entries(places)) {
      expect(numbersIn(text), where).toEqual([]);
      expect(addressesIn(text), where).toEqual([]);
    }
  });

  it("are redacted from an announcement, with the event's own countries", async () => {
    const pushed = nextEvent<Announcement | null>(walls[0]!, 'wall:announcement');
    const typed = 'Objets trouvés\u202E : 01 23 45 67 89 ou guichet [at] mairie-ville [dot] fr';
    const ack = await moderator.ok<Announcement>('wall:announce', { event: EVENT, text: typed });
    expect(ack.text).toBe('Objets trouvés : ••• ou •••');
    expect((await pushed)?.text).toBe('Objets trouvés : ••• ou •••');
    expect((await freshSnapshot(EVENT)).event.announcement?.text).toBe('Objets trouvés : ••• ou •••');

    const iceland = await moderator.ok<Announcement>('wall:announce', { event: ICELAND, text: 'Desk: 611 1234' });
    expect(iceland.text).toBe('Desk: •••');
    const events = await (await fetch(`${server.url}/api/events`)).text();
    expect(events).toContain('Objets trouvés : ••• ou •••');
    expect(numbersIn(events)).toEqual([]);
    expect(addressesIn(events)).toEqual([]);
  });

  it('reach moderators redacted, the sender masked', () => {
    const moderation = moderationFrames.join('\n');
    expect(moderation).toContain('c•••@example.net');
    expect(moderation).not.toContain(SENDER);
    expect(numbersIn(moderation)).toEqual([]);
    expect(addressesIn(moderation)).toEqual([]);
  });
});
