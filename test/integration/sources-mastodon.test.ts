/**
 * The Mastodon source through the real app, against fake instances speaking the real wire format: polling across
 * Link pages, streaming with a token, gaps backfilled, rate limits waited out, one item for a status relayed by two
 * instances, deletes and edits reaching the wall and the queue, garbage frames skipped, custom emoji proxied, and
 * nothing left open when the event stops.
 */
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Item, PublicItem } from '../../server/protocol/items.js';
import type { WallSnapshot } from '../../server/protocol/socket.js';
import { createLogger } from '../../server/log.js';
import { eventSchema } from '../../server/config/schema.js';
import { runSources, startServer, type TestServer } from './helpers/server.js';
import { nextEvent, wallClient } from './helpers/clients.js';
import { signedIn } from './helpers/moderation.js';
import { startImageHost } from './fakes/image-host.js';
import { RECORDED_PAGE, startMastodon, type FakeMastodon } from './fakes/mastodon.js';

const EVENT = 'town-hall';
const TOKEN = 'tok_Secret-Abc123';
const WAIT = { timeout: 8000, interval: 20 };

let server: TestServer | undefined;
const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const close of closers.splice(0)) await close();
});

async function fake(options: Parameters<typeof startMastodon>[0] = {}): Promise<FakeMastodon> {
  const instance = await startMastodon(options);
  closers.push(() => instance.close());
  return instance;
}

interface InstanceSetting {
  url: string;
  token?: string;
}

function mastodonEvent(instances: InstanceSetting[], hashtags = ['TownHall'], recheckSeconds = 0) {
  return {
    slug: EVENT,
    title: 'Town hall',
    hashtags,
    sources: [{ kind: 'mastodon' as const, pollSeconds: 0.2, recheckSeconds, instances }],
  };
}

interface StartOptions {
  hashtags?: string[];
  log?: Writable;
  recheckSeconds?: number;
}

async function start(instances: InstanceSetting[], options: StartOptions = {}) {
  server = await startServer({
    events: [mastodonEvent(instances, options.hashtags, options.recheckSeconds)],
    settings: { media: { allowPrivateNetworks: true } },
    ...(options.log ? { log: createLogger({ level: 'debug', destination: options.log }) } : {}),
  });
  return server;
}

async function queue(): Promise<Item[]> {
  return (await server!.app.store.items.queue(EVENT, 'pending', 200)).items;
}

async function texts(): Promise<string[]> {
  return (await queue()).map((item) => item.text);
}

function sourceStatus() {
  return server!.app.sources.statuses(EVENT).find((status) => status.kind === 'mastodon');
}

async function waitForState(state: string) {
  await vi.waitFor(() => expect(sourceStatus()?.state).toBe(state), WAIT);
}

