/**
 * Edits and deletes made at the source, through the real app: what moderators see, what the wall keeps showing
 * while an edit waits, and what leaves the wall when an author deletes a post.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Item, PublicItem } from '../../server/protocol/items.js';
import type { ModerationNotice, WallSnapshot } from '../../server/protocol/socket.js';
import type { RawPayload } from '../../server/pipeline/types.js';
import { startServer, type TestServer } from './helpers/server.js';
import { nextEvent, wallClient, type WallSocket } from './helpers/clients.js';
import { signedIn, type ModeratorClient } from './helpers/moderation.js';

const EVENT = 'town-hall';
const status = JSON.parse(
  readFileSync(new URL('../fixtures/mastodon/status-hashtag-stream-update.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

function mastodon(content: string, overrides: Record<string, unknown> = {}): RawPayload {
  return {
    format: 'mastodon',
    payload: { ...status, content: `<p>${content}</p>`, ...overrides },
    meta: { instance: 'https://mastodon.social' },
  };
}

let server: TestServer;
let moderator: ModeratorClient;
let wall: WallSocket;
const notices: ModerationNotice[] = [];
const wallFrames: { event: string; payload: unknown }[] = [];

beforeEach(async () => {
  server = await startServer({
    events: [{ slug: EVENT, title: 'Town hall', hashtags: ['test'], sources: [{ kind: 'web' }] }],
  });
  moderator = await signedIn(server.url);
  await moderator.ok('queue:snapshot', { event: EVENT });
  notices.length = 0;
  moderator.socket.on('item:moderated', (notice) => notices.push(notice));
  wall = wallClient(server.url, EVENT);
  wallFrames.length = 0;
  wall.onAny((event: string, payload: unknown) => wallFrames.push({ event, payload }));
  await nextEvent<WallSnapshot>(wall, 'wall:snapshot');
});

afterEach(async () => {
  moderator?.close();
  wall?.close();
  await server?.close();
});

async function stored(raw: RawPayload): Promise<Item> {
  const outcome = await server.app.intake.submit(EVENT, raw);
  if (outcome.kind !== 'stored') throw new Error(`not stored: ${outcome.kind}`);
  return outcome.item;
}

async function approved(raw: RawPayload): Promise<Item> {
  const item = await stored(raw);
  const shown = nextEvent<PublicItem>(wall, 'item:shown', (shownItem) => shownItem.id === item.id);
  await moderator.ok('item:approve', { id: item.id });
  await shown;
  return item;
}

async function wallSnapshot(): Promise<WallSnapshot> {
  const fresh = wallClient(server.url, EVENT);
  try {
    return await nextEvent<WallSnapshot>(fresh, 'wall:snapshot');
  } finally {
    fresh.close();
  }
}

describe('an edit at the source', () => {
  it('updates a pending item in place, and a blocked word in the edit rejects it', async () => {
    const item = await stored(mastodon('Première version #test'));
    const edited = await server.app.intake.revise(EVENT, mastodon('Seconde version #test'));
    expect(edited).toMatchObject({ kind: 'revised', item: { id: item.id, status: 'pending' } });
    expect((await server.app.store.items.get(item.id))?.text).toContain('Seconde version');
    await expect.poll(() => notices.at(-1)?.action).toBe('source-edit');

    await moderator.ok('rules:update', { event: EVENT, blockedWords: ['interdit'] });
    const blocked = await server.app.intake.revise(EVENT, mastodon('Un mot interdit #test'));
    expect(blocked).toMatchObject({ kind: 'revised', item: { status: 'rejected' } });
    expect(wallFrames.filter((frame) => frame.event.startsWith('item:'))).toEqual([]);
  });

  it('sends an approved item back to the queue while the wall keeps the approved text', async () => {
    const item = await approved(mastodon('Texte approuvé #test'));
    wallFrames.length = 0;

    const edited = await server.app.intake.revise(EVENT, mastodon('Texte modifié après coup #test'));
    expect(edited).toMatchObject({ kind: 'revised', item: { status: 'pending' } });
    const queued = (await moderator.ok<{ items: Item[] }>('queue:snapshot', { event: EVENT })).items;
    expect(queued.map((queuedItem) => queuedItem.id)).toEqual([item.id]);
    expect(queued[0]?.flags).toContain('edited-after-approval');
    expect(queued[0]?.text).toContain('modifié après coup');
    expect(queued[0]?.approvedVersion?.text).toContain('Texte approuvé');

    // The wall never saw the edit: no hide, and a fresh snapshot still has the approved text.
    expect(wallFrames.map((frame) => frame.event)).not.toContain('item:hidden');
    expect(JSON.stringify(wallFrames)).not.toContain('modifié après coup');
    const before = await wallSnapshot();
    expect(before.items.find((shown) => shown.id === item.id)?.text).toContain('Texte approuvé');
    const page = (await (await fetch(`${server.url}/api/events/${EVENT}/items`)).json()) as { items: PublicItem[] };
    expect(page.items.find((shown) => shown.id === item.id)?.text).toContain('Texte approuvé');

    // Approving the edit puts it on the wall in place of the old text.
    const updated = nextEvent<PublicItem>(wall, 'item:updated', (shown) => shown.id === item.id);
    await moderator.ok('item:approve', { id: item.id });
    expect((await updated).text).toContain('modifié après coup');
    expect((await server.app.store.items.get(item.id))?.approvedVersion).toBeUndefined();
  });

  it('takes the item off the wall when a moderator rejects the edit', async () => {
    const item = await approved(mastodon('Texte approuvé #test'));
    await server.app.intake.revise(EVENT, mastodon('Texte devenu inacceptable #test'));
    const hidden = nextEvent<{ id: number }>(wall, 'item:hidden');
    await moderator.ok('item:reject', { id: item.id });
    expect(await hidden).toEqual({ id: item.id });
    expect((await wallSnapshot()).items.map((shown) => shown.id)).not.toContain(item.id);
  });

  it('changes nothing for an edit that changes no text, and stores an edit of an unknown post as new', async () => {
    const item = await approved(mastodon('Texte stable #test'));
    expect(await server.app.intake.revise(EVENT, mastodon('Texte stable #test'))).toEqual({ kind: 'unchanged' });
    expect((await server.app.store.items.get(item.id))?.status).toBe('approved');

    const other = mastodon('Arrivé par une modification #test', { uri: 'https://mastodon.social/users/x/statuses/9' });
    expect(await server.app.intake.revise(EVENT, other)).toMatchObject({ kind: 'stored', item: { status: 'pending' } });
  });
});

describe('a delete at the source', () => {
  it('takes an approved item off the wall and erases its content', async () => {
    const item = await approved(mastodon('Bientôt supprimé #test'));
    const hidden = nextEvent<{ id: number }>(wall, 'item:hidden');
    const outcome = await server.app.intake.retract(EVENT, 'mastodon', item.sourceId, 'deleted by its author');
    expect(outcome).toMatchObject({ kind: 'retracted', item: { status: 'hidden', text: '', media: [] } });
    expect(await hidden).toEqual({ id: item.id });
    await expect.poll(() => notices.at(-1)).toMatchObject({ action: 'source-delete', by: 'source' });

    const log = await moderator.ok<{ entries: { action: string; actor: string }[] }>('audit:list', { event: EVENT });
    expect(log.entries[0]).toMatchObject({ action: 'delete', actor: 'source' });
    expect(await server.app.intake.retract(EVENT, 'mastodon', item.sourceId, 'again')).toEqual({ kind: 'unchanged' });
  });

  it('rejects a pending item, and a repost of the deleted post does not bring it back', async () => {
    const item = await stored(mastodon('Supprimé avant modération #test'));
    await server.app.intake.retract(EVENT, 'mastodon', item.sourceId, 'deleted by its author');
    expect(await server.app.store.items.get(item.id)).toMatchObject({
      status: 'rejected',
      flags: ['deleted-at-source'],
    });
    expect(await server.app.intake.submit(EVENT, mastodon('Supprimé avant modération #test'))).toMatchObject({
      kind: 'duplicate',
    });
  });

  it('answers unchanged for a post it never stored', async () => {
    expect(await server.app.intake.retract(EVENT, 'bluesky', 'at://did:plc:x/app.bsky.feed.post/1', 'gone')).toEqual({
      kind: 'unchanged',
    });
  });
});
