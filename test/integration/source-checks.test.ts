/**
 * The "Test" button's checks against fake services speaking the real wire formats: X (bad token with X's own
 * words, a search-only tier, a stream tier, a rate limit, an unreachable API), Mastodon (an unreachable instance next
 * to a working one, tokens accepted and refused), Bluesky (Jetstream and AppView, each failing in turn), Twilio (bad
 * credentials with Twilio's error, an account whose answer carries the auth token), the SMS gateway, web and demo.
 * Every result is searched for the secret, and so is the log; a check leaves no socket or timer behind, and ends at
 * its deadline against a server that never answers.
 */
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sourceSchema, type SourceConfig } from '../../server/config/sources.js';
import type { SourceTestResult } from '../../server/protocol/admin.js';
import { checkSource, type CheckDeps } from '../../server/sources/checks/index.js';
import { startAppView } from './fakes/bsky-appview.js';
import { startJetstream } from './fakes/jetstream.js';
import { startMastodon } from './fakes/mastodon.js';
import { startTwilioApi } from './fakes/twilio-api.js';
import { startFakeX } from './fakes/x-api.js';
import { captureLogs } from './helpers/logs.js';

const EVENT = 'town-hall';
const PUBLIC_URL = 'https://wall.example.org';
const ACCOUNT_SID = `AC${'3f'.repeat(16)}`;
const AUTH_TOKEN = 'twilio-auth-token-0123456789abcdef';
const MASTODON_TOKEN = 'mastodon-token-Secret-Abc123';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});
function later<T extends { close(): Promise<void> }>(fake: T): T {
  closers.push(() => fake.close());
  return fake;
}

async function check(input: Record<string, unknown>, extra: Partial<CheckDeps> = {}) {
  const logs = captureLogs();
  const config: SourceConfig = sourceSchema.parse(input);
  const deps: CheckDeps = { signal: new AbortController().signal, log: logs.log, publicUrl: PUBLIC_URL, event: EVENT };
  const result = await checkSource(config, { ...deps, ...extra });
  expectWordedFacts(result);
  return { result, logs: logs.lines.join('') };
}

function findFact(result: SourceTestResult, en: string | RegExp) {
  return result.facts?.find((f) => (typeof en === 'string' ? f.label.en === en : en.test(f.label.en)));
}

/** A fact's value in one language; data (a plain string) reads the same in both. */
function factValue(result: SourceTestResult, en: string | RegExp, lang: 'en' | 'fr' = 'en'): string | undefined {
  const value = findFact(result, en)?.value;
  return typeof value === 'object' ? value[lang] : value;
}

/** Every value in words has both languages, the French with its space before : ; ? ! */
function expectWordedFacts(result: SourceTestResult) {
  for (const { value } of result.facts ?? []) {
    if (typeof value === 'string') continue;
    expect(value.en.length).toBeGreaterThan(1);
    expect(value.fr.length).toBeGreaterThan(1);
    expect(value.fr).not.toMatch(/\S[:;?!](\s|$)/);
  }
}

/** A port nothing listens on: bound by the system, then released. */
async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function expectNoSecret(secret: string, ...outputs: unknown[]) {
  for (const output of outputs) {
    const text = typeof output === 'string' ? output : JSON.stringify(output);
    expect(text).not.toContain(secret);
  }
}

function expectBothLanguages(result: SourceTestResult) {
  expect(result.summary.en.length).toBeGreaterThan(10);
  expect(result.summary.fr.length).toBeGreaterThan(10);
  expect(result.summary.fr).not.toMatch(/\S[:?!](\s|$)/); // a space (or a no-break one) before : ? !
}

