/**
 * The Bluesky source through the real app: a fake Jetstream and a fake AppView on 127.0.0.1, the real pipeline,
 * SQLite and moderation queue. Each test starts its own server and fakes.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Item } from '../../server/protocol/items.js';
import { startServer, type StartOptions, type TestServer } from './helpers/server.js';
import { signedIn } from './helpers/moderation.js';
import { startJetstream, type FakeJetstream, type JetstreamFrame } from './fakes/jetstream.js';
import { startAppView, type FakeAppView } from './fakes/bsky-appview.js';

const EVENT = 'town-hall';
const LEA = 'did:plc:leaexampleaaaaaaaaaaaaaa';
const TOM = 'did:plc:tomexampleaaaaaaaaaaaaaa';

let jet: FakeJetstream;
let appview: FakeAppView;
let server: TestServer | undefined;

beforeEach(async () => {
  [jet, appview] = await Promise.all([startJetstream(), startAppView()]);
  appview.addProfile(LEA, {
    handle: 'lea.example.org',
    displayName: 'Léa Martin',
    avatarPath: `/img/avatar/plain/${LEA}/bafkavatar@jpeg`,
  });
});

afterEach(async () => {
  await server?.close();
  server = undefined;
  await Promise.all([jet.close(), appview.close()]);
});

function blueskyEvent(slug = EVENT, hashtags = ['TownHall', 'Économie']) {
  return {
    slug,
    title: slug,
    hashtags,
    sources: [
      {
        kind: 'bluesky' as const,
        jetstreamUrl: jet.url,
        appviewUrl: appview.url,
        cdnUrl: appview.url,
        lookupTimeoutSeconds: 0.5,
        cursorSaveSeconds: 0.1,
      },
    ],
  };
}

async function start(options: StartOptions = {}, clients = 1): Promise<TestServer> {
  server = await startServer({
    events: [blueskyEvent()],
    settings: { media: { allowPrivateNetworks: true } },
    ...options,
  });
  await vi.waitFor(() => expect(jet.clients).toBe(clients));
  return server;
}

const queue = async (event = EVENT): Promise<Item[]> =>
  (await server!.app.store.items.queue(event, 'pending', 100)).items;
const texts = async (event = EVENT) => (await queue(event)).map((item) => item.text).sort();
const state = (event = EVENT) => server!.app.sources.statuses(event)[0]?.state;
const uriOf = (frame: JetstreamFrame) => `at://${frame.did}/app.bsky.feed.post/${frame.commit!.rkey}`;

describe('Bluesky source', () => {
  it('keeps posts carrying the event hashtags and nothing else', async () => {
    await start();
    await vi.waitFor(() => expect(state()).toBe('live'));
    jet.post({ did: LEA, text: 'Ouverture du débat #TownHall' });
    jet.post({ did: TOM, text: 'lower case, text only #townhall', noFacets: true });
    jet.post({ did: TOM, text: 'Hashtag in the record tags only', tags: ['townhall'] });
    jet.post({ did: TOM, text: 'Budget #économie', noFacets: true });
    jet.post({ did: TOM, text: 'Decomposed accent #E\u0301conomie' });
    jet.post({ did: TOM, text: 'Not for us #TownHallDebate' });
    jet.post({ did: TOM, text: 'Another event #Mairie' });
    jet.post({ did: TOM, text: 'TownHall without the hash' });
    jet.identity(TOM, 'tom.example.org');
    jet.account(TOM, false);
    jet.like(TOM, 'at://did:plc:x/app.bsky.feed.post/3abc');
    jet.post({ did: LEA, text: 'Last one #TownHall' });
    await vi.waitFor(async () => expect(await queue()).toHaveLength(6));
    expect(await texts()).toEqual([
      'Budget #économie',
      'Decomposed accent #E\u0301conomie'.normalize('NFC'),
      'Hashtag in the record tags only',
      'Last one #TownHall',
      'Ouverture du débat #TownHall',
      'lower case, text only #townhall',
    ]);
    expect((await queue()).every((item) => item.source === 'bluesky')).toBe(true);
    expect(jet.subscriptions[0]?.searchParams.getAll('wantedCollections')).toEqual(['app.bsky.feed.post']);
    expect(state()).toBe('live');
  });

  it('names authors from the AppView, in batches of at most 25, and caches them', async () => {
    const dids = Array.from({ length: 30 }, (_, i) => `did:plc:author${String(i).padStart(2, '0')}aaaaaaaaaaaaaaa`);
    dids.forEach((did, i) => appview.addProfile(did, { handle: `a${i}.example.org`, displayName: `Author ${i}` }));
    await start();
    for (const did of dids) jet.post({ did, text: `Question from ${did} #TownHall` });
    await vi.waitFor(async () => expect(await queue()).toHaveLength(30));
    expect((await queue()).map((item) => item.author.name).sort()).toEqual(dids.map((_, i) => `Author ${i}`).sort());
    expect(appview.profileCalls.length).toBeLessThanOrEqual(3);
    expect(appview.profileCalls.every((actors) => actors.length <= 25)).toBe(true);
    expect(new Set(appview.profileCalls.flat())).toEqual(new Set(dids));

    const calls = appview.profileCalls.length;
    jet.post({ did: dids[0]!, text: 'Second question #TownHall' });
    await vi.waitFor(async () => expect(await queue()).toHaveLength(31));
    expect(appview.profileCalls).toHaveLength(calls);
  });

  it('does not lose a post when the AppView fails or hangs', async () => {
    await start();
    appview.mode('fail');
    jet.post({ did: LEA, text: 'While the AppView fails #TownHall' });
    await vi.waitFor(async () => expect(await queue()).toHaveLength(1));
    expect((await queue())[0]?.author.name).toBe(LEA);

    appview.mode('hang');
    jet.post({ did: TOM, text: 'While the AppView hangs #TownHall' });
    await vi.waitFor(async () => expect(await queue()).toHaveLength(2), { timeout: 3000 });
    expect(state()).toBe('live');
  });

  it('shows the author avatar and post images through the media proxy', async () => {
    await start();
    const frame = jet.post({ did: LEA, text: 'Photo de la salle #TownHall', withImage: true });
    await vi.waitFor(async () => expect(await queue()).toHaveLength(1));
    const item = (await queue())[0]!;
    expect(item.author).toMatchObject({ name: 'Léa Martin', handle: 'lea.example.org' });
    const cid = 'bafkreidrnwt23f7wy7fyfex5acdkxh62wsgpg245ame4c4rogfwb3upyaa';
    const image = item.media[0]!;
    for (const path of [image.url, image.previewUrl!, item.author.avatarUrl!]) {
      expect(path).toMatch(/^\/media\//);
      const response = await fetch(`${server!.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^image\//);
    }
    expect([...appview.cdnHits.keys()].sort()).toEqual([
      `/img/avatar/plain/${LEA}/bafkavatar@jpeg`,
      `/img/feed_fullsize/plain/${frame.did}/${cid}@jpeg`,
      `/img/feed_thumbnail/plain/${frame.did}/${cid}@jpeg`,
    ]);
  });

  it('keeps the quoted or parent post as context, read from the AppView', async () => {
    const quoted = `at://${TOM}/app.bsky.feed.post/3mquotedpost2a`;
    appview.addProfile(TOM, { handle: 'tom.example.org', displayName: 'Tom' });
    appview.addPost(quoted, { did: TOM, text: 'La séance commence à 18 h' });
    await start();
    const embed = { $type: 'app.bsky.embed.record', record: { uri: quoted, cid: 'bafyreiquoted' } };
    jet.post({ did: LEA, text: 'Quoting #TownHall', embed });
    jet.post({ did: LEA, text: 'Replying #TownHall', reply: { parent: quoted } });
    await vi.waitFor(async () => expect(await queue()).toHaveLength(2));
    const byText = new Map((await queue()).map((item) => [item.text, item]));
    const context = { url: `https://bsky.app/profile/${TOM}/post/3mquotedpost2a`, text: 'La séance commence à 18 h' };
    expect(byText.get('Quoting #TownHall')).toMatchObject({
      flags: ['quote'],
      context: { kind: 'quote', ...context, author: { name: 'Tom', handle: 'tom.example.org' } },
    });
    expect(byText.get('Replying #TownHall')).toMatchObject({
      flags: ['reply'],
      context: { kind: 'reply', ...context },
    });
    expect(appview.postCalls.flat()).toEqual([quoted]); // the second lookup came from the cache
  });

  it('backfills the posts published while the stream was down, exactly once', async () => {
    await start();
    const before = jet.post({ did: LEA, text: 'Before the drop #TownHall' });
    await vi.waitFor(async () => expect(await queue()).toHaveLength(1));
    jet.drop();
    await vi.waitFor(() => expect(jet.clients).toBe(0));
    jet.post({ did: LEA, text: 'During the gap 1 #TownHall' });
    jet.post({ did: TOM, text: 'During the gap 2 #TownHall' });
    await vi.waitFor(() => expect(jet.clients).toBe(1), { timeout: 5000 });
    await vi.waitFor(async () => expect(await queue()).toHaveLength(3));
    expect(await texts()).toEqual([
      'Before the drop #TownHall',
      'During the gap 1 #TownHall',
      'During the gap 2 #TownHall',
    ]);
    // It resumed a few seconds before the last frame it had seen, so the frame before the drop was replayed too
    // and dropped as a duplicate.
    const cursor = Number(jet.subscriptions[1]?.searchParams.get('cursor'));
    expect(cursor).toBeLessThan(before.time_us);
    expect(cursor).toBeGreaterThan(before.time_us - 10_000_000);
    jet.post({ did: LEA, text: 'After the gap #TownHall' });
    await vi.waitFor(async () => expect(await queue()).toHaveLength(4));
    await vi.waitFor(() => expect(state()).toBe('live'));
  });

  it('resumes from the saved cursor after a restart, each event from its own', async () => {
    const events = [blueskyEvent(), blueskyEvent('budget', ['Budget'])];
    const first = await start({ events }, 2);
    jet.post({ did: LEA, text: 'Before the restart #TownHall' });
    const lastBudget = jet.post({ did: TOM, text: 'Before the restart #Budget' });
    await vi.waitFor(async () => expect((await queue()).length + (await queue('budget')).length).toBe(2));
    await first.close({ keepData: true });
    server = undefined;
    await vi.waitFor(() => expect(jet.clients).toBe(0));
    jet.post({ did: LEA, text: 'While stopped #TownHall' });
    jet.post({ did: TOM, text: 'While stopped #Budget' });

    await start({ events, dataDir: first.dataDir }, 2);
    await vi.waitFor(async () =>
      expect(await texts()).toEqual(['Before the restart #TownHall', 'While stopped #TownHall']),
    );
    await vi.waitFor(async () =>
      expect(await texts('budget')).toEqual(['Before the restart #Budget', 'While stopped #Budget']),
    );
    const cursors = jet.subscriptions.slice(2).map((url) => Number(url.searchParams.get('cursor')));
    expect(cursors.every((cursor) => cursor > lastBudget.time_us - 10_000_000 && cursor < lastBudget.time_us)).toBe(
      true,
    );
  });

  it('reports backfilling while it replays a gap older than a few seconds, then live', async () => {
    jet.clockOffsetMs = -120_000;
    const first = await start();
    jet.post({ did: LEA, text: 'Two minutes ago #TownHall' });
    await vi.waitFor(async () => expect(await queue()).toHaveLength(1));
    await first.close({ keepData: true });
    server = undefined;
    await vi.waitFor(() => expect(jet.clients).toBe(0));
    jet.clockOffsetMs = -60_000;
    jet.post({ did: TOM, text: 'A minute ago #TownHall' });

    await start({ dataDir: first.dataDir });
    await vi.waitFor(() => expect(state()).toBe('backfilling'));
    await vi.waitFor(async () =>
      expect(await texts()).toEqual(['A minute ago #TownHall', 'Two minutes ago #TownHall']),
    );
    await vi.waitFor(() => expect(state()).toBe('live'), { timeout: 4000 });
  });

  it('hides an approved post its author deleted, and follows an edit', async () => {
    await start();
    const kept = jet.post({ did: LEA, text: 'Approved then deleted #TownHall' });
    const edited = jet.post({ did: TOM, text: 'First version #TownHall' });
    await vi.waitFor(async () => expect(await queue()).toHaveLength(2));
    const item = (await queue()).find((entry) => entry.sourceId === uriOf(kept))!;
    const moderator = await signedIn(server!.url);
    try {
      await moderator.ok('item:approve', { id: item.id });
    } finally {
      moderator.close();
    }
    jet.deletePost(TOM, 'never-stored-rkey');
    jet.deletePost(LEA, kept.commit!.rkey);
    await vi.waitFor(async () => expect((await server!.app.store.items.get(item.id))?.status).toBe('hidden'));
    expect((await server!.app.store.items.get(item.id))?.flags).toContain('deleted-at-source');

    jet.post({ did: TOM, rkey: edited.commit!.rkey, text: 'Second version #TownHall', operation: 'update' });
    await vi.waitFor(async () => expect(await texts()).toEqual(['Second version #TownHall']));
  });

  it('skips garbage frames and goes on with the next good one', async () => {
    await start();
    await vi.waitFor(() => expect(state()).toBe('live'));
    jet.garbage('not json at all');
    jet.garbage('{"did":"did:plc:x","time_us":12,"kind":"commit","commit":{"text":"#TownHall"');
    jet.garbage(
      JSON.stringify({
        did: 'did:plc:x',
        time_us: 13,
        kind: 'commit',
        commit: { operation: 'create' },
        t: '#TownHall',
      }),
    );
    jet.garbage(JSON.stringify({ kind: 'commit', text: '#TownHall' }));
    jet.post({ did: LEA, text: 'After the garbage #TownHall' });
    await vi.waitFor(async () => expect(await texts()).toEqual(['After the garbage #TownHall']));
    expect(jet.subscriptions).toHaveLength(1);
    expect(state()).toBe('live');
  });

  it('reports a refused connection as failing, then recovers', async () => {
    jet.refuse(1, 503);
    server = await startServer({ events: [blueskyEvent()] });
    await vi.waitFor(() =>
      expect(server!.app.sources.statuses(EVENT)[0]).toMatchObject({
        state: 'failing',
        lastError: 'Jetstream: refused with HTTP 503',
      }),
    );
    await vi.waitFor(() => expect(state()).toBe('live'), { timeout: 5000 });
  });

  it('leaves no connection and no handle behind when stopped', async () => {
    const resources = () => process.getActiveResourcesInfo().sort();
    // Only this test's two fakes listen (the previous test's servers finish closing first).
    await vi.waitFor(() => expect(resources().filter((type) => type === 'TCPServerWrap')).toHaveLength(2));
    const baseline = resources();
    await start();
    jet.post({ did: LEA, text: 'One post #TownHall', withImage: true });
    await vi.waitFor(async () => expect(await queue()).toHaveLength(1));
    expect(appview.profileCalls).toHaveLength(1); // a keep-alive connection to the AppView is open

    await server!.app.sources.stopEvent(EVENT);
    expect(state()).toBe('stopped');
    await vi.waitFor(() => expect(jet.clients).toBe(0));
    await server!.close();
    server = undefined;
    // vi.waitFor runs on timers of its own: compare the other handles while it polls, then everything.
    const untimed = (list: string[]) => list.filter((type) => type !== 'Timeout');
    await vi.waitFor(() => expect(untimed(resources())).toEqual(untimed(baseline)));
    const timers = (list: string[]) => list.length - untimed(list).length;
    expect(timers(resources())).toBeLessThanOrEqual(timers(baseline));
  });
});