describe('polling (no token)', () => {
  it('reads the tag timeline across Link pages, then only what is new, each status once', async () => {
    const instance = await fake({ maxLimit: 4, seedTag: 'townhall' });
    await start([{ url: instance.url }]);
    // The recorded page, re-hosted: the first read takes the newest page; the rest of that burst (written within the
    // same second) comes with the next read, which starts a minute back to catch statuses that federate late.
    await vi.waitFor(async () => expect(await queue()).toHaveLength(RECORDED_PAGE.length), WAIT);
    expect(new Set((await queue()).map((item) => item.sourceId))).toEqual(
      new Set(RECORDED_PAGE.map((status) => status.uri)),
    );
    expect(sourceStatus()).toMatchObject({ state: 'polling', detail: `${new URL(instance.url).host}: polling` });

    for (let n = 1; n <= 9; n++) instance.publish({ text: `Nouveau message ${n}`, tags: ['TownHall'] });
    await vi.waitFor(
      async () => expect((await texts()).filter((text) => text.startsWith('Nouveau'))).toHaveLength(9),
      WAIT,
    );
    expect((await texts()).filter((text) => text.startsWith('Nouveau'))).toEqual(
      Array.from({ length: 9 }, (_, i) => `Nouveau message ${i + 1} #TownHall`),
    );

    // Each read after the first starts from a remembered id and follows the `prev` link the previous page gave.
    const reads = instance.timelineRequests();
    expect(reads[0]?.query.get('min_id')).toBeNull();
    const given = new Set(reads.flatMap((read) => (read.prevMinId ? [read.prevMinId] : [])));
    expect(reads.slice(1).some((read) => given.has(read.query.get('min_id') ?? ''))).toBe(true);
    expect(reads.every((read) => read.authorization === undefined)).toBe(true);
  });

  it('remembers where it stopped across a restart', async () => {
    const instance = await fake();
    instance.publish({ text: 'Avant le redémarrage', tags: ['TownHall'] });
    const first = await start([{ url: instance.url }]);
    await vi.waitFor(async () => expect(await texts()).toEqual(['Avant le redémarrage #TownHall']), WAIT);
    await first.close({ keepData: true });
    instance.publish({ text: 'Pendant la coupure', tags: ['TownHall'] });
    const before = instance.timelineRequests().length;
    server = await startServer({ events: [mastodonEvent([{ url: instance.url }])], dataDir: first.dataDir });
    await vi.waitFor(async () => expect(await texts()).toContain('Pendant la coupure #TownHall'), WAIT);
    expect(await texts()).toHaveLength(2);
    expect(instance.timelineRequests()[before]?.query.get('min_id')).not.toBeNull();
  });

  it('still reads a status that federated late, with an id below one already read', async () => {
    const instance = await fake();
    await start([{ url: instance.url }]);
    const recent = instance.publish({ text: 'Écrit ici', tags: ['TownHall'] });
    await vi.waitFor(async () => expect(await texts()).toEqual(['Écrit ici #TownHall']), WAIT);
    const late = instance.publish({ text: 'Arrivé en retard', tags: ['TownHall'], ageMs: 30_000 });
    expect(BigInt(late.id)).toBeLessThan(BigInt(recent.id));
    await vi.waitFor(
      async () => expect(await texts()).toEqual(['Écrit ici #TownHall', 'Arrivé en retard #TownHall']),
      WAIT,
    );
  });

  it('waits out a 429 until the reset time, then resumes', async () => {
    const instance = await fake();
    await start([{ url: instance.url }]);
    await waitForState('polling');
    const resetAt = instance.exhaustRateLimit(1000);
    instance.publish({ text: 'Après la limite', tags: ['TownHall'] });
    await vi.waitFor(() => expect(sourceStatus()?.state).toBe('rate-limited'), WAIT);
    expect(sourceStatus()?.until).toBeGreaterThanOrEqual(resetAt);
    expect(sourceStatus()?.until).toBeLessThanOrEqual(resetAt + 250);
    await vi.waitFor(async () => expect(await texts()).toEqual(['Après la limite #TownHall']), WAIT);
    const limited = instance.requests.filter((request) => request.status === 429);
    expect(limited).toHaveLength(1); // waited, did not hammer
    expect(instance.requests.filter((request) => request.at > limited[0]!.at)[0]!.at).toBeGreaterThanOrEqual(resetAt);
    await waitForState('polling');
  });

  it('reports a failing instance with its error, backs off, and recovers', async () => {
    const instance = await fake();
    instance.failNext(503);
    await start([{ url: instance.url }]);
    await vi.waitFor(
      () => expect(sourceStatus()).toMatchObject({ state: 'failing', lastError: expect.stringContaining('HTTP 503') }),
      WAIT,
    );
    instance.publish({ text: 'Après la panne', tags: ['TownHall'] });
    // POLL_ERROR_DELAYS starts at 5 s (±20 %): the retry comes after it, not in a tight loop.
    await vi.waitFor(async () => expect(await texts()).toEqual(['Après la panne #TownHall']), {
      ...WAIT,
      timeout: 9000,
    });
    expect(instance.requests[1]!.at - instance.requests[0]!.at).toBeGreaterThanOrEqual(3900);
    await waitForState('polling');
  });
});