describe('X', () => {
  it('shows X’s own error for a bad token, and never the token', async () => {
    const x = later(await startFakeX());
    const wrong = 'AAAAAAAAAAAAAAAAAAAAAwrong-bearer-token';
    const { result, logs } = await check({ kind: 'x', bearerToken: wrong, apiBase: x.url });
    expect(result.ok).toBe(false);
    expect(result.summary.en).toMatch(/refused the bearer token/);
    expect(result.detail).toBe('HTTP 401: Unauthorized');
    expectBothLanguages(result);
    expectNoSecret(wrong, result, logs);
    expect(x.requests.map((r) => r.path)).toEqual(['/2/tweets/search/stream/rules']);
  });

  it('says "search only" for a tier without the filtered stream, after trying one recent search', async () => {
    const x = later(await startFakeX({ streamAccess: false }));
    const { result, logs } = await check({ kind: 'x', bearerToken: x.token, apiBase: x.url });
    expect(result.ok).toBe(true);
    expect(result.summary.en).toMatch(/recent search only/);
    expect(factValue(result, 'Access tier')).toMatch(/^recent search only/);
    expect(factValue(result, 'Access tier', 'fr')).toBe('recherche récente seulement (pas de flux filtré)');
    expect(factValue(result, 'Mode (auto)')).toBe('recent search every 30 s');
    expect(findFact(result, 'Mode (auto)')?.label.fr).toBe('Mode (automatique)');
    expect(factValue(result, 'Mode (auto)', 'fr')).toBe('recherche récente toutes les 30\u00a0s');
    expect(x.requests.map((r) => r.path)).toEqual(['/2/tweets/search/stream/rules', '/2/tweets/search/recent']);
    expect(x.requests[1]!.query.get('max_results')).toBe('10');
    expectNoSecret(x.token, result, logs);
  });

  it('fails a stream-only setting on a tier without the stream, quoting X’s 403', async () => {
    const x = later(await startFakeX({ streamAccess: false }));
    const { result } = await check({ kind: 'x', bearerToken: x.token, apiBase: x.url, mode: 'stream' });
    expect(result.ok).toBe(false);
    expect(result.summary.en).toMatch(/set the mode to auto or search/);
    expect(result.detail).toMatch(/^HTTP 403: Client Forbidden: When authenticating .*\(client-not-enrolled\)$/);
  });

  it('says when the tier has neither the stream nor search', async () => {
    const x = later(await startFakeX({ streamAccess: false, searchAccess: false }));
    const { result } = await check({ kind: 'x', bearerToken: x.token, apiBase: x.url });
    expect(result.ok).toBe(false);
    expect(result.summary.en).toMatch(/neither the filtered stream nor recent search/);
    expect(factValue(result, 'Access tier')).toBe('neither stream nor search');
    expect(factValue(result, 'Access tier', 'fr')).toBe('ni flux ni recherche');
    expect(result.detail).toMatch(/^HTTP 403: Client Forbidden: .*\(client-not-enrolled\)$/);
  });

  it('says the stream is available when the rules can be listed', async () => {
    const x = later(await startFakeX({ rules: [{ value: '#other', tag: 'another-tool' }] }));
    const { result } = await check({ kind: 'x', bearerToken: x.token, apiBase: x.url });
    expect(result.ok).toBe(true);
    expect(factValue(result, 'Access tier')).toBe('filtered stream + recent search');
    expect(factValue(result, 'Mode (auto)')).toBe('filtered stream, with a recent-search backfill');
    expect(factValue(result, 'Access tier', 'fr')).toBe('flux filtré + recherche récente');
    expect(findFact(result, 'Stream rules already on this app')?.value).toBe('1'); // data: one string for both
    expect(x.requests).toHaveLength(1);
  });

  it('says until when X rate-limits the search', async () => {
    const x = later(await startFakeX({ streamAccess: false }));
    const resetAt = Date.UTC(2031, 4, 6, 14, 30);
    x.limitSearch(resetAt);
    const { result } = await check({ kind: 'x', bearerToken: x.token, apiBase: x.url });
    expect(result.ok).toBe(false);
    expect(result.summary.en).toContain('until 2031-05-06 14:30 UTC');
    expect(result.summary.fr).toContain('jusqu’à 2031-05-06 14:30 UTC');
    expect(result.detail).toBe('HTTP 429: Too Many Requests');
  });

  it('gives the socket’s error when X cannot be reached', async () => {
    const port = await closedPort();
    const { result } = await check({ kind: 'x', bearerToken: 'token-1234', apiBase: `http://127.0.0.1:${port}` });
    expect(result.ok).toBe(false);
    expect(result.summary.en).toBe(`Cannot reach X at 127.0.0.1:${port}.`);
    expect(result.detail).toBe(`connect ECONNREFUSED 127.0.0.1:${port}`);
  });
});

