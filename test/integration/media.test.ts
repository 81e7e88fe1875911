/** The media proxy: every image a client loads comes through the server, within limits, cached. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Item } from '../../server/protocol/items.js';
import { DATABASE_FILE } from '../../server/app.js';
import { openStore } from '../../server/store/index.js';
import { startServer, type TestServer } from './helpers/server.js';
import { PNG_1X1, startImageHost, type ImageHost } from './fakes/image-host.js';
import { GPS_MARKER, isRed, largePhoto, pixel, sidewaysPhoto, truncated } from './fakes/photos.js';

let host: ImageHost;
let server: TestServer;
beforeAll(async () => {
  host = await startImageHost();
});
afterAll(() => host.close());
afterEach(() => server?.close());

/** An X post (real wire shape) whose photo and author avatar live on the fake host. */
async function postWithImage(photo: string, avatar = '/missing-avatar.png'): Promise<Item> {
  const outcome = await server.app.intake.submit('town-hall', {
    format: 'x',
    payload: {
      data: {
        id: `${Date.now()}${Math.random()}`.replace('.', ''),
        text: 'Photo du débat',
        author_id: '1',
        attachments: { media_keys: ['3_1'] },
      },
      includes: {
        users: [{ id: '1', name: 'Léa', username: 'lea', profile_image_url: `${host.url}${avatar}` }],
        media: [{ media_key: '3_1', type: 'photo', url: `${host.url}${photo}`, alt_text: 'La salle' }],
      },
    },
  });
  if (outcome.kind !== 'stored') throw new Error(`not stored: ${outcome.kind}`);
  return outcome.item;
}

const open = (path: string) => fetch(`${server.url}${path}`);

describe('media proxy', () => {
  it('rewrites item images to signed proxy paths and serves them from a cache', async () => {
    server = await startServer({ settings: { media: { allowPrivateNetworks: true } } });
    const item = await postWithImage('/ok.png');
    const path = item.media[0]!.url;
    expect(path).toMatch(/^\/media\/[\w-]+\/[\w-]+$/);
    expect(item.author.avatarUrl).toMatch(/^\/media\//);
    // The database keeps the original; only what leaves the store is rewritten: a store opened without the
    // proxy's rewriting reads the item as it was written.
    const plain = await openStore(join(server.dataDir, DATABASE_FILE));
    try {
      expect((await plain.items.get(item.id))?.media[0]?.url).toBe(`${host.url}/ok.png`);
    } finally {
      await plain.close();
    }

    for (let i = 0; i < 3; i++) {
      const response = await open(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      expect(response.headers.get('cache-control')).toMatch(/immutable/);
      const body = Buffer.from(await response.arrayBuffer());
      expect(await sharp(body).metadata()).toMatchObject({ format: 'png', width: 1, height: 1 });
      expect(await pixel(body, 0, 0)).toEqual(await pixel(PNG_1X1, 0, 0));
    }
    expect(host.hits.get('/ok.png')).toBe(1);
  });

  it('serves an outside photo upright and without its EXIF or GPS position', async () => {
    server = await startServer({ settings: { media: { allowPrivateNetworks: true } } });
    const original = await sidewaysPhoto();
    host.serve('/phone.jpg', original, 'image/jpeg');
    const item = await postWithImage('/phone.jpg');
    const response = await open(item.media[0]!.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    const body = Buffer.from(await response.arrayBuffer());
    expect(original.toString('latin1')).toContain(GPS_MARKER);
    expect(body.toString('latin1')).not.toContain(GPS_MARKER);
    const seen = await sharp(body).metadata();
    expect(seen).toMatchObject({ width: 200, height: 300 });
    expect(seen.exif).toBeUndefined();
    expect(isRed(await pixel(body, 190, 10))).toBe(true);
  });

  it('answers 502 for an outside image that does not decode, and caches nothing', async () => {
    server = await startServer({ settings: { media: { allowPrivateNetworks: true } } });
    host.serve('/cut.jpg', truncated(await largePhoto(800, 600)), 'image/jpeg');
    host.serve('/not-really.png', Buffer.from('<svg onload="alert(1)"/>'), 'image/png');
    for (const photo of ['/cut.jpg', '/not-really.png']) {
      const item = await postWithImage(photo);
      const response = await open(item.media[0]!.url);
      expect(response.status).toBe(502);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
        /does not decode|not a JPEG/,
      );
    }
    expect(readdirSync(join(server.dataDir, 'media', 'cache')).filter((name) => name.endsWith('.bin'))).toEqual([]);
  });

  it('refuses links it did not sign', async () => {
    server = await startServer({ settings: { media: { allowPrivateNetworks: true } } });
    const item = await postWithImage('/ok.png');
    const [, , , encoded] = item.media[0]!.url.split('/');
    const forged = `/media/AAAAAAAAAAAAAAAAAAAAAA/${Buffer.from(`${host.url}/secret`).toString('base64url')}`;
    expect((await open(forged)).status).toBe(403);
    expect((await open(`/media/AAAAAAAAAAAAAAAAAAAAAA/${encoded}`)).status).toBe(403);
  });

  it('answers 502 with a reason for missing, non-image, oversized and private images, and remembers failures', async () => {
    server = await startServer({ settings: { media: { allowPrivateNetworks: true, maxBytes: 256 * 1024 } } });
    const cases = [
      ['/missing.png', /upstream answered 404/],
      ['/page.html', /not an image \(text\/html\)/],
      ['/huge.png', /larger than 262144 bytes/],
    ] as const;
    for (const [photo, reason] of cases) {
      const item = await postWithImage(photo);
      const response = await open(item.media[0]!.url);
      expect(response.status).toBe(502);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(reason);
      await open(item.media[0]!.url);
      expect(host.hits.get(photo)).toBe(1);
    }
    const redirected = await postWithImage('/redirect');
    expect((await open(redirected.media[0]!.url)).status).toBe(200);
  });

  it('does not fetch from loopback or private addresses unless allowed', async () => {
    server = await startServer();
    const item = await postWithImage('/ok.png?private');
    const response = await open(item.media[0]!.url);
    expect(response.status).toBe(502);
    expect(host.hits.get('/ok.png?private')).toBeUndefined();
  });

  it('refuses loopback spelled as IPv4-mapped IPv6 in a post, and never asks the host', async () => {
    server = await startServer();
    const before = host.requests;
    const photo = `http://[::ffff:127.0.0.1]:${host.port}/ok.png`;
    const outcome = await server.app.intake.submit('town-hall', {
      format: 'x',
      payload: {
        data: { id: `${Date.now()}`, text: 'Mapped', author_id: '1', attachments: { media_keys: ['3_1'] } },
        includes: {
          users: [{ id: '1', name: 'Léa', username: 'lea' }],
          media: [{ media_key: '3_1', type: 'photo', url: photo }],
        },
      },
    });
    if (outcome.kind !== 'stored') throw new Error(`not stored: ${outcome.kind}`);
    const response = await open(outcome.item.media[0]!.url);
    expect(response.status).toBe(502);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/not a public address/);
    expect(host.requests).toBe(before);
  });
});
