/**
 * The built-in SMTP receiver through the real app: mail sent by a real SMTP client (nodemailer) over TCP, parsed,
 * stored with its images, shown in the moderation queue, or refused with a clear SMTP error. Also STARTTLS with a
 * certificate made by openssl, two events sharing one port, and a stop that leaves nothing running.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Item } from '../../server/protocol/items.js';
import { startServer, type TestServer } from './helpers/server.js';
import { captureLogs } from './helpers/logs.js';

const FIXTURES = new URL('../fixtures/email/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES));

const QUESTIONS = 'questions@wall.example.org';
const SENDER = 'claire.martin@example.net';
const MAX_BYTES = 64 * 1024;

const smtpSource = (addresses: string[], extra: Record<string, unknown> = {}) => ({
  kind: 'email-smtp' as const,
  addresses,
  host: '127.0.0.1',
  port: 0,
  maxBytes: MAX_BYTES,
  ...extra,
});

/** The port a source listens on, once live, from its status detail (`receiving on 127.0.0.1:40123`). */
function portOf(server: TestServer, slug: string): Promise<number> {
  return vi.waitFor(() => {
    const status = server.app.sources.statuses(slug).find((s) => s.kind === 'email-smtp');
    const port = /:(\d+)/.exec(status?.detail ?? '')?.[1];
    if (status?.state !== 'live' || !port) throw new Error(`smtp source not live: ${JSON.stringify(status)}`);
    return Number(port);
  }, 5_000);
}

function transport(port: number, extra: Record<string, unknown> = {}) {
  return nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, ...extra });
}

/** A raw SMTP conversation: each command's full reply (multi-line replies joined). */
async function converse(port: number, commands: string[]): Promise<string[]> {
  const socket = connect(port, '127.0.0.1');
  let buffer = '';
  const replies: string[] = [];
  const nextReply = () =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const end = /^\d{3} .*\r\n/m.exec(buffer);
        if (!end) return;
        const reply = buffer.slice(0, end.index + end[0].length);
        buffer = buffer.slice(reply.length);
        socket.off('data', onData);
        resolve(reply.trim());
      };
      const onData = (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        check();
      };
      socket.on('data', onData);
      socket.once('error', reject);
      check();
    });
  await nextReply(); // the greeting
  for (const command of commands) {
    socket.write(`${command}\r\n`);
    replies.push(await nextReply());
  }
  socket.end();
  return replies;
}

const queue = async (server: TestServer, slug = 'town-hall') =>
  (await server.app.store.items.queue(slug, 'pending', 100)).items;
const byId = async (server: TestServer, messageId: string) =>
  (await queue(server)).find((item) => item.sourceId === messageId);

let server: TestServer;
let port: number;
const logs = captureLogs();

beforeAll(async () => {
  server = await startServer({
    log: logs.log,
    events: [{ slug: 'town-hall', title: 'Town hall', hashtags: ['TownHall'], sources: [smtpSource([QUESTIONS])] }],
  });
  port = await portOf(server, 'town-hall');
});
afterAll(() => server?.close());