describe('streaming (with a token)', () => {
  it('streams every hashtag over one connection, the token only in the subprotocol', async () => {
    const instance = await fake({ token: TOKEN });
    const lines: string[] = [];
    const log = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    await start([{ url: instance.url, token: TOKEN }], { hashtags: ['TownHall', 'Mairie'], log });
    await waitForState('live');
    expect(instance.upgrades).toHaveLength(1);
    expect(instance.upgrades[0]!.protocol).toBe(TOKEN);
    expect(instance.upgrades[0]!.url).toMatch(/\/api\/v1\/streaming\?stream=hashtag&tag=TownHall$/);
    expect(instance.subscribeFrames).toEqual([{ type: 'subscribe', stream: 'hashtag', tag: 'Mairie' }]);

    const reads = instance.timelineRequests().length;
    instance.publish({ text: 'En direct', tags: ['townhall'] });
    instance.publish({ text: 'Au conseil', tags: ['MAIRIE'] });
    await vi.waitFor(async () => expect(await texts()).toEqual(['En direct #townhall', 'Au conseil #MAIRIE']), WAIT);
    expect(instance.timelineRequests()).toHaveLength(reads); // came by the stream, not a poll
    expect(lines.join('')).not.toContain(TOKEN);
    expect(JSON.stringify(server!.app.sources.statuses(EVENT))).not.toContain(TOKEN);
  });

  it('backfills what was published while the stream was down, exactly once', async () => {
    const instance = await fake({ token: TOKEN });
    await start([{ url: instance.url, token: TOKEN }]);
    await waitForState('live');
    instance.publish({ text: 'Avant la coupure', tags: ['TownHall'] });
    await vi.waitFor(async () => expect(await texts()).toHaveLength(1), WAIT);

    instance.refuseStreams(true);
    instance.dropStreams();
    await vi.waitFor(() => expect(sourceStatus()?.state).not.toBe('live'), WAIT);
    for (let n = 1; n <= 3; n++) instance.publish({ text: `Pendant la coupure ${n}`, tags: ['TownHall'] });
    instance.refuseStreams(false);
    await waitForState('live');
    // The reconnect itself read the timeline before going live.
    const reconnected = instance.upgrades.filter((upgrade) => upgrade.accepted).at(-1)!;
    expect(instance.timelineRequests().some((request) => request.at >= reconnected.at)).toBe(true);
    instance.publish({ text: 'Après la coupure', tags: ['TownHall'] });
    await vi.waitFor(async () => expect(await texts()).toHaveLength(5), WAIT);
    expect(await texts()).toEqual([
      'Avant la coupure #TownHall',
      'Pendant la coupure 1 #TownHall',
      'Pendant la coupure 2 #TownHall',
      'Pendant la coupure 3 #TownHall',
      'Après la coupure #TownHall',
    ]);
    expect(instance.upgrades.length).toBeGreaterThanOrEqual(2);
  });

  it('skips garbage frames and unexpected events, and keeps the connection', async () => {
    const instance = await fake({ token: TOKEN });
    await start([{ url: instance.url, token: TOKEN }]);
    await waitForState('live');
    instance.sendRaw('not json {');
    instance.sendRaw(JSON.stringify({ stream: ['hashtag', 'townhall'], event: 'update', payload: '{"broken' }));
    instance.sendRaw(JSON.stringify({ stream: ['hashtag', 'townhall'], event: 'update', payload: '{"id":"1"}' }));
    instance.sendRaw(JSON.stringify({ stream: ['hashtag', 'townhall'], event: 'delete', payload: '999' }));
    // A well-formed status without any of the event's hashtags.
    instance.sendRaw(
      JSON.stringify({ stream: ['hashtag', 'townhall'], event: 'update', payload: JSON.stringify(RECORDED_PAGE[0]) }),
    );
    instance.sendRaw(JSON.stringify({ stream: ['hashtag', 'townhall'], event: 'filters_changed' }));
    instance.sendRaw(JSON.stringify({ error: 'Unknown stream type', status: 400 }));
    instance.publish({ text: 'Toujours là', tags: ['TownHall'] });
    await vi.waitFor(async () => expect(await texts()).toEqual(['Toujours là #TownHall']), WAIT);
    expect(instance.upgrades).toHaveLength(1);
    expect(sourceStatus()?.state).toBe('live');
  });

  it('polls without the token when the instance refuses it, and says so', async () => {
    const instance = await fake({ token: 'another-token' });
    instance.publish({ text: 'Lu sans jeton', tags: ['TownHall'] });
    await start([{ url: instance.url, token: TOKEN }]);
    await vi.waitFor(async () => expect(await texts()).toEqual(['Lu sans jeton #TownHall']), WAIT);
    await vi.waitFor(
      () =>
        expect(sourceStatus()).toMatchObject({
          state: 'polling',
          detail: expect.stringContaining('stream: the access token was refused (HTTP 401)'),
        }),
      WAIT,
    );
    expect(JSON.stringify(sourceStatus())).not.toContain(TOKEN);
  });
});

