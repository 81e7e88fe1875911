/**
 * The X source through the real app, against a fake X API on 127.0.0.1 speaking X's wire format: the filtered
 * stream under a tagged rule, backfill by recent search after a drop, rate limits, the search-only tier, retweets
 * and quotes, edits, bad lines, deletes found by the re-check, a stream shared between events, and clean stops.
 */
import { get, type ClientRequest } from 'node:http';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventSchema } from '../../server/config/schema.js';
import { createLogger } from '../../server/log.js';
import type { Item } from '../../server/protocol/items.js';
import type { WallSnapshot } from '../../server/protocol/socket.js';
import { joinStream } from '../../server/sources/x/stream.js';
import type { ReconnectPlan } from '../../server/sources/x/policy.js';
import { startFakeX, type FakeX, type FakeXOptions } from './fakes/x-api.js';
import { runSources, startServer, type TestServer } from './helpers/server.js';
import { signedIn } from './helpers/moderation.js';
import { nextEvent, wallClient } from './helpers/clients.js';

const EVENT = 'town-hall';
const WAIT = { timeout: 10_000, interval: 20 };
const RULE = { value: '#TownHall OR #MairieLive', tag: 'murmure:town-hall' };

let fake: FakeX | undefined;
let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  await fake?.close();
  server = undefined;
  fake = undefined;
});

function xEvent(x: FakeX, source: Record<string, unknown> = {}, slug = EVENT, hashtags = ['TownHall', 'MairieLive']) {
  const settings = { bearerToken: x.token, apiBase: x.url, pollSeconds: 1, recheckSeconds: 0, ...source };
  return { slug, title: slug, hashtags, sources: [{ kind: 'x' as const, ...settings }] };
}

async function start(options: FakeXOptions = {}, source: Record<string, unknown> = {}) {
  fake = await startFakeX(options);
  server = await startServer({ events: [xEvent(fake, source)] });
  return { x: fake, app: server.app };
}

const status = (slug = EVENT) => server!.app.sources.statuses(slug).find((s) => s.kind === 'x');
const queue = async (slug = EVENT): Promise<Item[]> =>
  (await server!.app.store.items.queue(slug, 'pending', 200)).items;
const copies = async (sourceId: string, slug = EVENT) =>
  (await queue(slug)).filter((item) => item.sourceId === sourceId).length;

async function reaches(state: string, slug = EVENT) {
  await vi.waitFor(() => expect(status(slug)?.state).toBe(state), { timeout: 10_000, interval: 20 });
  return status(slug)!;
}

async function arrives(sourceId: string, slug = EVENT): Promise<Item> {
  return vi.waitFor(
    async () => {
      const item = (await queue(slug)).find((candidate) => candidate.sourceId === sourceId);
      expect(item, `post ${sourceId} in the queue of ${slug}`).toBeDefined();
      return item!;
    },
    { timeout: 10_000, interval: 20 },
  );
}

/** A stream connection opened by someone else with the same app. */
function holdStream(x: FakeX): Promise<ClientRequest> {
  return new Promise((resolve) => {
    const request = get(
      `${x.url}/2/tweets/search/stream`,
      { headers: { authorization: `Bearer ${x.token}` } },
      (res) => {
        res.resume();
        resolve(request);
      },
    );
    request.on('error', () => undefined);
  });
}

const searches = (x: FakeX) => x.requests.filter((request) => request.path === '/2/tweets/search/recent');

