/**
 * The IMAP source against a real Dovecot (helpers/dovecot.ts) on 127.0.0.1: mail delivered with `doveadm save`
 * is read, imported, and marked \Seen (or moved) only once committed; IDLE brings new mail at once, polling where
 * IDLE is off; a dropped connection, a restart in the middle of a mailbox and a rebuilt mailbox (new UIDVALIDITY)
 * neither lose nor duplicate a message; wrong credentials show as failing without the password; OAuth2 tokens work.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Mail from 'nodemailer/lib/mailer/index.js';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import type { imapSource as imapSchema } from '../../server/config/sources.js';
import { cursorKeys } from '../../server/sources/email/imap-sync.js';
import { runSources, startServer, type TestServer } from './helpers/server.js';
import { hasDovecot, IMAP_PASSWORD, IMAP_USER, NO_DOVECOT, startDovecot, type Dovecot } from './helpers/dovecot.js';
import { captureLogs, type CapturedLogs } from './helpers/logs.js';

const WALL = 'questions@wall.example.org';
const SENDER = 'claire.martin@example.net';
const MAX_BYTES = 64 * 1024;
const fixture = (name: string) => readFileSync(new URL(`../fixtures/email/${name}`, import.meta.url));

const compose = (options: Mail.Options): Promise<Buffer> =>
  new MailComposer({ to: WALL, ...options }).compile().build();
const note = (n: string, extra: Mail.Options = {}) =>
  compose({
    from: { name: `Sender ${n}`, address: SENDER },
    subject: `Note ${n}`,
    text: `Text ${n}`,
    messageId: `<${n}@x>`,
    ...extra,
  });

let dovecot: Dovecot;

type ImapInput = z.input<typeof imapSchema>;

const imapSource = (mailbox: string, extra: Partial<ImapInput> = {}): ImapInput => ({
  kind: 'email-imap' as const,
  address: WALL,
  host: dovecot.host,
  port: dovecot.port,
  secure: false,
  user: IMAP_USER,
  password: IMAP_PASSWORD,
  mailbox,
  pollSeconds: 60,
  maxBytes: MAX_BYTES,
  ...extra,
});

function start(slug: string, source: ImapInput, options: { dataDir?: string; log?: CapturedLogs['log'] } = {}) {
  return startServer({ ...options, events: [{ slug, title: slug, sources: [source] }] });
}

const queue = async (server: TestServer, slug: string) =>
  (await server.app.store.items.queue(slug, 'pending', 200)).items;
const ids = async (server: TestServer, slug: string) => (await queue(server, slug)).map((item) => item.sourceId);
const status = (server: TestServer, slug: string) => server.app.sources.statuses(slug)[0];

/** Message-ID → flags of every message in `mailbox`, as Dovecot has them. */
async function flags(mailbox: string): Promise<Map<string, string>> {
  const out = await dovecot.doveadm([
    '-f',
    'tab',
    'fetch',
    '-u',
    IMAP_USER,
    'flags hdr.message-id',
    'mailbox',
    mailbox,
    'all',
  ]);
  const rows = out.trim().split('\n').slice(1).filter(Boolean);
  return new Map(rows.map((row) => row.split('\t')).map(([flag = '', id = '']) => [id, flag]));
}

