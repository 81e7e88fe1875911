/** The web form with a photo: multipart, decoded whole, upright, metadata removed, shown through the server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './helpers/server.js';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import sharp from 'sharp';
import { PNG_1X1 } from './fakes/image-host.js';
import {
  CAMERA_MAKE,
  GPS_MARKER,
  isRed,
  largePhoto,
  pixel,
  pngWithText,
  sidewaysPhoto,
  truncated,
} from './fakes/photos.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ settings: { media: { maxBytes: 1024 * 1024 } } });
});
afterAll(() => server.close());

/** The newest pending item (the queue lists pending items oldest first). */
const latest = async () => (await server.app.store.items.queue('town-hall', 'pending', 100)).items.at(-1)!;

function photoFile(data: Buffer, type = 'image/jpeg') {
  return { data, type, name: type === 'image/png' ? 'IMG_0001.png' : 'IMG_0001.jpg' };
}

function post(fields: Record<string, string>, photo?: { data: Buffer; type: string; name: string }, language = 'en') {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (photo) form.append('photo', new Blob([photo.data], { type: photo.type }), photo.name);
  return fetch(`${server.url}/api/events/town-hall/submissions`, {
    method: 'POST',
    headers: { 'idempotency-key': `photo-${Math.random().toString(36).slice(2)}`, 'accept-language': language },
    body: form,
  });
}

describe('photo with the web form', () => {
  it('stores the photo upright, without its EXIF and GPS position, and shows it through the server', async () => {
    const photo = await sidewaysPhoto();
    const response = await post({ name: 'Ana', message: 'La salle est pleine' }, photoFile(photo));
    expect(response.status).toBe(202);
    const item = await latest();
    expect(item).toMatchObject({ text: 'La salle est pleine', media: [{ type: 'image', width: 200, height: 300 }] });
    const url = item.media[0]!.url;
    expect(url).toMatch(/^\/media\/uploads\/[0-9a-f]{64}\.jpg$/);
    expect(item.media[0]!.previewUrl).toBeUndefined();

    const image = await fetch(`${server.url}${url}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    const body = Buffer.from(await image.arrayBuffer());
    expect(photo.toString('latin1')).toContain(GPS_MARKER);
    expect(body.toString('latin1')).not.toContain(GPS_MARKER);
    expect(body.toString('latin1')).not.toContain(CAMERA_MAKE);
    const seen = await sharp(body).metadata();
    expect(seen).toMatchObject({ width: 200, height: 300 });
    expect(seen.exif).toBeUndefined();
    expect(isRed(await pixel(body, 190, 10))).toBe(true);
  });

  it('keeps a PNG as PNG without its text chunks', async () => {
    const response = await post({ name: 'Ana', message: 'Capture' }, photoFile(await pngWithText(), 'image/png'));
    expect(response.status).toBe(202);
    const body = Buffer.from(await (await fetch(`${server.url}${(await latest()).media[0]!.url}`)).arrayBuffer());
    expect((await sharp(body).metadata()).format).toBe('png');
    expect((await sharp(body).metadata()).xmp).toBeUndefined();
  });

  it('downscales a large photo to 2048 px and adds a wall-sized preview', async () => {
    const response = await post({ name: 'Ana', message: 'Grand format' }, photoFile(await largePhoto(3000, 2000)));
    expect(response.status).toBe(202);
    const [media] = (await latest()).media;
    expect(media).toMatchObject({
      width: 2048,
      height: 1365,
      previewUrl: expect.stringMatching(/^\/media\/uploads\//),
    });
    const full = Buffer.from(await (await fetch(`${server.url}${media!.url}`)).arrayBuffer());
    expect(await sharp(full).metadata()).toMatchObject({ width: 2048, height: 1365 });
    const preview = Buffer.from(await (await fetch(`${server.url}${media!.previewUrl}`)).arrayBuffer());
    expect(await sharp(preview).metadata()).toMatchObject({ width: 1280, height: 853 });
  });

  it('refuses a truncated JPEG with a message for the field, and stores nothing', async () => {
    const before = (await server.app.store.items.queue('town-hall', 'pending', 50)).items.length;
    const cut = truncated(await largePhoto(800, 600));
    const response = await post({ name: 'Ana', message: 'Coupée' }, photoFile(cut), 'en');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { details: [{ field: 'photo' }] } });
    expect((await server.app.store.items.queue('town-hall', 'pending', 50)).items).toHaveLength(before);
  });

  it('refuses a file that is not an image, whatever it claims, with a message for the field', async () => {
    const response = await post(
      { name: 'Ana', message: 'Voici' },
      {
        data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        type: 'image/png',
        name: 'photo.png',
      },
      'fr',
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { details: [{ field: 'photo', message: 'La photo doit être une image JPEG, PNG, GIF ou WebP.' }] },
    });
  });

  it('refuses a photo over the size limit', async () => {
    const response = await post(
      { name: 'Ana', message: 'Trop grande' },
      {
        data: Buffer.concat([PNG_1X1, Buffer.alloc(1200 * 1024)]),
        type: 'image/png',
        name: 'big.png',
      },
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: { code: 'payload_too_large', message: 'The photo is larger than 1 MB.' },
    });
  });

  it('still checks the text fields of a multipart form, and serves no photo it did not store', async () => {
    const response = await post({ name: '', message: '' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { details: [{ field: 'name' }, { field: 'message' }] } });
    expect((await fetch(`${server.url}/media/uploads/${'0'.repeat(64)}.png`)).status).toBe(404);
    expect((await fetch(`${server.url}/media/uploads/..%2Fmurmure.db`)).status).toBe(404);
  });

  // Last: it empties the event.
  it('removes a photo and its preview when the event is purged', async () => {
    expect((await post({ name: 'Ana', message: 'À effacer' }, photoFile(await largePhoto(3000, 2000)))).status).toBe(
      202,
    );
    const [media] = (await latest()).media;
    const urls = [media!.url, media!.previewUrl!];
    const status = async (url: string) => (await fetch(`${server.url}${url}`)).status;
    // Kept in the database, where every node finds them; nothing written to the data folder.
    expect(await Promise.all(urls.map(status))).toEqual([200, 200]);
    expect(urls.filter((url) => existsSync(join(server.dataDir, 'media', 'uploads', basename(url))))).toEqual([]);
    await server.app.purge.event('town-hall', 'admin');
    expect(await Promise.all(urls.map(status))).toEqual([404, 404]);
    expect(await server.app.store.uploads.get(basename(urls[0]!))).toBeNull();
  });
});
