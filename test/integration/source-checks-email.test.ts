/**
 * The "Test" button for email: IMAP against a real Dovecot (helpers/dovecot.ts): a wrong password gets the
 * server's own words, a good one opens the mailbox read-only and counts messages without marking any \Seen, a
 * missing mailbox and a closed port are told apart, and no session stays open. SMTP against real sockets: a port
 * taken by another program (whose banner is quoted), a free port, and a receiver already listening in this
 * process, which is greeted with EHLO.
 */
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sourceSchema } from '../../server/config/sources.js';
import type { SourceTestResult } from '../../server/protocol/admin.js';
import { checkSource, type CheckDeps } from '../../server/sources/checks/index.js';
import { hasDovecot, IMAP_PASSWORD, IMAP_USER, NO_DOVECOT, startDovecot, type Dovecot } from './helpers/dovecot.js';
import { captureLogs } from './helpers/logs.js';

const WALL = 'questions@wall.example.org';

async function check(input: Record<string, unknown>, extra: Partial<CheckDeps> = {}) {
  const logs = captureLogs();
  const deps: CheckDeps = {
    signal: new AbortController().signal,
    log: logs.log,
    publicUrl: 'https://wall.example.org',
    event: 'town-hall',
  };
  const result = await checkSource(sourceSchema.parse(input), { ...deps, ...extra });
  return { result, logs: logs.lines.join('') };
}