describe.skipIf(!hasDovecot)(hasDovecot ? 'IMAP mailbox' : `IMAP mailbox (skipped: ${NO_DOVECOT})`, () => {
  beforeAll(async () => {
    dovecot = await startDovecot();
  });
  afterAll(() => dovecot?.close());

  describe('reading a mailbox', () => {
    const logs = captureLogs();
    let server: TestServer;
    beforeAll(async () => {
      const reply =
        'Bonjour,\n\nEst-ce que la conférence sera filmée ?\n\nCordialement,\nMarie\n\n' +
        'Le lun. 3 mars 2025 à 10:12, Jean <jean@example.org> a écrit :\n> Bonjour à tous,\n> voici le programme.\n';
      const messages = [
        await note('plain'),
        fixture('html-only.eml'),
        fixture('multipart-with-image-attachments.eml'),
        await note('reply', { subject: 'Re: Programme', text: reply }),
        await note('auto', { headers: { 'Auto-Submitted': 'auto-replied' } }),
        await note('big', { text: 'x'.repeat(MAX_BYTES + 100) }),
        `From: Broken <broken@example.net>\r\nSubject: broken\r\nMessage-ID: <broken@x>\r\nMIME-Version: 1.0\r\n` +
          'Content-Type: multipart/mixed; boundary="NEVER"\r\n\r\n--WRONG\r\n\r\nlost\r\n',
      ];
      for (const message of messages) await dovecot.deliver(message, 'Reading');
      server = await start('reading', imapSource('Reading'), { log: logs.log });
    });
    afterAll(() => server?.close());

    it('imports what people wrote, with images, and ignores auto-replies', async () => {
      await vi.waitFor(async () => expect(await queue(server, 'reading')).toHaveLength(4), { timeout: 10_000 });
      const items = new Map((await queue(server, 'reading')).map((item) => [item.sourceId, item]));
      expect(items.get('<plain@x>')).toMatchObject({
        author: { name: 'Sender plain' },
        text: 'Note plain\n\nText plain',
      });
      expect(items.get('<plain@x>')?.contact?.masked).toBe('c•••@example.net');
      expect(items.get('<MXQAHQMRSTRWAEMHJAPA@guide-des-vins-de-bourgogne.fr>')?.text).toMatch(/^123\.042 Euro/);
      expect(items.get('<012d606e-3550-2d94-b566-6cd996de88e3@kreata.ee>')?.media).toHaveLength(2);
      expect(items.get('<reply@x>')?.text).toBe('Re: Programme\n\nBonjour,\n\nEst-ce que la conférence sera filmée ?');
      expect(JSON.stringify([...items.values()]).toLowerCase()).not.toContain('claire.martin');
    });

    it('marks processed mail \\Seen and leaves what it could not use unread, saying so', async () => {
      await vi.waitFor(() => expect(status(server, 'reading')?.detail).toMatch(/2 message\(s\) left unread/));
      expect(status(server, 'reading')?.state).toBe('live');
      const seen = await flags('Reading');
      for (const id of ['<plain@x>', '<reply@x>', '<auto@x>']) expect(seen.get(id)).toContain('\\Seen');
      for (const id of ['<big@x>', '<broken@x>']) expect(seen.get(id)).not.toContain('\\Seen');
      expect(logs.lines.some((line) => line.includes('too large, left unread'))).toBe(true);
      expect(logs.lines.some((line) => line.includes('the MIME structure is broken'))).toBe(true);
    });

    it('gets new mail at once through IDLE (the poll is a minute away)', async () => {
      await dovecot.deliver(await note('idle'), 'Reading');
      await vi.waitFor(async () => expect(await ids(server, 'reading')).toContain('<idle@x>'), { timeout: 5_000 });
    });

    it('reconnects after the server drops the connection, without importing anything twice', async () => {
      const before = (await queue(server, 'reading')).length;
      await dovecot.kick();
      await dovecot.deliver(await note('after-kick'), 'Reading');
      await vi.waitFor(async () => expect(await ids(server, 'reading')).toContain('<after-kick@x>'), {
        timeout: 10_000,
      });
      expect(await queue(server, 'reading')).toHaveLength(before + 1);
      // The mail that was waiting is imported by the first read after the reconnect, before the state says so.
      await vi.waitFor(() => expect(status(server, 'reading')?.state).toBe('live'));
    });

    it('never logs the password', () => {
      expect(logs.lines.join('\n')).not.toContain(IMAP_PASSWORD);
      expect(logs.lines.join('\n').toLowerCase()).not.toContain(SENDER);
    });
  });

  it('polls every pollSeconds when IDLE is off, and moves processed mail to a folder', async () => {
    await dovecot.deliver(await note('poll-1'), 'Polled');
    const server = await start(
      'polled',
      imapSource('Polled', { idle: false, pollSeconds: 0.2, moveTo: 'Polled-done' }),
    );
    try {
      await vi.waitFor(() => expect(status(server, 'polled')?.state).toBe('polling'));
      expect(await ids(server, 'polled')).toEqual(['<poll-1@x>']);
      await dovecot.deliver(await note('poll-2'), 'Polled');
      await vi.waitFor(async () => expect(await ids(server, 'polled')).toEqual(['<poll-1@x>', '<poll-2@x>']), {
        timeout: 5_000,
      });
      await vi.waitFor(async () =>
        expect([...(await flags('Polled-done')).keys()].sort()).toEqual(['<poll-1@x>', '<poll-2@x>']),
      );
      expect((await flags('Polled')).size).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('neither loses nor duplicates a message across a restart in the middle of the mailbox', async () => {
    const total = 15;
    for (let n = 1; n <= total; n++) await dovecot.deliver(await note(`restart-${n}`), 'Restart');
    const first = await start('restart', imapSource('Restart'));
    await vi.waitFor(async () => expect((await queue(first, 'restart')).length).toBeGreaterThanOrEqual(3), {
      timeout: 10_000,
      interval: 5,
    });
    const midway = (await queue(first, 'restart')).length;
    await first.close({ keepData: true });
    expect(midway).toBeLessThan(total); // stopped in the middle of the mailbox
    const second = await start('restart', imapSource('Restart'), { dataDir: first.dataDir });
    try {
      await vi.waitFor(async () => expect(await queue(second, 'restart')).toHaveLength(total), { timeout: 10_000 });
      expect(new Set(await ids(second, 'restart')).size).toBe(total);
      await vi.waitFor(async () =>
        expect([...(await flags('Restart')).values()].every((f) => f.includes('\\Seen'))).toBe(true),
      );

      // A crash between the commit and the \Seen: the cursor and the flags say "not done", the items exist.
      const keys = cursorKeys({ user: IMAP_USER, host: dovecot.host, port: dovecot.port, mailbox: 'Restart' });
      await second.close({ keepData: true });
      const third = await start('restart', imapSource('Restart'), { dataDir: first.dataDir });
      await third.app.sources.stopEvent('restart');
      await third.app.store.sourceState.set('restart', 'email-imap', keys.lastUid, '5');
      await dovecot.doveadm(['flags', 'remove', '-u', IMAP_USER, '\\Seen', 'mailbox', 'Restart', 'uid', '6:*']);
      void runSources(third.app, third.app.events.config('restart'));
      await vi.waitFor(async () =>
        expect([...(await flags('Restart')).values()].every((f) => f.includes('\\Seen'))).toBe(true),
      );
      expect(await queue(third, 'restart')).toHaveLength(total);
      await third.close();
    } finally {
      await second.close();
    }
  });

  it('reads a rebuilt mailbox (new UIDVALIDITY) again, dropping the copies by Message-ID', async () => {
    const logs = captureLogs();
    for (const n of [1, 2]) await dovecot.deliver(await note(`validity-${n}`), 'Validity');
    const first = await start('validity', imapSource('Validity'));
    await vi.waitFor(async () => expect(await queue(first, 'validity')).toHaveLength(2));
    await first.close({ keepData: true });
    await dovecot.doveadm(['mailbox', 'update', '-u', IMAP_USER, '--uid-validity', '4242', 'Validity']);
    await dovecot.doveadm(['flags', 'remove', '-u', IMAP_USER, '\\Seen', 'mailbox', 'Validity', 'all']);
    await dovecot.deliver(await note('validity-3'), 'Validity');
    const second = await start('validity', imapSource('Validity'), { dataDir: first.dataDir, log: logs.log });
    try {
      await vi.waitFor(async () =>
        expect((await ids(second, 'validity')).sort()).toEqual(['<validity-1@x>', '<validity-2@x>', '<validity-3@x>']),
      );
      await vi.waitFor(async () =>
        expect([...(await flags('Validity')).values()].every((f) => f.includes('\\Seen'))).toBe(true),
      );
      expect(logs.lines.some((line) => line.includes('new UIDVALIDITY'))).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('names a mailbox that does not exist', async () => {
    const server = await start('missing', imapSource('No-such-folder'));
    try {
      await vi.waitFor(() => expect(status(server, 'missing')?.state).toBe('failing'), { timeout: 5_000 });
      expect(status(server, 'missing')?.lastError).toBe(
        'cannot open the mailbox "No-such-folder" (Mailbox doesn\'t exist: No-such-folder)',
      );
    } finally {
      await server.close();
    }
  });

  it('stops cleanly: the session is logged out and no socket or timer is left', async () => {
    await dovecot.deliver(await note('stop'), 'Stopping');
    const before = tally();
    const server = await start('stopping', imapSource('Stopping'));
    await vi.waitFor(() => expect(status(server, 'stopping')?.state).toBe('live'));
    expect(await dovecot.sessions()).toBe(1);
    await server.app.sources.stopEvent('stopping');
    expect(status(server, 'stopping')?.state).toBe('stopped');
    await vi.waitFor(async () => expect(await dovecot.sessions()).toBe(0));
    await server.close();
    expect(await leftOver(before)).toEqual([]);
  });

  // Last: Dovecot then slows logins from 127.0.0.1 down for a few seconds (its anvil penalty).
  it('shows refused credentials as failing, without the password', async () => {
    const logs = captureLogs();
    const wrong = 'not-the-password-123';
    const server = await start('wrong', imapSource('INBOX', { password: wrong }), { log: logs.log });
    try {
      await vi.waitFor(() => expect(status(server, 'wrong')?.state).toBe('failing'), { timeout: 5_000 });
      expect(status(server, 'wrong')?.lastError).toMatch(/^the server refused the user name or password for wall/);
      expect(JSON.stringify(server.app.sources.statuses())).not.toContain(wrong);
      expect(logs.lines.join('\n')).not.toContain(wrong);
    } finally {
      await server.close();
    }
  });
});

describe.skipIf(!hasDovecot)('IMAP with an OAuth2 access token', () => {
  let introspection: Server;
  let oauthDovecot: Dovecot;
  beforeAll(async () => {
    // RFC 7662 token introspection, as Dovecot's oauth2 passdb calls it (POST token=...).
    introspection = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const active = new URLSearchParams(body).get('token') === 'valid-access-token';
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(active ? { active: true, username: IMAP_USER } : { active: false }));
      });
    });
    await new Promise<void>((resolve) => introspection.listen(0, '127.0.0.1', resolve));
    const { port } = introspection.address() as AddressInfo;
    oauthDovecot = await startDovecot({ oauthIntrospectionUrl: `http://127.0.0.1:${port}/introspect` });
  });
  afterAll(async () => {
    await oauthDovecot?.close();
    introspection?.close();
  });

  it('logs in with the token instead of a password', async () => {
    await oauthDovecot.deliver(await note('oauth'));
    const source = { ...imapSource('INBOX'), host: oauthDovecot.host, port: oauthDovecot.port, password: undefined };
    const server = await start('oauth', { ...source, accessToken: 'valid-access-token' });
    const refused = await start('oauth', { ...source, accessToken: 'expired-token' });
    try {
      await vi.waitFor(async () => expect(await ids(server, 'oauth')).toEqual(['<oauth@x>']), { timeout: 5_000 });
      await vi.waitFor(() => expect(status(refused, 'oauth')?.state).toBe('failing'), { timeout: 5_000 });
      expect(status(refused, 'oauth')?.lastError).toMatch(/^the server refused the access token for wall/);
    } finally {
      await server.close();
      await refused.close();
    }
  });
});

function tally(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

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
