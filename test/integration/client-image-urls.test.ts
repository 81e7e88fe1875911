/**
 * Every image URL a client is sent comes through the server: the media proxy (`/media/<signature>/<url>`) for an
 * outside image, `/media/uploads/...` for one the server stored. Items are made from every recorded fixture under
 * test/fixtures/ (with the quoted and replied-to posts' authors, Mastodon custom emoji and the theme's images
 * added where a fixture has none), then every field of the wall snapshot, the moderation queue and the public API
 * is walked.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawPayload } from '../../server/pipeline/types.js';
import type { QueueSnapshot, WallSnapshot } from '../../server/protocol/socket.js';
import { createUploadStore } from '../../server/media/uploads.js';
import { readMail } from '../../server/sources/email/parse.js';
import { silentLogger } from '../../server/log.js';
import { nextEvent, wallClient } from './helpers/clients.js';
import { signedIn, type ModeratorClient } from './helpers/moderation.js';
import { startServer, type TestServer } from './helpers/server.js';
import { largePhoto } from './fakes/photos.js';

const EVENT = 'town-hall';
const fixtures = new URL('../fixtures/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, fixtures));
const json = (path: string) => JSON.parse(read(path).toString('utf8')) as Record<string, unknown>;
const names = (folder: string, ext: string) =>
  readdirSync(new URL(`${folder}/`, fixtures)).filter((name) => name.endsWith(ext));

const PROXIED = /^\/media\/[\w-]{22}\/[\w-]+$/;
const STORED = /^\/media\/uploads\/[0-9a-f]{64}\.(jpg|png|gif|webp)$/;
/** Fields that hold an image a client loads; `url` of a media entry is one too. Links (`url`, `profileUrl`) are not. */
const IMAGE_FIELDS = new Set(['avatarUrl', 'previewUrl', 'logoUrl', 'backgroundImageUrl']);

/** Every image URL in `value`, with where it was found. */
function imageUrls(value: unknown, path = '$', found: { path: string; url: string }[] = []) {
  if (Array.isArray(value)) value.forEach((entry, i) => imageUrls(entry, `${path}[${i}]`, found));
  else if (value !== null && typeof value === 'object') {
    for (const [key, entry] of Object.entries(value)) {
      const at = `${path}.${key}`;
      if (typeof entry === 'string' && (IMAGE_FIELDS.has(key) || (key === 'url' && /\.media\[\d+\]$/.test(path)))) {
        found.push({ path: at, url: entry });
      } else if (typeof entry === 'string' && key === 'html') {
        for (const [, src] of entry.matchAll(/<img[^>]*\ssrc="([^"]*)"/g))
          found.push({ path: `${at}<img>`, url: src! });
      } else imageUrls(entry, at, found);
    }
  }
  return found;
}

/** The payloads of every fixture that is a post, plus what no fixture has: quoted authors, custom emoji. */
function payloads(): RawPayload[] {
  const raws: RawPayload[] = [];
  for (const name of names('twitter', '.json').filter((n) => !n.startsWith('stream-error'))) {
    const body = json(`twitter/${name}`);
    const posts = Array.isArray(body.data) ? (body.data as unknown[]) : [body.data];
    for (const data of posts) raws.push({ format: 'x', payload: { data, includes: body.includes } });
  }
  const instance = { instance: 'https://mastodon.social' };
  for (const name of names('mastodon', '.json').filter((n) => n.startsWith('status-'))) {
    raws.push({ format: 'mastodon', payload: json(`mastodon/${name}`), meta: instance });
  }
  for (const status of json('mastodon/tag-timeline-page.json') as unknown as Record<string, unknown>[]) {
    raws.push({ format: 'mastodon', payload: status, meta: instance });
  }
  const base = json('mastodon/status-hashtag-stream-update.json');
  raws.push({
    format: 'mastodon',
    meta: instance,
    payload: {
      ...base,
      uri: `${String(base.uri)}-emoji-and-quote`,
      content: '<p>Bravo :blobcat: #test</p>',
      emojis: [
        {
          shortcode: 'blobcat',
          url: 'https://files.example/blobcat.gif',
          static_url: 'https://files.example/blobcat.png',
        },
      ],
      quote: { state: 'accepted', quoted_status: { ...base, uri: `${String(base.uri)}-quoted` } },
    },
  });
  for (const name of names('bluesky', '.json').filter((n) => n.startsWith('jetstream-post-with'))) {
    const frame = json(`bluesky/${name}`) as { did: string; commit: { record: Record<string, unknown> } };
    const quoted = `at://${frame.did}/app.bsky.feed.post/3quoted`;
    const profiles = { [frame.did]: { handle: 'radio.example.org', avatar: 'https://cdn.example.org/avatar.jpg' } };
    const posts = {
      [quoted]: { author: { handle: 'q.example.org', avatar: 'https://cdn.example.org/q.jpg' }, text: 'Q' },
    };
    const record = {
      ...frame.commit.record,
      embed: frame.commit.record.embed ?? { $type: 'app.bsky.embed.record', record: { uri: quoted, cid: 'c' } },
    };
    raws.push({
      format: 'jetstream',
      payload: { ...frame, commit: { ...frame.commit, record } },
      meta: { profiles, posts },
    });
  }
  return raws;
}

