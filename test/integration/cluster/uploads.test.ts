/**
 * Photos on several nodes without a shared disk: saved through one node's upload store, served by another's, from
 * the database, on both engines; a photo of an earlier version, on disk, is still served.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FULL_SIZE, WALL_SIZE } from '../../../server/media/images.js';
import { createUploadStore } from '../../../server/media/uploads.js';
import { openEngine, type Engine } from '../../../server/store/engine/open.js';
import { createUploadRows } from '../../../server/store/uploads.js';
import { DATABASES } from '../../support/databases.js';

const dirs: string[] = [];
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'murmure-uploads-'));
  dirs.push(dir);
  return dir;
};

/** One node: its own disk, its own HTTP server, the shared database. */
async function node(engine: Engine) {
  const uploads = createUploadStore(folder(), createUploadRows(engine));
  const app = express().use(uploads.router());
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { uploads, base, close: () => new Promise((resolve) => server.close(resolve)) };
}

const photo = () =>
  sharp({ create: { width: 3000, height: 2000, channels: 3, background: { r: 200, g: 40, b: 90 } } })
    .jpeg()
    .toBuffer();

afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe.each(DATABASES)('uploaded photos on $name', ({ fresh }) => {
  let engines: Engine[];
  let nodes: Awaited<ReturnType<typeof node>>[];
  let done: () => Promise<void>;
  beforeAll(async () => {
    const opened = await fresh();
    done = opened.drop;
    engines = [await openEngine(opened.location), await openEngine(opened.location)];
    nodes = [await node(engines[0]!), await node(engines[1]!)];
  });
  afterAll(async () => {
    for (const n of nodes) await n.close();
    for (const engine of engines) await engine.close();
    await done();
  });

  it('serves on one node the photo and its preview sent to the other', async () => {
    const stored = await nodes[0]!.uploads.save(await photo());
    expect(stored.previewUrl).toBeDefined();
    for (const url of [stored.url, stored.previewUrl!]) {
      const answer = await fetch(`${nodes[1]!.base}${url}`);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('image/jpeg');
      expect(answer.headers.get('content-security-policy')).toContain('sandbox');
      const metadata = await sharp(Buffer.from(await answer.arrayBuffer())).metadata();
      expect(Math.max(metadata.width, metadata.height)).toBe(url === stored.url ? FULL_SIZE : WALL_SIZE);
    }
    // The same photo again is the same row.
    expect((await nodes[1]!.uploads.save(await photo())).url).toBe(stored.url);
  });

  it('still serves a photo an earlier version wrote to the data folder, and nothing else', async () => {
    const dir = folder();
    const legacy = createUploadStore(dir, createUploadRows(engines[0]!));
    const name = `${'a'.repeat(64)}.png`;
    writeFileSync(
      join(dir, name),
      await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
        .png()
        .toBuffer(),
    );
    const server = express().use(legacy.router()).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${base}/media/uploads/${name}`)).status).toBe(200);
      expect((await fetch(`${base}/media/uploads/${'b'.repeat(64)}.png`)).status).toBe(404);
      expect((await fetch(`${base}/media/uploads/..%2Fsecret.key`)).status).toBe(404);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