describe('the filtered stream', () => {
  it('sets a tagged rule, streams matching posts into the queue, and removes the rule on stop', async () => {
    const { x, app } = await start({ rules: [{ value: '#cats', tag: 'another-tool' }] });
    await reaches('live');
    expect(x.rules()).toEqual(
      expect.arrayContaining([expect.objectContaining(RULE), expect.objectContaining({ tag: 'another-tool' })]),
    );
    const stream = x.requests.find((request) => request.path === '/2/tweets/search/stream')!.query;
    expect(stream.get('expansions')).toBe(
      'author_id,attachments.media_keys,referenced_tweets.id,referenced_tweets.id.author_id',
    );
    expect(stream.get('media.fields')).toContain('variants');

    const cat = x.publish({ text: 'Un chat', hashtags: ['cats'] });
    const id = x.publish({ text: 'Bonjour la mairie 🎉', hashtags: ['MairieLive'], photo: true });
    const item = await arrives(id);
    expect(item.text).toContain('Bonjour la mairie 🎉');
    expect(item.media).toHaveLength(1);
    expect(await copies(cat)).toBe(0); // matched another tool's rule only: the stream is shared, the post is not ours

    await app.sources.stopEvent(EVENT);
    expect(x.rules()).toEqual([expect.objectContaining({ value: '#cats', tag: 'another-tool' })]);
    await vi.waitFor(() => expect(x.openStreams()).toBe(0));
  });

  it('backfills by recent search what was posted while the stream was down, each post exactly once', async () => {
    const { x } = await start();
    await reaches('live');
    const before = x.publish({ text: 'Avant la coupure', hashtags: ['TownHall'] });
    await arrives(before);

    x.dropStreams();
    const gap = [
      x.publish({ text: 'Pendant 1', hashtags: ['TownHall'] }),
      x.publish({ text: 'Pendant 2', hashtags: ['MairieLive'] }),
    ];
    await Promise.all(gap.map((id) => arrives(id)));
    await reaches('live');
    const after = x.publish({ text: 'Après', hashtags: ['TownHall'] });
    await arrives(after);

    expect(await Promise.all([before, ...gap, after].map((id) => copies(id)))).toEqual([1, 1, 1, 1]);
    expect(x.streamsAccepted()).toBe(2);
    // The second backfill started from the last post the stream delivered, not from the beginning.
    expect(searches(x).at(-1)!.query.get('since_id')).toMatch(/^\d+$/);
  });

  it('keeps characters whole when a message arrives cut inside one', async () => {
    const { x } = await start({ splitCharacters: true });
    await reaches('live');
    const item = await arrives(x.publish({ text: 'Fête à la mairie 🎉', hashtags: ['TownHall'] }));
    expect(item.text).toContain('Fête à la mairie 🎉');
    expect(item.text).not.toContain('\uFFFD');
  });

  it('skips a line that is not JSON, and reconnects after an operational disconnect', async () => {
    const { x } = await start();
    await reaches('live');
    x.sendLine('{"data": {"id": "12", "text": oops');
    await arrives(x.publish({ text: 'Toujours là', hashtags: ['TownHall'] }));
    expect(x.streamsAccepted()).toBe(1);

    x.disconnectStreams();
    await vi.waitFor(() => expect(x.streamsAccepted()).toBe(2));
    await reaches('live');
    await arrives(x.publish({ text: 'Après la reconnexion', hashtags: ['TownHall'] }));
  });

  it('folds a retweet into its original and keeps a quoted post as context', async () => {
    const { x } = await start();
    await reaches('live');
    const original = x.publish({ text: "L'original", hashtags: ['TownHall'] });
    const retweet = x.retweet(original);
    const quote = x.quote(original, { text: 'Je cite', hashtags: ['TownHall'] });
    const quoted = await arrives(quote);
    await arrives(original);
    expect(quoted.context).toMatchObject({ kind: 'quote', text: expect.stringContaining("L'original") });
    expect(quoted.flags).toContain('quote');
    expect([await copies(original), await copies(retweet)]).toEqual([1, 0]);
  });

  it('waits at least a minute when X refuses a second connection with 429 TooManyConnections', async () => {
    fake = await startFakeX();
    const other = await holdStream(fake); // another process of the same app already holds the connection
    server = await startServer({ events: [xEvent(fake)] });
    const limited = await reaches('rate-limited');
    expect(limited.lastError).toMatch(/429/);
    expect(limited.until! - Date.now()).toBeGreaterThan(45_000);
    other.destroy();
  });

  it('shares one connection between events using the same app, each taking only its own posts', async () => {
    fake = await startFakeX();
    server = await startServer({ events: [xEvent(fake), xEvent(fake, {}, 'festival', ['Fest'])] });
    await reaches('live');
    await reaches('live', 'festival');
    const fest = fake.publish({ text: 'Concert', hashtags: ['Fest'] });
    const hall = fake.publish({ text: 'Conseil', hashtags: ['TownHall'] });
    await arrives(fest, 'festival');
    await arrives(hall);
    expect([await copies(fest), await copies(hall, 'festival')]).toEqual([0, 0]);
    expect(fake.streamsAccepted()).toBe(1);

    await server.app.sources.stopEvent('festival');
    expect(fake.rules().map((rule) => rule.tag)).toEqual(['murmure:town-hall']);
    expect(fake.openStreams()).toBe(1);
    await arrives(fake.publish({ text: 'Encore', hashtags: ['TownHall'] }));
  });
});

describe('events with the same hashtags', () => {
  it('share one rule, which stays while either runs and goes with the last', async () => {
    fake = await startFakeX();
    server = await startServer({ events: [xEvent(fake), xEvent(fake, {}, 'replay')] });
    await reaches('live');
    await reaches('live', 'replay');
    expect(fake.rules()).toHaveLength(1); // X refuses a second rule with the same value
    const both = fake.publish({ text: 'Pour les deux', hashtags: ['TownHall'] });
    await arrives(both);
    await arrives(both, 'replay');

    // Whichever holds the rule's tag stops first, the other keeps its posts.
    const owner = fake.rules()[0]!.tag === 'murmure:replay' ? 'replay' : EVENT;
    const other = owner === EVENT ? 'replay' : EVENT;
    await server.app.sources.stopEvent(owner);
    expect(fake.rules()).toHaveLength(1);
    await arrives(fake.publish({ text: 'Toujours là', hashtags: ['MairieLive'] }), other);

    await server.app.sources.stopEvent(other);
    expect(fake.rules()).toEqual([]);
  });
});

