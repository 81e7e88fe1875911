/** Migration 9: an event stored with an http: theme image still loads, its image asked for over https. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../server/store/db.js';
import { openStore } from '../../../server/store/index.js';
import { createEventCatalog } from '../../../server/events/catalog.js';
import { createSecretBox } from '../../../server/security/secrets.js';
import { silentLogger } from '../../../server/log.js';
import { MIGRATIONS } from '../../../server/store/migrations/index.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'murmure-https-images-'));
  file = join(dir, 'murmure.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** An event as version 8 stored it, with the theme images given. */
function databaseAtVersion8(theme: Record<string, unknown>): void {
  const db = new Database(file);
  migrate(
    db,
    MIGRATIONS.filter((m) => m.version <= 8),
  );
  const settings = { slug: 'ev', title: 'Event', hashtags: [], wall: { theme } };
  db.prepare(
    "INSERT INTO events (slug, title, origin, settings, created_at) VALUES ('ev', 'Event', 'console', ?, 1)",
  ).run(JSON.stringify(settings));
  db.close();
}

describe('migration 9: theme images over https', () => {
  it('asks for an http: logo and background over https, so the event still loads', async () => {
    databaseAtVersion8({
      logoUrl: 'http://ville.example.fr/logo.png',
      backgroundImageUrl: 'HTTP://ville.example.fr/bg.jpg',
    });
    const store = await openStore(file);
    try {
      const catalog = createEventCatalog({ store, box: createSecretBox(Buffer.alloc(32, 7)), log: silentLogger() });
      await catalog.reload();
      expect(catalog.get('ev')?.config.wall.theme).toMatchObject({
        logoUrl: 'https://ville.example.fr/logo.png',
        backgroundImageUrl: 'https://ville.example.fr/bg.jpg',
      });
    } finally {
      await store.close();
    }
  });

  it('leaves https: images and no image alone', async () => {
    databaseAtVersion8({ logoUrl: 'https://ville.example.fr/logo.png', backgroundImageUrl: null });
    const store = await openStore(file);
    try {
      const row = (await store.events.list()).find((event) => event.slug === 'ev')!;
      expect(JSON.parse(row.settings!)).toMatchObject({
        wall: { theme: { logoUrl: 'https://ville.example.fr/logo.png', backgroundImageUrl: null } },
      });
    } finally {
      await store.close();
    }
  });
});
