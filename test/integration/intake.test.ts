/** Intake through the real pipeline and store: modes, filters, bad payloads, bursts, the demo source. */
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { PublicItem } from '../../server/protocol/items.js';
import type { WallSnapshot } from '../../server/protocol/socket.js';
import { createLogger } from '../../server/log.js';
import { DEMO_SAMPLES } from '../../server/demo/samples.js';
import { startServer, type TestServer } from './helpers/server.js';
import { nextEvent, submit, wallClient } from './helpers/clients.js';

let server: TestServer;
afterEach(() => server.close());

function captureLog() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { log: createLogger({ destination, level: 'debug' }), lines };
}

describe('moderation modes and rules', () => {
  it('shows an item at once in post-moderation', async () => {
    server = await startServer({
      events: [{ slug: 'live', title: 'Live', moderation: { mode: 'post' }, sources: [{ kind: 'web' }] }],
    });
    const wall = wallClient(server.url, 'live');
    await nextEvent<WallSnapshot>(wall, 'wall:snapshot');
    const shown = nextEvent<PublicItem>(wall, 'item:shown');
    const response = await submit(server.url, 'live', { message: 'Straight to the wall' });
    expect(await response.json()).toEqual({ status: 'shown', duplicate: false });
    expect((await shown).text).toBe('Straight to the wall');
    wall.close();
  });

  it('rejects blocked words and banned authors with a reason, and approves trusted authors', async () => {
    server = await startServer({
      events: [
        {
          slug: 'rules',
          title: 'Rules',
          moderation: { blockedWords: ['tomate pourrie'], bannedAuthors: [], trustedAuthors: [] },
          sources: [{ kind: 'web', perMinute: 100 }],
        },
      ],
    });
    const { store } = server.app;
    await submit(server.url, 'rules', { message: 'Lancer une TOMATE pourrie sur le maire' });
    await submit(server.url, 'rules', { message: 'Quel connard, ce conférencier' });
    await submit(server.url, 'rules', { message: 'Une question sur la constitution' });
    const rejected = (await store.items.queue('rules', 'rejected', 10)).items;
    expect(rejected.map((i) => i.reasons[0])).toEqual(
      expect.arrayContaining([
        { rule: 'blocklist', detail: expect.stringMatching(/tomate pourrie/) },
        { rule: 'blocklist', detail: expect.stringMatching(/connard/) },
      ]),
    );
    const pending = (await store.items.queue('rules', 'pending', 10)).items;
    expect(pending.map((i) => i.text)).toEqual(['Une question sur la constitution']);

    // Ban and trust by author key, as moderators will from the console.
    const author = pending[0]!.authorKey;
    await store.rules.setAuthor('rules', author, 'trusted', 'admin');
    await server.app.events.refresh('rules');
    await submit(server.url, 'rules', { message: 'Trusted now' });
    expect((await store.items.queue('rules', 'approved', 10)).items[0]).toMatchObject({
      text: 'Trusted now',
      reasons: [{ rule: 'trusted-author' }],
    });
    await store.rules.setAuthor('rules', author, 'banned', 'admin');
    await server.app.events.refresh('rules');
    await submit(server.url, 'rules', { message: 'Banned now' });
    expect((await store.items.queue('rules', 'rejected', 10)).items[0]).toMatchObject({
      text: 'Banned now',
      reasons: [{ rule: 'banned-author' }],
    });
  });
});

describe('bad input', () => {
  it('logs a malformed payload with its source, skips it, and keeps taking the next one', async () => {
    const { log, lines } = captureLog();
    server = await startServer({ log });
    const { intake } = server.app;
    const bad = await intake.submit('town-hall', { format: 'mastodon', payload: { nonsense: true } }, 'test-source');
    expect(bad.kind).toBe('malformed');
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'malformed payload skipped', origin: 'test-source', event: 'town-hall' }),
    );
    const good = await intake.submit('town-hall', {
      format: 'web',
      payload: { name: 'Ana', message: 'Still here' },
      meta: { idempotencyKey: 'after-the-bad-one' },
    });
    expect(good.kind).toBe('stored');
  });

  it('answers an error when the disk does not confirm a batch, logs it, and finds the item on the retry', async () => {
    const { log, lines } = captureLog();
    server = await startServer({ log });
    const { intake, store } = server.app;
    const payload = {
      format: 'web' as const,
      payload: { name: 'Ana', message: 'Unconfirmed' },
      meta: { idempotencyKey: 'eio' },
    };
    // The WAL's fsync failing (EIO) cannot be caused on a healthy disk: the sync is replaced for one call.
    const sync = store.walSync.sync;
    store.walSync.sync = () => Promise.reject(new Error('EIO: i/o error, fsync'));
    await expect(intake.submit('town-hall', payload)).rejects.toThrow('EIO');
    store.walSync.sync = sync;
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'the disk did not confirm a write', err: 'EIO: i/o error, fsync' }),
    );
    expect(await intake.submit('town-hall', payload)).toEqual({ kind: 'duplicate', status: 'pending' });
  });

  it('stores hostile HTML inert', async () => {
    server = await startServer();
    await submit(server.url, 'town-hall', {
      name: '<img src=x onerror=alert(1)>',
      message: '<script>alert(1)</script><a href="javascript:alert(2)">click</a>',
    });
    const [item] = (await server.app.store.items.queue('town-hall', 'pending', 10)).items;
    expect(item!.html).not.toMatch(/<script|<img|<a href="javascript|onerror=/i);
    expect(item!.html).toContain('&lt;script&gt;');
  });
});

describe('bursts', () => {
  it('commits a burst of concurrent submissions, each exactly once', async () => {
    server = await startServer();
    const responses = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        submit(server.url, 'town-hall', { message: `burst ${i}`, key: `burst-key-${i}` }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(120).fill(202));
    expect((await server.app.store.items.counts('town-hall')).pending).toBe(120);
  });
});

describe('demo source', () => {
  it('replays a sample of every source kind into the queue through the pipeline, pass after pass', async () => {
    server = await startServer({
      events: [{ slug: 'demo', title: 'Demo', sources: [{ kind: 'web' }, { kind: 'demo', intervalSeconds: 0.05 }] }],
    });
    const { store, sources } = server.app;
    const total = async () => {
      const counts = await store.items.counts('demo');
      return counts.pending + counts.approved + counts.rejected + counts.hidden;
    };
    // The second pass's blocked sample is stored as a new post, not dropped as a repeat of the first's.
    await expect
      .poll(async () => (await store.items.counts('demo')).rejected, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(2);
    expect(await total()).toBeGreaterThan(DEMO_SAMPLES.length);
    expect(sources.statuses('demo').find((s) => s.kind === 'demo')?.state).toBe('live');
    const pages = await Promise.all(
      ['pending', 'rejected', 'approved'].map((status) => store.items.queue('demo', status as 'pending', 100)),
    );
    const everything = pages.flatMap((page) => page.items);
    expect(new Set(everything.map((i) => i.source))).toEqual(
      new Set(['x', 'mastodon', 'bluesky', 'sms', 'email', 'web']),
    );
  });
});