describe('Mastodon', () => {
  it('shows ECONNREFUSED for an unreachable instance and what the other one runs', async () => {
    const good = later(await startMastodon());
    const port = await closedPort();
    const { result } = await check({
      kind: 'mastodon',
      instances: [{ url: good.url }, { url: `http://127.0.0.1:${port}` }],
    });
    expect(result.ok).toBe(false);
    expect(result.summary.en).toBe(`One instance fails: 127.0.0.1:${port}.`);
    expect(result.summary.fr).toBe(`Une instance échoue\u00a0: 127.0.0.1:${port}.`);
    expect(result.detail).toBe(`127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}`);
    const host = new URL(good.url).host;
    expect(factValue(result, `${host}: version`)).toBe('4.0.0rc1');
    expect(factValue(result, `${host}: name`)).toBe('Mastodon');
    expect(factValue(result, `${host}: streaming API`)).toBe(good.url.replace('http', 'ws'));
    expect(factValue(result, `${host}: no token`)).toBe('the hashtag timeline is polled');
    expect(findFact(result, `${host}: no token`)?.label.fr).toBe(`${host}\u00a0: pas de jeton`);
    expect(factValue(result, `${host}: no token`, 'fr')).toBe('le fil du hashtag est consulté à intervalles réguliers');
    // Node's words, searchable as they are: the same string in both languages.
    expect(findFact(result, `127.0.0.1:${port}: unreachable`)?.value).toBe(`connect ECONNREFUSED 127.0.0.1:${port}`);
  });

  it('checks each token: accepted on one instance, refused with Mastodon’s words on the other', async () => {
    const one = later(await startMastodon({ token: MASTODON_TOKEN }));
    const two = later(await startMastodon({ token: 'the-right-token-for-two' }));
    const { result, logs } = await check({
      kind: 'mastodon',
      instances: [
        { url: one.url, token: MASTODON_TOKEN },
        { url: two.url, token: MASTODON_TOKEN },
      ],
    });
    const [hostOne, hostTwo] = [new URL(one.url).host, new URL(two.url).host];
    expect(result.ok).toBe(false);
    expect(factValue(result, `${hostOne}: token accepted`)).toBe('@mastodonpy_test_2');
    expect(factValue(result, `${hostTwo}: token refused`)).toBe('HTTP 401: The access token is invalid');
    expect(result.detail).toBe(`${hostTwo}: token refused: HTTP 401: The access token is invalid`);
    expect(one.requests.at(-1)!.authorization).toBe(`Bearer ${MASTODON_TOKEN}`);
    expectNoSecret(MASTODON_TOKEN, result, logs);
  });

  it('passes when every instance answers', async () => {
    const one = later(await startMastodon({ token: MASTODON_TOKEN }));
    const { result } = await check({ kind: 'mastodon', instances: [{ url: one.url, token: MASTODON_TOKEN }] });
    expect(result).toMatchObject({ ok: true, summary: { en: 'The instance answers.', fr: 'L’instance répond.' } });
  });
});