describe('mail that reaches the queue', () => {
  it('answers 250 only once the message is committed, and shows the sender by name only', async () => {
    const info = await transport(port).sendMail({
      from: { name: 'Claire Martin', address: SENDER },
      to: QUESTIONS,
      subject: 'Micro en salle B',
      text: 'Le micro de la salle B ne marche pas. #TownHall',
      messageId: '<plain-1@example.net>',
    });
    expect(info.response).toMatch(/^250 2\.6\.0 Message received/);
    // No waiting: the 250 came after the commit.
    const item = await byId(server, '<plain-1@example.net>');
    expect(item).toMatchObject({
      source: 'email',
      author: { name: 'Claire Martin' },
      text: 'Micro en salle B\n\nLe micro de la salle B ne marche pas. #TownHall',
      contact: { masked: 'c•••@example.net' },
    });
    expect(JSON.stringify(item).toLowerCase()).not.toContain('claire.martin');
  });

  it('converts HTML-only mail to text (composed, and the recorded HTML-only fixture)', async () => {
    await transport(port).sendMail({
      from: { name: 'Léa', address: 'lea@example.net' },
      to: QUESTIONS,
      subject: 'Question',
      html: '<p>Une question&nbsp;: <b>la vidéo</b> sera-t-elle en ligne ?</p><p>Merci</p>',
      messageId: '<html-1@example.net>',
    });
    expect((await byId(server, '<html-1@example.net>'))?.text).toBe(
      'Question\n\nUne question\u00a0: la vidéo sera-t-elle en ligne ?\n\nMerci',
    );
    await transport(port).sendMail({
      envelope: { from: 'x@example.net', to: [QUESTIONS] },
      raw: fixture('html-only.eml'),
    });
    const spam = await byId(server, '<MXQAHQMRSTRWAEMHJAPA@guide-des-vins-de-bourgogne.fr>');
    expect(spam?.author.name).toBe('Matilda Klein');
    expect(spam?.text).toMatch(/^123\.042 Euro pro Jahr GRARANTIERT von einer Bank! KOSTENLOS\n\n\S/);
    expect(spam?.text).not.toMatch(/<[a-z]/i);
  });

  it('keeps image attachments, stored and served from /media/uploads/', async () => {
    await transport(port).sendMail({
      envelope: { from: 'andris@kreata.ee', to: [QUESTIONS] },
      raw: fixture('multipart-with-image-attachments.eml'),
    });
    const item = (await byId(server, '<012d606e-3550-2d94-b566-6cd996de88e3@kreata.ee>'))!;
    // The subject's 13-digit run could be a phone number: mail is a private channel, so it is redacted.
    expect(item.text).toBe('Nodemailer is unicode friendly ✔ (•••)\n\nHello to myself! http://www.nodemailer.com/');
    expect(item.media.map((m) => m.url)).toEqual([
      expect.stringMatching(/^\/media\/uploads\/[0-9a-f]{64}\.png$/),
      expect.stringMatching(/^\/media\/uploads\/[0-9a-f]{64}\.gif$/),
    ]);
    const served = await fetch(`${server.url}${item.media[1]!.url}`);
    expect(served.headers.get('content-type')).toBe('image/gif');
    expect(
      Buffer.from(await served.arrayBuffer())
        .subarray(0, 6)
        .toString('latin1'),
    ).toBe('GIF89a');
  });

  it.each([
    [
      'French',
      'Bonjour,\n\nEst-ce que la conférence sera filmée ?\n\nCordialement,\nMarie Dupont\n06 12 34 56 78\n\n' +
        'Le lun. 3 mars 2025 à 10:12, Jean Martin <jean.martin@example.org> a écrit :\n> Bonjour à tous,\n> voici le programme.\n',
      'Re: Programme\n\nBonjour,\n\nEst-ce que la conférence sera filmée ?',
    ],
    [
      'English',
      'Will the slides be online?\n\n-- \nBob Smith | ACME Corp\n+1 555 0100\n\n' +
        'On Mon, Mar 3, 2025 at 10:12 AM Alice <alice@example.com> wrote:\n> Hi everyone,\n> here is the agenda.\n',
      'Re: Programme\n\nWill the slides be online?',
    ],
  ])('cuts the quoted thread and the signature of a %s reply', async (language, text, expected) => {
    const messageId = `<reply-${language}@example.net>`;
    await transport(port).sendMail({ from: SENDER, to: QUESTIONS, subject: 'Re: Programme', text, messageId });
    expect((await byId(server, messageId))?.text).toBe(expected);
  });
});