let server: TestServer;
let moderator: ModeratorClient;
beforeAll(async () => {
  server = await startServer({
    settings: { media: { allowPrivateNetworks: false } },
    events: [
      {
        slug: EVENT,
        title: 'Town hall',
        hashtags: ['test'],
        sources: [{ kind: 'web', perMinute: 600 }],
        wall: {
          theme: { logoUrl: 'https://venue.example/logo.png', backgroundImageUrl: 'https://venue.example/bg.jpg' },
        },
      },
    ],
  });
  moderator = await signedIn(server.url);
  const intake = server.app.intake;
  const raws = payloads();
  // The folder the app serves /media/uploads/ from, as its email and SMS sources store into it.
  const uploads = createUploadStore(join(server.dataDir, 'media', 'uploads'));
  for (const name of names('email', '.eml')) {
    raws.push(await readMail(read(`email/${name}`), { saveImage: uploads.save, log: silentLogger() }));
  }
  const photo = await uploads.save(await largePhoto(3000, 2000));
  const form = Object.fromEntries(new URLSearchParams(read('twilio/inbound-mms.form').toString('utf8')));
  raws.push({ format: 'twilio', payload: form, meta: { media: [photo] } });
  for (const raw of raws) {
    const outcome = await intake.submit(EVENT, raw);
    if (outcome.kind === 'stored') await moderator.ok('item:approve', { id: outcome.item.id });
  }
});
afterAll(async () => {
  moderator?.close();
  await server?.close();
});

function expectAllThroughTheServer(found: { path: string; url: string }[]) {
  const outside = found.filter(({ url }) => !PROXIED.test(url) && !STORED.test(url));
  expect(outside).toEqual([]);
}

describe('image URLs sent to clients', () => {
  it('are proxy or upload paths in the wall snapshot, for every kind of image', async () => {
    const wall = wallClient(server.url, EVENT);
    const snapshot = await nextEvent<WallSnapshot>(wall, 'wall:snapshot');
    wall.close();
    const found = imageUrls(snapshot);
    expectAllThroughTheServer(found);
    // Each kind is there, so the walk above checked something of each.
    const paths = found.map((f) => f.path.replace(/\[\d+\]/g, '[]'));
    for (const kind of [
      '$.items[].author.avatarUrl',
      '$.items[].context.author.avatarUrl',
      '$.items[].media[].url',
      '$.items[].media[].previewUrl',
      '$.items[].html<img>',
      '$.event.wall.theme.logoUrl',
      '$.event.wall.theme.backgroundImageUrl',
    ]) {
      expect(paths, kind).toContain(kind);
    }
    expect(found.some(({ url }) => STORED.test(url))).toBe(true);
    expect(snapshot.items.map((item) => item.source).sort()).toEqual(
      expect.arrayContaining(['bluesky', 'email', 'mastodon', 'sms', 'x']),
    );
  });

  it('are proxy or upload paths in the moderation queue, the approved version included', async () => {
    const snapshot = await moderator.ok<QueueSnapshot>('queue:snapshot', { event: EVENT, status: 'approved' });
    expect(snapshot.items.length).toBeGreaterThan(10);
    const found = imageUrls(snapshot);
    expect(found.length).toBeGreaterThan(10);
    expectAllThroughTheServer(found);
  });

  it('are proxy or upload paths in the public API', async () => {
    const feed = (await (await fetch(`${server.url}/api/events/${EVENT}/items`)).json()) as unknown;
    const found = imageUrls(feed);
    expect(found.length).toBeGreaterThan(10);
    expectAllThroughTheServer(found);
  });
});