describe('Bluesky', () => {
  it('passes when Jetstream opens and the AppView answers, and closes the websocket', async () => {
    const [jetstream, appview] = [later(await startJetstream()), later(await startAppView())];
    const { result } = await check({ kind: 'bluesky', jetstreamUrl: jetstream.url, appviewUrl: appview.url });
    expect(result.ok).toBe(true);
    expect(jetstream.subscriptions[0]!.searchParams.getAll('wantedCollections')).toEqual(['app.bsky.feed.post']);
    expect(appview.profileCalls).toEqual([['bsky.app']]);
    await vi.waitFor(() => expect(jetstream.clients).toBe(0));
  });

  it('names what fails: a Jetstream refusing with 429, an AppView answering an XRPC error', async () => {
    const [jetstream, appview] = [later(await startJetstream()), later(await startAppView())];
    jetstream.refuse(1, 429, 30);
    appview.mode('fail');
    const { result } = await check({ kind: 'bluesky', jetstreamUrl: jetstream.url, appviewUrl: appview.url });
    expect(result.ok).toBe(false);
    expect(result.summary).toEqual({
      en: 'Jetstream and AppView do not answer.',
      fr: 'Jetstream et AppView ne répondent pas.',
    });
    const host = (url: string) => new URL(url).host;
    expect(result.detail).toBe(
      `Jetstream (${host(jetstream.url)}): refused with HTTP 429\n` +
        `AppView (${host(appview.url)}): HTTP 502 (UpstreamFailure: Upstream Failure)`,
    );
    expect(findFact(result, 'Jetstream')?.value).toEqual({ en: 'refused with HTTP 429', fr: 'refusée avec HTTP 429' });
    expect(findFact(result, 'AppView')?.value).toBe('HTTP 502 (UpstreamFailure: Upstream Failure)');
  });

  it('ends at its deadline when the AppView never answers', async () => {
    const [jetstream, appview] = [later(await startJetstream()), later(await startAppView())];
    appview.mode('hang');
    const started = Date.now();
    const { result } = await check(
      { kind: 'bluesky', jetstreamUrl: jetstream.url, appviewUrl: appview.url },
      { timeoutMs: 300 },
    );
    expect(Date.now() - started).toBeLessThan(3000);
    expect(result.ok).toBe(false);
    expect(result.detail).toBe(`AppView (${new URL(appview.url).host}): no answer within 0.3 s`);
    expect(findFact(result, 'AppView')?.value).toEqual({
      en: 'no answer within 0.3 s',
      fr: 'pas de réponse en 0,3\u00a0s',
    });
  });
});

describe('Twilio', () => {
  const twilio = (apiBase: string, authToken = AUTH_TOKEN) => ({
    kind: 'twilio',
    phoneNumber: '+33 6 39 98 00 00',
    accountSid: ACCOUNT_SID,
    authToken,
    apiBase,
  });

  it('shows Twilio’s error and code for a bad auth token', async () => {
    const api = later(await startTwilioApi(ACCOUNT_SID, AUTH_TOKEN));
    const wrong = 'wrong-auth-token-fedcba9876543210';
    const { result, logs } = await check(twilio(api.url, wrong));
    expect(result.ok).toBe(false);
    expect(result.summary.en).toMatch(/refused the Account SID or auth token/);
    expect(result.detail).toBe(
      'HTTP 401, error 20003: Authentication Error - invalid username: Your AccountSid or AuthToken was incorrect.',
    );
    expect(factValue(result, /^Webhook URL/)).toBe(`${PUBLIC_URL}/hooks/${EVENT}/sms/twilio`);
    expectNoSecret(wrong, result, logs);
  });

  it('reads the account’s name and status, and never repeats the auth token its answer carries', async () => {
    const api = later(await startTwilioApi(ACCOUNT_SID, AUTH_TOKEN, { friendlyName: 'Mairie events', type: 'Trial' }));
    const { result, logs } = await check({ ...twilio(api.url), publicUrl: 'https://hooks.example.org/wall/' });
    expect(result.ok).toBe(true);
    expect(factValue(result, 'Account')).toBe('Mairie events');
    expect(findFact(result, 'Account status')?.value).toBe('active'); // Twilio's word, as it gives it
    expect(factValue(result, 'Account type')).toBe('Trial');
    expect(factValue(result, /^Webhook URL/)).toBe(`https://hooks.example.org/wall/hooks/${EVENT}/sms/twilio`);
    expect(api.requests).toEqual([`/2010-04-01/Accounts/${ACCOUNT_SID}.json`]);
    expectNoSecret(AUTH_TOKEN, result, logs);
  });

  it('fails a suspended account', async () => {
    const api = later(await startTwilioApi(ACCOUNT_SID, AUTH_TOKEN, { status: 'suspended' }));
    const { result } = await check(twilio(api.url));
    expect(result.ok).toBe(false);
    expect(result.summary.fr).toBe('Twilio accepte les identifiants, mais le compte est «\u00a0suspended\u00a0».');
  });
});