describe('mail that is accepted but not shown (no loops)', () => {
  it.each([
    ['an auto-reply', { 'Auto-Submitted': 'auto-replied' }, 'auto-submitted: auto-replied'],
    ['a vacation message', { 'X-Autoreply': 'yes' }, 'sent by a program (x-autoreply)'],
    ['list mail', { 'List-Id': '<news.example.net>' }, 'sent by a program (list-id)'],
  ])('drops %s without bouncing it', async (_what, headers, why) => {
    const messageId = `<auto-${Object.keys(headers)[0]}@example.net>`;
    const info = await transport(port).sendMail({
      from: SENDER,
      to: QUESTIONS,
      subject: 'Absent',
      text: 'Je suis absente.',
      headers,
      messageId,
    });
    expect(info.response).toMatch(/^250 /);
    expect(await byId(server, messageId)).toBeUndefined();
    expect(logs.lines.some((line) => line.includes('message ignored') && line.includes(why))).toBe(true);
  });

  it('drops a bounce (null envelope sender)', async () => {
    const messageId = '<bounce-1@example.net>';
    const raw = `From: Mail Delivery System <postmaster@example.net>\r\nTo: ${QUESTIONS}\r\nSubject: Undelivered\r\nMessage-ID: ${messageId}\r\n\r\nYour message could not be delivered.\r\n`;
    const info = await transport(port).sendMail({ envelope: { from: '', to: [QUESTIONS] }, raw });
    expect(info.response).toMatch(/^250 /);
    expect(await byId(server, messageId)).toBeUndefined();
  });
});

describe('mail that is refused', () => {
  it('advertises SIZE and refuses a larger message with 552, storing nothing', async () => {
    const [ehlo] = await converse(port, ['EHLO client.example.net', 'QUIT']);
    expect(ehlo).toMatch(new RegExp(`^250[- ]SIZE ${MAX_BYTES}$`, 'm'));
    expect(ehlo).not.toMatch(/AUTH|STARTTLS/);
    const before = (await queue(server)).length;
    const error = await transport(port)
      .sendMail({ from: SENDER, to: QUESTIONS, subject: 'Big', text: 'x'.repeat(MAX_BYTES + 1000) })
      .catch((e: { responseCode?: number; response?: string }) => e);
    expect(error).toMatchObject({ responseCode: 552 });
    expect(await queue(server)).toHaveLength(before);
  });

  it('refuses an oversized message at DATA even when the client does not announce its size', async () => {
    const body = 'y'.repeat(MAX_BYTES + 10);
    const replies = await converse(port, [
      'EHLO client.example.net',
      `MAIL FROM:<${SENDER}>`,
      `RCPT TO:<${QUESTIONS}>`,
      'DATA',
      `From: <${SENDER}>\r\nSubject: big\r\n\r\n${body}\r\n.`,
      'QUIT',
    ]);
    expect(replies[4]).toMatch(/^552 5\.2\.2 /);
  });

  it('refuses unknown addresses and relaying at RCPT TO with 550', async () => {
    const unknown = await transport(port)
      .sendMail({ from: SENDER, to: 'nobody@wall.example.org', text: 'hello' })
      .catch((e: { response?: string }) => e);
    expect(unknown).toMatchObject({ responseCode: 550 });
    expect((unknown as { response: string }).response).toMatch(/^550 5\.1\.1 No such mailbox/);
    const relay = await converse(port, ['HELO spammer', `MAIL FROM:<${SENDER}>`, 'RCPT TO:<victim@gmail.com>', 'QUIT']);
    expect(relay[2]).toMatch(/^550 5\.1\.1 Relaying denied/);
    const auth = await converse(port, ['EHLO spammer', 'AUTH PLAIN AGFkbWluAHNlY3JldA==', 'QUIT']);
    expect(auth[1]).toMatch(/^5\d\d /);
  });

  it('refuses a malformed message with 554 and logs why', async () => {
    const broken =
      `From: Broken <broken@example.net>\r\nTo: ${QUESTIONS}\r\nSubject: broken\r\nMessage-ID: <broken-1@example.net>\r\n` +
      'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="NEVER"\r\n\r\n--WRONG\r\nContent-Type: text/plain\r\n\r\nlost\r\n';
    const error = await transport(port)
      .sendMail({ envelope: { from: 'broken@example.net', to: [QUESTIONS] }, raw: broken })
      .catch((e: { responseCode?: number; response?: string }) => e);
    expect(error).toMatchObject({ responseCode: 554 });
    expect((error as { response: string }).response).toMatch(
      /^554 5\.6\.0 Message refused: the MIME structure is broken/,
    );
    const noSender = await transport(port)
      .sendMail({
        envelope: { from: 'x@example.net', to: [QUESTIONS] },
        raw: Buffer.from([0xff, 0xfe, 0x0d, 0x0a, 0x41]),
      })
      .catch((e: { responseCode?: number }) => e);
    expect(noSender).toMatchObject({ responseCode: 554 });
    expect(await byId(server, '<broken-1@example.net>')).toBeUndefined();
    expect(logs.lines.filter((line) => line.includes('unreadable message refused'))).toHaveLength(2);
  });

  it('never logs a sender address', () => {
    const all = logs.lines.join('\n').toLowerCase();
    for (const address of [SENDER, 'lea@example.net', 'andris@kreata.ee', 'broken@example.net']) {
      expect(all).not.toContain(address);
    }
  });
});