/** A fact's value in one language; data (a plain string) reads the same in both. */
function factValue(result: SourceTestResult, en: string, lang: 'en' | 'fr' = 'en'): string | undefined {
  const value = result.facts?.find((f) => f.label.en === en)?.value;
  return typeof value === 'object' ? value[lang] : value;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe.skipIf(!hasDovecot)(`IMAP (${hasDovecot ? 'Dovecot' : NO_DOVECOT})`, () => {
  let dovecot: Dovecot;
  beforeAll(async () => {
    dovecot = await startDovecot();
    const note = (n: number) =>
      new MailComposer({ from: 'claire@example.net', to: WALL, subject: `Note ${n}`, text: `Text ${n}` })
        .compile()
        .build();
    for (const n of [1, 2, 3]) await dovecot.deliver(await note(n));
    // One already read: the count of unread ones is what the source will import.
    await dovecot.doveadm(['flags', 'add', '-u', IMAP_USER, '\\Seen', 'mailbox', 'INBOX', '1']);
  });
  afterAll(async () => dovecot?.close());

  const imap = (extra: Record<string, unknown> = {}) => ({
    kind: 'email-imap',
    address: WALL,
    host: dovecot.host,
    port: dovecot.port,
    secure: false,
    user: IMAP_USER,
    password: IMAP_PASSWORD,
    ...extra,
  });

  it('shows the server’s words for a wrong password, never the password', async () => {
    const wrong = 'not-the-dovecot-password';
    const { result, logs } = await check(imap({ password: wrong }));
    expect(result.ok).toBe(false);
    expect(result.summary.en).toBe(`The server refused the user name or password for ${IMAP_USER}.`);
    expect(result.summary.fr).toBe(`Le serveur refuse l’identifiant ou le mot de passe de ${IMAP_USER}.`);
    expect(result.detail).toBe('[AUTHENTICATIONFAILED] Authentication failed.');
    for (const output of [JSON.stringify(result), logs]) expect(output).not.toContain(wrong);
  });

  it('opens the mailbox read-only and counts its messages and unread ones', async () => {
    const { result, logs } = await check(imap());
    expect(result.ok).toBe(true);
    expect(result.summary.en).toBe(`The mailbox INBOX opens on ${dovecot.host}.`);
    expect(factValue(result, 'Messages')).toBe('3');
    expect(factValue(result, 'Unread (to be imported)')).toBe('2');
    expect(factValue(result, 'New mail is noticed by')).toBe('IDLE (instant)');
    expect(factValue(result, 'New mail is noticed by', 'fr')).toBe('IDLE (immédiat)');
    expect(factValue(result, 'Server')).toBe(`${dovecot.host}:${dovecot.port} (no TLS)`);
    expect(factValue(result, 'Server', 'fr')).toBe(`${dovecot.host}:${dovecot.port} (sans TLS)`);
    // Read-only: the check marked nothing \Seen.
    const flags = await dovecot.doveadm(['fetch', '-u', IMAP_USER, 'flags', 'mailbox', 'INBOX']);
    expect(flags.match(/\\Seen/g)).toHaveLength(1);
    expect(JSON.stringify(result) + logs).not.toContain(IMAP_PASSWORD);
    await vi.waitFor(async () => expect(await dovecot.sessions()).toBe(0));
  });

  it('tells a missing mailbox from a refused login', async () => {
    const { result } = await check(imap({ mailbox: 'Wall' }));
    expect(result.ok).toBe(false);
    expect(result.summary.en).toBe('Logged in, but the mailbox "Wall" does not open.');
    expect(result.detail).toContain("Mailbox doesn't exist: Wall");
  });

  it('gives the TLS error when TLS is expected from a server that speaks in clear', async () => {
    const { result } = await check(imap({ secure: true }), { timeoutMs: 2000 });
    expect(result.ok).toBe(false);
    expect(result.summary.en).toBe(`Cannot connect to the IMAP server 127.0.0.1:${dovecot.port}.`);
    expect(result.detail).toMatch(/SSL routines.*wrong version number/);
  });

  it('gives the socket’s error for a port nothing listens on', async () => {
    const server = createServer();
    const port = await listen(server);
    await new Promise((resolve) => server.close(resolve));
    const { result } = await check(imap({ port }));
    expect(result.ok).toBe(false);
    expect(result.summary.en).toBe(`Cannot connect to the IMAP server 127.0.0.1:${port}.`);
    expect(result.detail).toContain(`ECONNREFUSED 127.0.0.1:${port}`);
  });
});

describe('SMTP', () => {
  const servers: { close(callback: () => void): unknown }[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const smtp = (port: number) => ({ kind: 'email-smtp', addresses: [WALL], host: '127.0.0.1', port });

  it('says when another program holds the port, with the system’s error and the program’s banner', async () => {
    const other = new SMTPServer({ banner: 'Postfix look-alike', authOptional: true, logger: false });
    const port = await listen(other.server);
    servers.push(other);
    const { result } = await check(smtp(port), { smtpListening: () => false });
    expect(result.ok).toBe(false);
    expect(result.summary.en).toBe(`Another program already uses 127.0.0.1:${port}: stop it, or choose another port.`);
    expect(result.detail).toMatch(
      new RegExp(
        `^listen EADDRINUSE: address already in use 127\\.0\\.0\\.1:${port}; it answers: 220 .*Postfix look-alike`,
      ),
    );
  });

  it('says a free port is where mail will arrive, and how to point mail at it', async () => {
    const probe = createServer();
    const port = await listen(probe);
    await new Promise((resolve) => probe.close(resolve));
    const { result } = await check(smtp(port));
    expect(result.ok).toBe(true);
    expect(result.summary.fr).toBe(
      `127.0.0.1:${port} est libre\u00a0: Murmure y recevra le courrier pendant l’événement.`,
    );
    expect(factValue(result, 'Point the MX record of these domains to this server')).toBe('wall.example.org');
    expect(factValue(result, 'Forward port 25 to')).toBe(String(port));
    expect(factValue(result, 'STARTTLS')).toBe('off (mail arrives in clear text)');
    expect(factValue(result, 'STARTTLS', 'fr')).toBe('désactivé (le courrier arrive en clair)');
    expect(factValue(result, 'Listening on')).toBe(`127.0.0.1:${port}`);
  });

  it('greets the receiver already listening in this process', async () => {
    const receiver = new SMTPServer({ authOptional: true, logger: false, size: 1024 * 1024 });
    const port = await listen(receiver.server);
    servers.push(receiver);
    const asked: string[] = [];
    const smtpListening = (host: string, at: number) => (asked.push(`${host}:${at}`), at === port);
    const { result } = await check({ ...smtp(port), host: '0.0.0.0' }, { smtpListening });
    expect(asked).toEqual([`0.0.0.0:${port}`]);
    expect(result.ok).toBe(true);
    expect(result.summary.en).toBe(`Murmure is receiving mail on 0.0.0.0:${port}.`);
    expect(factValue(result, 'Banner')).toMatch(/^220 /);
    expect(factValue(result, 'EHLO extensions')).toContain('SIZE 1048576');
  });

  it('names an unreadable certificate file', async () => {
    const { result } = await check({
      ...smtp(2525),
      tls: { certFile: '/nonexistent/cert.pem', keyFile: '/nonexistent/key.pem' },
    });
    expect(result.ok).toBe(false);
    expect(result.detail).toBe("ENOENT: no such file or directory, access '/nonexistent/cert.pem'");
  });
});