describe('push and built-in sources', () => {
  it('gives an SMS gateway its URL, header and a curl line without the secret', async () => {
    const secret = 'gateway-shared-secret-42';
    const { result, logs } = await check({ kind: 'sms-gateway', phoneNumber: '+33 6 12 34 56 78', secret });
    expect(result.ok).toBe(true);
    const url = `${PUBLIC_URL}/hooks/${EVENT}/sms/gateway`;
    expect(factValue(result, 'Webhook URL (POST, JSON or form)')).toBe(url);
    expect(factValue(result, /^Header carrying the secret/)).toBe('X-Murmure-Secret');
    expect(factValue(result, /^Try it/)).toContain(`curl -X POST '${url}'`);
    expect(factValue(result, /^Try it/)).toContain(`-H 'X-Murmure-Secret: <the secret>'`);
    expect(factValue(result, 'Fields read', 'fr')).toMatch(/^id \(ou messageId\), from \(ou msisdn\), text\u00a0; /);
    expectNoSecret(secret, result, logs);
  });

  it('has nothing to check for the web form and the demo', async () => {
    for (const kind of ['web', 'demo']) {
      const { result } = await check({ kind });
      expect(result.ok).toBe(true);
      expect(result.summary.en).toMatch(/^Nothing to check/);
      expect(result.summary.fr).toMatch(/^Rien à vérifier\u00a0:/);
    }
  });
});

describe('housekeeping', () => {
  it('leaves no socket or timer behind', async () => {
    const x = later(await startFakeX({ streamAccess: false }));
    const mastodon = later(await startMastodon({ token: MASTODON_TOKEN }));
    const [jetstream, appview] = [later(await startJetstream()), later(await startAppView())];
    const count = (kind: string) => process.getActiveResourcesInfo().filter((k) => k === kind).length;
    // The previous test's connections may still be closing.
    await vi.waitFor(() => expect(count('TCPSocketWrap')).toBe(0));
    const timers = count('Timeout');
    await check({ kind: 'x', bearerToken: x.token, apiBase: x.url });
    await check({ kind: 'mastodon', instances: [{ url: mastodon.url, token: MASTODON_TOKEN }] });
    await check({ kind: 'bluesky', jetstreamUrl: jetstream.url, appviewUrl: appview.url });
    await vi.waitFor(() => expect(count('TCPSocketWrap')).toBe(0));
    // Outside waitFor, whose own timers would count; at most as many as before (one of before may have ended).
    expect(count('Timeout')).toBeLessThanOrEqual(timers);
    expect(mastodon.openConnections()).toBe(0);
  });

  it('stops at once when the caller aborts', async () => {
    const appview = later(await startAppView());
    const jetstream = later(await startJetstream());
    appview.mode('hang');
    const controller = new AbortController();
    const pending = check(
      { kind: 'bluesky', jetstreamUrl: jetstream.url, appviewUrl: appview.url },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 50);
    const { result } = await pending;
    expect(result.ok).toBe(false);
    expect(result.detail).toContain('the check was cancelled');
  });
});