describe('STARTTLS', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'murmure-tls-'));
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost'],
        ...['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
      ],
      { stdio: 'ignore' },
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('offers STARTTLS with the configured certificate and receives over TLS', async () => {
    const tls = { certFile: join(dir, 'cert.pem'), keyFile: join(dir, 'key.pem') };
    const tlsServer = await startServer({
      events: [{ slug: 'secure', title: 'Secure', sources: [smtpSource(['tls@wall.example.org'], { tls })] }],
    });
    try {
      const tlsPort = await portOf(tlsServer, 'secure');
      const [ehlo] = await converse(tlsPort, ['EHLO client', 'QUIT']);
      expect(ehlo).toMatch(/^250[- ]STARTTLS$/m);
      const mailer = nodemailer.createTransport({
        host: '127.0.0.1',
        port: tlsPort,
        secure: false,
        requireTLS: true,
        tls: { ca: readFileSync(tls.certFile), servername: 'localhost' },
      });
      await mailer.sendMail({ from: SENDER, to: 'tls@wall.example.org', text: 'over TLS', messageId: '<tls-1@x>' });
      const items = (await tlsServer.app.store.items.queue('secure', 'pending', 10)).items;
      expect(items.map((item: Item) => item.text)).toEqual(['over TLS']);
    } finally {
      await tlsServer.close();
    }
  });

  it('reports a missing certificate file as failing, with its path', async () => {
    const tls = { certFile: join(dir, 'missing.pem'), keyFile: join(dir, 'key.pem') };
    const failing = await startServer({
      events: [{ slug: 'broken', title: 'Broken', sources: [smtpSource(['x@wall.example.org'], { tls })] }],
    });
    try {
      await expect.poll(() => failing.app.sources.statuses('broken')[0]?.state).toBe('failing');
      expect(failing.app.sources.statuses('broken')[0]?.lastError).toMatch(
        /cannot read the TLS certificate .*missing\.pem \(ENOENT\)/,
      );
    } finally {
      await failing.close();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as AddressInfo;
      probe.close(() => resolve(free));
    });
  });
}

describe('events sharing one port', () => {
  it('routes each recipient to the event owning the address, and a message for both to both', async () => {
    const shared = await freePort();
    const two = await startServer({
      events: [
        { slug: 'day-one', title: 'Day one', sources: [smtpSource(['one@wall.example.org'], { port: shared })] },
        { slug: 'day-two', title: 'Day two', sources: [smtpSource(['two@wall.example.org'], { port: shared })] },
        { slug: 'day-three', title: 'Clash', sources: [smtpSource(['two@wall.example.org'], { port: shared })] },
      ],
    });
    try {
      expect(await portOf(two, 'day-one')).toBe(shared);
      expect(await portOf(two, 'day-two')).toBe(shared);
      await expect
        .poll(() => two.app.sources.statuses('day-three')[0]?.lastError)
        .toBe(`two@wall.example.org is already received by event "day-two" on 127.0.0.1:${shared}`);
      const send = (to: string[], messageId: string) =>
        // The text names the message without its `@`: an address in a mail's text is redacted.
        transport(shared).sendMail({ from: SENDER, to, text: messageId.replace(/@x>$/, '>'), messageId });
      await send(['one@wall.example.org'], '<to-one@x>');
      await send(['TWO@wall.example.org'], '<to-two@x>');
      await send(['one@wall.example.org', 'two@wall.example.org'], '<to-both@x>');
      const texts = async (slug: string) =>
        (await two.app.store.items.queue(slug, 'pending', 10)).items.map((item) => item.text);
      expect((await texts('day-one')).sort()).toEqual(['<to-both>', '<to-one>']);
      expect((await texts('day-two')).sort()).toEqual(['<to-both>', '<to-two>']);
      // The listener stays while one event still uses it, and closes with the last one.
      await two.app.sources.stopEvent('day-one');
      await expect(send(['one@wall.example.org'], '<late@x>')).rejects.toMatchObject({ responseCode: 550 });
      await send(['two@wall.example.org'], '<still@x>');
      await two.app.sources.stopEvent('day-two');
      await expect(send(['two@wall.example.org'], '<closed@x>')).rejects.toMatchObject({ code: 'ESOCKET' });
    } finally {
      await two.close();
    }
  });
});

