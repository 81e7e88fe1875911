/** The `email-smtp` and `email-imap` settings: defaults, and problems worded for the person editing the file. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config/index.js';
import { imapSource, smtpSource } from '../../../server/config/sources.js';

const dir = mkdtempSync(join(tmpdir(), 'murmure-email-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The problems loadConfig lists for one event with `source`. */
function problemsWith(source: Record<string, unknown>): string[] {
  const file = join(dir, 'murmure.config.json');
  writeFileSync(file, JSON.stringify({ events: [{ slug: 'town-hall', title: 'Town hall', sources: [source] }] }));
  try {
    loadConfig(file, {}, {});
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

const imap = { kind: 'email-imap', address: 'wall@example.org', host: 'imap.example.org', user: 'wall' };

describe('email-smtp settings', () => {
  it('has defaults for everything but the addresses', () => {
    expect(smtpSource.parse({ kind: 'email-smtp', addresses: ['wall@example.org'] })).toEqual({
      kind: 'email-smtp',
      enabled: true,
      addresses: ['wall@example.org'],
      host: '0.0.0.0',
      port: 2525,
      maxBytes: 10 * 1024 * 1024,
    });
  });

  it('names each bad setting', () => {
    const problems = problemsWith({
      kind: 'email-smtp',
      addresses: ['wall@example.org', 'WALL@example.org', 'not an address'],
      maxBytes: 100,
      tls: { certFile: 'cert.pem' },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/addresses\[2\]: must be an email address/),
        expect.stringMatching(/maxBytes: must be at least 1024 bytes/),
        expect.stringMatching(/tls\.keyFile: /),
      ]),
    );
    expect(problemsWith({ kind: 'email-smtp', addresses: ['a@example.org', 'A@example.org'] })).toEqual([
      expect.stringMatching(/addresses: lists the same address twice/),
    ]);
  });
});

describe('email-imap settings', () => {
  it('has defaults for the connection and the waiting', () => {
    expect(imapSource.parse({ ...imap, password: 'secret' })).toMatchObject({
      port: 993,
      secure: true,
      mailbox: 'INBOX',
      idle: true,
      pollSeconds: 60,
      maxBytes: 10 * 1024 * 1024,
    });
  });

  it.each([
    [{}, /password: needs either a password or an OAuth2 accessToken \(not both\)/],
    [{ password: 'p', accessToken: 't' }, /password: needs either a password or an OAuth2 accessToken \(not both\)/],
    [{ password: 'p', moveTo: 'INBOX' }, /moveTo: must differ from mailbox/],
    [{ password: '' }, /password: must not be empty/],
  ])('explains %j', (extra, problem) => {
    expect(problemsWith({ ...imap, ...extra })).toEqual([expect.stringMatching(problem)]);
  });

  it('accepts an access token alone', () => {
    expect(problemsWith({ ...imap, accessToken: 'ya29.token' })).toEqual([]);
  });
});