describe('several instances', () => {
  it('stores a status relayed by two instances once, and shows each instance in the detail', async () => {
    const [a, b] = [await fake({ token: TOKEN }), await fake()];
    await start([{ url: a.url, token: TOKEN }, { url: b.url }]);
    await waitForState('live');
    const original = a.publish({ text: 'Fédéré', tags: ['TownHall'] });
    const relayed = b.federate({ ...original, tags: [{ name: 'TOWNHALL', url: `${b.url}/tags/townhall` }] });
    expect(relayed.id).not.toBe(original.id);
    await vi.waitFor(() => expect(b.timelineRequests().some((r) => r.prevMinId === relayed.id)).toBe(true), WAIT);
    await vi.waitFor(async () => expect(await texts()).toEqual(['Fédéré #TownHall']), WAIT);
    expect((await queue())[0]?.sourceId).toBe(original.uri);
    const detail = `${new URL(a.url).host}: live; ${new URL(b.url).host}: polling`;
    await vi.waitFor(() => expect(sourceStatus()?.detail).toBe(detail), WAIT);
  });
});

describe('edits and deletes at the source', () => {
  async function approvedOnWall(instance: FakeMastodon, text: string) {
    const moderator = await signedIn(server!.url);
    const wall = wallClient(server!.url, EVENT);
    closers.push(async () => {
      moderator.close();
      wall.close();
    });
    await nextEvent<WallSnapshot>(wall, 'wall:snapshot');
    const status = instance.publish({ text, tags: ['TownHall'] });
    await vi.waitFor(async () => expect(await queue()).toHaveLength(1), WAIT);
    const item = (await queue())[0]!;
    const shown = nextEvent<PublicItem>(wall, 'item:shown', (shownItem) => shownItem.id === item.id);
    await moderator.ok('item:approve', { id: item.id });
    await shown;
    return { status, item, wall, moderator };
  }

  /** A status approved onto the wall, from an instance that streams it or from one polled and re-checked. */
  const WAYS = [
    { how: 'streamed', token: TOKEN as string | undefined, state: 'live', recheckSeconds: 0 },
    {
      how: 'polled without a token, found at the next re-check',
      token: undefined,
      state: 'polling',
      recheckSeconds: 1,
    },
  ];

  async function approvedThrough(way: (typeof WAYS)[number], text: string) {
    const instance = await fake(way.token === undefined ? {} : { token: way.token });
    await start([{ url: instance.url, ...(way.token === undefined ? {} : { token: way.token }) }], {
      recheckSeconds: way.recheckSeconds,
    });
    await waitForState(way.state);
    return { instance, ...(await approvedOnWall(instance, text)) };
  }

  describe.each(WAYS)('$how', (way) => {
    it('a delete takes the approved item off the wall', async () => {
      const { instance, status, item, wall } = await approvedThrough(way, 'Bientôt supprimé');
      const hidden = nextEvent<{ id: number }>(wall, 'item:hidden');
      instance.remove(status.id);
      expect(await hidden).toEqual({ id: item.id });
      expect(await server!.app.store.items.get(item.id)).toMatchObject({ status: 'hidden', text: '' });
    });

    it('an edit sends the approved item back to the queue, flagged, while the wall keeps the approved text', async () => {
      const { instance, status, item } = await approvedThrough(way, 'Texte approuvé');
      instance.edit(status.id, 'Texte modifié après coup');
      await vi.waitFor(async () => expect((await queue()).map((queued) => queued.id)).toEqual([item.id]), WAIT);
      expect((await queue())[0]).toMatchObject({ flags: expect.arrayContaining(['edited-after-approval']) });
      expect((await queue())[0]?.text).toContain('modifié après coup');
      const fresh = wallClient(server!.url, EVENT);
      const snapshot = await nextEvent<WallSnapshot>(fresh, 'wall:snapshot');
      fresh.close();
      expect(snapshot.items.find((shown) => shown.id === item.id)?.text).toBe('Texte approuvé #TownHall');
      const lookups = instance.requests.filter((request) => request.path === `/api/v1/statuses/${status.id}`);
      expect(lookups.length > 0).toBe(way.token === undefined);
    });
  });

  it('without a token and with re-checks off, asks for no status', async () => {
    const instance = await fake();
    await start([{ url: instance.url }]);
    await waitForState('polling');
    const { status, item } = await approvedOnWall(instance, 'Toujours là');
    instance.remove(status.id);
    // Eight more timeline reads (0.2 s apart): long past the time a re-check every second would have run.
    const reads = () => instance.requests.filter((request) => request.path.startsWith('/api/v1/timelines/')).length;
    const before = reads();
    await vi.waitFor(() => expect(reads()).toBeGreaterThanOrEqual(before + 8), WAIT);
    expect((await server!.app.store.items.get(item.id))?.status).toBe('approved');
    expect(instance.requests.some((request) => request.path.startsWith('/api/v1/statuses/'))).toBe(false);
  });
});

