/** The web form with a photo: multipart, checked by content, metadata removed, shown through the server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './helpers/server.js';
import { PNG_1X1 } from './fakes/image-host.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ settings: { media: { maxBytes: 100 * 1024 } } });
});
afterAll(() => server.close());

const TEXT = Buffer.from('Location\0Rue Haute', 'latin1');

/** PNG_1X1 with a tEXt chunk naming where it was taken, before IEND (the CRC is not checked here). */
const PNG_WITH_TEXT = Buffer.concat([
  PNG_1X1.subarray(0, PNG_1X1.length - 12),
  Buffer.from([0, 0, 0, TEXT.length]),
  Buffer.from('tEXt', 'latin1'),
  TEXT,
  Buffer.alloc(4),
  PNG_1X1.subarray(PNG_1X1.length - 12),
]);

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
  it('stores the photo without its metadata and shows it through the server', async () => {
    const response = await post(
      { name: 'Ana', message: 'La salle est pleine' },
      {
        data: PNG_WITH_TEXT,
        type: 'image/png',
        name: 'IMG_0001.png',
      },
    );
    expect(response.status).toBe(202);
    const [item] = server.app.store.items.queue('town-hall', 'pending', 10).items;
    expect(item).toMatchObject({ text: 'La salle est pleine', media: [{ type: 'image' }] });
    const url = item!.media[0]!.url;
    expect(url).toMatch(/^\/media\/uploads\/[0-9a-f]{64}\.png$/);

    const image = await fetch(`${server.url}${url}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    const body = Buffer.from(await image.arrayBuffer());
    expect(body.toString('latin1')).not.toContain('Rue Haute');
    expect(body).toEqual(PNG_1X1);
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
        data: Buffer.concat([PNG_1X1, Buffer.alloc(200 * 1024)]),
        type: 'image/png',
        name: 'big.png',
      },
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: { code: 'payload_too_large', message: 'The photo is larger than 0.1 MB.' },
    });
  });

  it('still checks the text fields of a multipart form, and serves no photo it did not store', async () => {
    const response = await post({ name: '', message: '' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { details: [{ field: 'name' }, { field: 'message' }] } });
    expect((await fetch(`${server.url}/media/uploads/${'0'.repeat(64)}.png`)).status).toBe(404);
    expect((await fetch(`${server.url}/media/uploads/..%2Fmurmure.db`)).status).toBe(404);
  });
});
