/**
 * The sign-in and set-up limits as the room and the internet meet them: one address behind a venue's shared NAT
 * locks only the accounts it guesses at, a spread of addresses gets a limited number of guesses at one account,
 * a success clears the counts, and a wrong set-up token from one address does not lock the organiser out from
 * another. Addresses come from X-Forwarded-For through a trusted proxy (the test is that proxy).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/auth/passwords.js';
import { ADMIN_PASSWORD, startServer, type TestServer } from './helpers/server.js';

const VENUE = '203.0.113.7';
const SAM_PASSWORD = 'sam-password-0123';
const LEA_PASSWORD = 'lea-password-4567';
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ settings: { trustProxy: 1 } });
  await server.app.store.moderators.add('sam', await hashPassword(SAM_PASSWORD), 'moderator');
  await server.app.store.moderators.add('lea', await hashPassword(LEA_PASSWORD), 'moderator');
});
afterAll(() => server?.close());

function signIn(from: string, name: string, password: string, url = server.url): Promise<Response> {
  return fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({ name, password }),
  });
}

async function statuses(from: string, name: string, count: number): Promise<number[]> {
  const seen: number[] = [];
  for (let i = 0; i < count; i++) seen.push((await signIn(from, name, `guess-${i}`)).status);
  return seen;
}

describe('sign-in limits', () => {
  it('lock one address out of the account it guessed at, not out of the others', async () => {
    expect(await statuses(VENUE, 'admin', 10)).toEqual(Array(10).fill(401));
    const locked = await signIn(VENUE, 'admin', ADMIN_PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(await locked.json()).toMatchObject({ error: { code: 'rate_limited', message: /from this address/ } });
    // The organiser, behind the same address, still signs in with another account, and with this one elsewhere.
    expect((await signIn(VENUE, 'sam', SAM_PASSWORD)).status).toBe(200);
    expect((await signIn('198.51.100.20', 'admin', ADMIN_PASSWORD)).status).toBe(200);
    // Another spelling of the name is the same account.
    expect((await signIn(VENUE, 'ADMIN', ADMIN_PASSWORD)).status).toBe(429);
  });

  it('give a spread of addresses fifty guesses at one account in all', async () => {
    for (let address = 1; address <= 5; address++) {
      expect(await statuses(`198.51.100.${address}`, 'lea', 10)).toEqual(Array(10).fill(401));
    }
    const fresh = await signIn('192.0.2.50', 'lea', LEA_PASSWORD);
    expect(fresh.status).toBe(429);
    expect(await fresh.json()).toMatchObject({ error: { message: /for this account;/ } });
    expect((await signIn('192.0.2.50', 'sam', SAM_PASSWORD)).status).toBe(200);
  });

  it('clear the counts of an address and account on a success', async () => {
    const from = '192.0.2.77';
    expect(await statuses(from, 'sam', 9)).toEqual(Array(9).fill(401));
    expect((await signIn(from, 'sam', SAM_PASSWORD)).status).toBe(200);
    expect(await statuses(from, 'sam', 10)).toEqual(Array(10).fill(401));
    expect((await signIn(from, 'sam', SAM_PASSWORD)).status).toBe(429);
  });
});

describe('set-up token limits', () => {
  it('lock out the address that guessed, not the organiser at another', async () => {
    const fresh = await startServer({ adminPassword: null, settings: { trustProxy: 1 } });
    try {
      const setup = (from: string, token: string) =>
        fetch(`${fresh.url}/api/setup`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
          body: JSON.stringify({ token, name: 'admin', password: 'un-mot-de-passe-solide', language: 'fr' }),
        });
      for (let i = 0; i < 10; i++) expect((await setup(VENUE, `WRONG-${i}`)).status).toBe(403);
      expect((await setup(VENUE, fresh.setupToken!)).status).toBe(429);
      expect((await setup('198.51.100.30', fresh.setupToken!)).status).toBe(200);
    } finally {
      await fresh.close();
    }
  });
});