describe('content', () => {
  it('shows custom emoji as images through the media proxy', async () => {
    const images = await startImageHost();
    closers.push(() => images.close());
    const instance = await fake();
    const emoji = { shortcode: 'blobcat', url: `${images.url}/ok.png?anim`, static_url: `${images.url}/ok.png` };
    instance.publish({ text: 'Bravo :blobcat: :inconnu:', tags: ['TownHall'], emojis: [emoji] });
    await start([{ url: instance.url }]);
    await vi.waitFor(async () => expect(await queue()).toHaveLength(1), WAIT);
    const { html, text } = (await queue())[0]!;
    expect(text).toBe('Bravo :blobcat: :inconnu: #TownHall');
    const src = /<img src="(\/media\/[^"]+)" alt=":blobcat:" class="emoji" \/>/.exec(html)?.[1];
    expect(src).toBeDefined();
    expect(html).toContain(':inconnu:');
    expect(html).not.toContain(images.url);
    const response = await fetch(`${server!.url}${src}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(images.hits.get('/ok.png')).toBe(1);
  });

  it('flags a content warning for the moderator', async () => {
    const instance = await fake();
    instance.publish({ text: 'Détails du budget', tags: ['TownHall'], spoilerText: 'Chiffres' });
    await start([{ url: instance.url }]);
    await vi.waitFor(async () => expect(await queue()).toHaveLength(1), WAIT);
    expect((await queue())[0]).toMatchObject({ flags: ['content-warning', 'sensitive'] });
    expect((await queue())[0]?.text).toMatch(/^CW: Chiffres\n\nDétails du budget/);
  });
});

describe('stopping', () => {
  it('starts and stops with its event, leaving no connection or handle behind', async () => {
    const [streaming, polled] = [await fake({ token: TOKEN }), await fake()];
    server = await startServer({ events: [{ slug: EVENT, title: 'Town hall', hashtags: ['TownHall'] }] });
    const baseline = process.getActiveResourcesInfo().sort();
    const event = eventSchema.parse(mastodonEvent([{ url: streaming.url, token: TOKEN }, { url: polled.url }]));
    void runSources(server.app, event);
    await waitForState('live');
    streaming.publish({ text: 'Un dernier', tags: ['TownHall'] });
    await vi.waitFor(async () => expect(await texts()).toEqual(['Un dernier #TownHall']), WAIT);
    expect(streaming.openConnections()).toBeGreaterThan(0);
    expect(polled.openConnections()).toBeGreaterThan(0); // kept alive between polls

    await server.app.sources.stopEvent(EVENT);
    expect(sourceStatus()?.state).toBe('stopped');
    await vi.waitFor(() => {
      expect(streaming.openStreams()).toBe(0);
      expect(streaming.openConnections()).toBe(0);
      expect(polled.openConnections()).toBe(0);
    }, WAIT);
    await vi.waitFor(() => expect(process.getActiveResourcesInfo().sort()).toEqual(baseline), WAIT);
  });
});