describe('recent search', () => {
  it('falls back to polling when the tier has no stream (403 client-not-enrolled)', async () => {
    const { x } = await start({ streamAccess: false });
    const polling = await reaches('polling');
    expect(polling.detail).toMatch(/no filtered stream/);
    await arrives(x.publish({ text: 'Par la recherche', hashtags: ['TownHall'] }));
    expect(x.streamsAccepted()).toBe(0);
    expect(searches(x)[0]!.query.get('query')).toBe('#TownHall OR #MairieLive');
  });

  it('follows next_token to the end before moving since_id forward', async () => {
    fake = await startFakeX({ searchPageSize: 2 });
    const ids = [1, 2, 3, 4, 5].map((n) => fake!.publish({ text: `Post ${n}`, hashtags: ['TownHall'] }));
    server = await startServer({ events: [xEvent(fake, { mode: 'search' })] });
    await Promise.all(ids.map((id) => arrives(id)));
    await vi.waitFor(() => expect(searches(fake!).some((request) => request.query.has('since_id'))).toBe(true), {
      timeout: 5_000,
    });
    const [first, second, third, next] = searches(fake);
    expect([first, second, third].map((request) => request!.query.has('next_token'))).toEqual([false, true, true]);
    expect(next!.query.get('since_id')).toBe(ids.at(-1));
  });

  it('waits out a 429 until its reset time, then resumes', async () => {
    fake = await startFakeX();
    const resetAt = Math.ceil((Date.now() + 500) / 1000) * 1000;
    fake.limitSearch(resetAt);
    server = await startServer({ events: [xEvent(fake, { mode: 'search' })] });
    const limited = await reaches('rate-limited');
    expect(limited.until).toBe(resetAt);
    const id = fake.publish({ text: 'Après la limite', hashtags: ['TownHall'] });
    await arrives(id);
    const tries = searches(fake);
    expect(tries.filter((request) => request.at < resetAt)).toHaveLength(1); // no retry before the reset
    expect(tries[1]!.at).toBeGreaterThanOrEqual(resetAt);
    await reaches('polling');
  });

  it('reads the recorded page: follows its next_token and skips posts that lack their author', async () => {
    fake = await startFakeX();
    fake.serveRecordedPage();
    server = await startServer({ events: [xEvent(fake, { mode: 'search' })] });
    await vi.waitFor(() =>
      expect(
        searches(fake!).some((r) => r.query.get('next_token') === 'b26v89c19zqg8o3fpzbn1e0ffhxjiofzw6po136rvbnul'),
      ).toBe(true),
    );
    await arrives(fake.publish({ text: 'Lisible', hashtags: ['TownHall'] }));
    expect(await queue()).toHaveLength(1);
    expect(status()?.state).toBe('polling');
  });
});

describe('edits', () => {
  it('an edit revises the pending item of its original post: one item, the new text, a link to the new version', async () => {
    const { x } = await start();
    await reaches('live');
    const original = x.publish({ text: 'Premiere version', hashtags: ['TownHall'] });
    const item = await arrives(original);
    const edit = x.edit(original, { text: 'Première version, corrigée' });
    await vi.waitFor(
      async () => expect((await server!.app.store.items.get(item.id))?.text).toContain('corrigée'),
      WAIT,
    );
    expect((await queue()).map((queued) => queued.id)).toEqual([item.id]);
    expect(await server!.app.store.items.get(item.id)).toMatchObject({
      sourceId: original,
      url: expect.stringMatching(new RegExp(`/status/${edit}$`)),
      reasons: expect.arrayContaining([expect.objectContaining({ rule: 'edited' })]),
    });
  });

  it('sends an approved post back to the queue, flagged, while the wall keeps the approved text', async () => {
    const { x } = await start();
    await reaches('live');
    const original = x.publish({ text: 'Texte approuvé', hashtags: ['TownHall'] });
    const item = await arrives(original);
    const moderator = await signedIn(server!.url);
    await moderator.ok('item:approve', { id: item.id });
    moderator.close();
    x.edit(original, { text: 'Texte modifié après coup' });
    await vi.waitFor(async () => expect((await queue()).map((queued) => queued.id)).toEqual([item.id]), WAIT);
    expect((await queue())[0]).toMatchObject({ flags: expect.arrayContaining(['edited-after-approval']) });
    expect((await queue())[0]?.text).toContain('modifié après coup');
    const wall = wallClient(server!.url, EVENT);
    const snapshot = await nextEvent<WallSnapshot>(wall, 'wall:snapshot');
    wall.close();
    expect(snapshot.items.find((shown) => shown.id === item.id)?.text).toBe('Texte approuvé #TownHall');
  });

  it('keeps the newest version when an older one comes again after it', async () => {
    const { x } = await start();
    await reaches('live');
    const original = x.publish({ text: 'Version un', hashtags: ['TownHall'] });
    const item = await arrives(original);
    const second = x.edit(original, { text: 'Version deux' });
    await vi.waitFor(async () => expect((await server!.app.store.items.get(item.id))?.text).toContain('deux'), WAIT);
    const third = x.edit(second, { text: 'Version trois' });
    await vi.waitFor(async () => expect((await server!.app.store.items.get(item.id))?.text).toContain('trois'), WAIT);
    // As a backfill overlapping the stream brings them: the second version, then the original, once more.
    x.replay(second);
    x.replay(original);
    await arrives(x.publish({ text: 'Après', hashtags: ['TownHall'] }));
    expect(await server!.app.store.items.get(item.id)).toMatchObject({
      text: expect.stringContaining('trois'),
      url: expect.stringMatching(new RegExp(`/status/${third}$`)),
    });
    expect(await copies(original)).toBe(1);
  });
});