/** Active handles and requests by kind (TCPServerWrap, TCPSocketWrap, Timeout...). */
function tally(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

/** Kinds with more resources now than before. */
function extra(now: Map<string, number>, before: Map<string, number>): string[] {
  return [...now].filter(([kind, n]) => n > (before.get(kind) ?? 0)).map(([kind, n]) => `${kind}: ${n}`);
}

/**
 * What is still open compared with `before`, once closing sockets had a moment. Polled with plain timeouts that
 * have fired by the time of each check (vi.waitFor would count its own timers).
 */
async function leftOver(before: Map<string, number>): Promise<string[]> {
  for (let attempt = 0; attempt < 50; attempt++) {
    if (extra(tally(), before).length === 0) return [];
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return extra(tally(), before);
}

describe('a port that is not free', () => {
  it('shows failing while another program holds the port, and receives once it is released', async () => {
    const squatter = createServer();
    const busy = await new Promise<number>((resolve) =>
      squatter.listen(0, '127.0.0.1', () => resolve((squatter.address() as AddressInfo).port)),
    );
    const own = await startServer({
      events: [{ slug: 'busy', title: 'Busy', sources: [smtpSource([QUESTIONS], { port: busy })] }],
    });
    try {
      await expect
        .poll(() => own.app.sources.statuses('busy')[0]?.lastError)
        .toBe(`cannot receive mail on 127.0.0.1:${busy}: the port is already in use`);
      await new Promise((resolve) => squatter.close(resolve));
      expect(await portOf(own, 'busy')).toBe(busy); // retried from the delay table (first step: 1 s)
    } finally {
      await own.close();
    }
  });

  it('refuses to share a port between events with different TLS settings', async () => {
    const shared = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'murmure-tls-'));
    const tls = { certFile: join(dir, 'cert.pem'), keyFile: join(dir, 'key.pem') };
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost'],
        ...['-keyout', tls.keyFile, '-out', tls.certFile],
      ],
      { stdio: 'ignore' },
    );
    const own = await startServer({
      events: [
        { slug: 'plain', title: 'Plain', sources: [smtpSource(['a@wall.example.org'], { port: shared })] },
        { slug: 'tls', title: 'TLS', sources: [smtpSource(['b@wall.example.org'], { port: shared, tls })] },
      ],
    });
    try {
      await portOf(own, 'plain');
      await expect
        .poll(() => own.app.sources.statuses('tls')[0]?.lastError)
        .toBe(`127.0.0.1:${shared} is shared with event "plain", which uses other TLS certificate settings`);
    } finally {
      await own.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('stopping', () => {
  it('closes the listener and leaves no socket or timer behind', async () => {
    const before = tally();
    const own = await startServer({ events: [{ slug: 'stop', title: 'Stop', sources: [smtpSource([QUESTIONS])] }] });
    const ownPort = await portOf(own, 'stop');
    await transport(ownPort).sendMail({ from: SENDER, to: QUESTIONS, text: 'before the stop' });
    await own.app.sources.stopEvent('stop');
    expect(own.app.sources.statuses('stop')[0]?.state).toBe('stopped');
    const refused = await new Promise<string>((resolve) => {
      const socket = connect(ownPort, '127.0.0.1');
      socket.once('connect', () => resolve('connected'));
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
    await own.close();
    expect(await leftOver(before)).toEqual([]);
  });
});