describe('deletes and stops', () => {
  it('takes an approved post deleted on X off the wall at the next re-check, and only that one', async () => {
    const { x } = await start({}, { recheckSeconds: 1 });
    await reaches('live');
    const [gone, kept] = [
      x.publish({ text: 'À supprimer', hashtags: ['TownHall'] }),
      x.publish({ text: 'À garder', hashtags: ['TownHall'] }),
    ];
    const items = [await arrives(gone), await arrives(kept)];
    const moderator = await signedIn(server!.url);
    for (const item of items) await moderator.ok('item:approve', { id: item.id });
    moderator.close();
    x.deletePost(gone);
    await vi.waitFor(async () => expect((await server!.app.store.items.get(items[0]!.id))?.status).toBe('hidden'), {
      timeout: 5_000,
    });
    expect((await server!.app.store.items.get(items[0]!.id))?.flags).toContain('deleted-at-source');
    expect((await server!.app.store.items.get(items[1]!.id))?.status).toBe('approved');
    expect(x.requests.some((r) => r.path === '/2/tweets' && r.query.get('ids')?.split(',').includes(kept))).toBe(true);
  });

  it('starts and stops at run time, leaving no connection and no handle behind', async () => {
    const { x, app } = await start();
    await reaches('live');
    await app.sources.stopEvent(EVENT);
    await vi.waitFor(() => expect(x.openStreams()).toBe(0));
    const baseline = process.getActiveResourcesInfo().sort();

    void runSources(app, eventSchema.parse(xEvent(x, { recheckSeconds: 1 })));
    await reaches('live');
    expect(x.streamsAccepted()).toBe(2);
    await app.sources.stopEvent(EVENT);
    expect(status()?.state).toBe('stopped');
    await vi.waitFor(() => expect(x.openStreams()).toBe(0));
    await vi.waitFor(() => expect(process.getActiveResourcesInfo().sort()).toEqual(baseline));
  });

  it('never writes the bearer token to logs or to the last error', async () => {
    const lines: string[] = [];
    const destination = new PassThrough();
    destination.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    fake = await startFakeX();
    const event = xEvent(fake, { bearerToken: 'AAAA-wrong-token-1234567890' });
    server = await startServer({ events: [event], log: createLogger({ level: 'debug', destination }) });
    const failing = await reaches('failing');
    expect(failing.lastError).toMatch(/401/);
    expect(JSON.stringify(server.app.sources.statuses())).not.toContain('wrong-token');
    expect(lines.join('')).toContain('401');
    expect(lines.join('')).not.toContain('wrong-token');
  });
});

describe('the shared stream connection', () => {
  it('treats a silent connection as dead and reconnects', async () => {
    fake = await startFakeX({ keepAliveMs: null });
    const downs: ReconnectPlan[] = [];
    let connects = 0;
    const membership = joinStream(
      {
        apiBase: fake.url,
        bearerToken: fake.token,
        log: createLogger({ level: 'silent' }),
        tuning: { silenceMs: 300, connectTimeoutMs: 2_000 },
      },
      {
        wants: () => true,
        onConnected: () => (connects += 1),
        onPost: () => undefined,
        onDown: (plan) => downs.push(plan),
      },
    );
    await vi.waitFor(() => expect(connects).toBe(2), { timeout: 5_000 });
    expect(downs[0]).toMatchObject({ state: 'connecting', lastError: 'stream: no data for 0.3 s' });
    await membership.leave();
    await vi.waitFor(() => expect(fake!.openStreams()).toBe(0));
  });
});
