/** Migration 8: the old default background, stored for every event, becomes "follows the mode". */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventSchema } from '../../../server/config/schema.js';
import { migrate } from '../../../server/store/db.js';
import { openStore, type Store } from '../../../server/store/index.js';
import { MIGRATIONS } from '../../../server/store/migrations/index.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'murmure-background-'));
  file = join(dir, 'murmure.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const OVERRIDES = JSON.stringify({ theme: { background: '#0f172a' } });

/** An event's settings as version 7 stored them: the parsed event, every default filled in. */
function settings(slug: string, theme: Record<string, unknown>): string {
  const parsed = eventSchema.parse({ slug, title: slug, wall: { theme } });
  const { sources: _sources, ...rest } = parsed;
  return JSON.stringify(rest);
}

function databaseAtVersion7(rows: { slug: string; settings: string | null; overrides?: string }[]): void {
  const db = new Database(file);
  migrate(
    db,
    MIGRATIONS.filter((m) => m.version <= 7),
  );
  const insert = db.prepare(
    "INSERT INTO events (slug, title, origin, settings, wall_overrides, created_at) VALUES (?, ?, 'console', ?, ?, 1)",
  );
  for (const row of rows) insert.run(row.slug, row.slug, row.settings, row.overrides ?? null);
  db.close();
}

async function storedTheme(store: Store, slug: string): Promise<Record<string, unknown> | null> {
  const row = (await store.events.list()).find((event) => event.slug === slug);
  if (!row?.settings) return null;
  return (JSON.parse(row.settings) as { wall: { theme: Record<string, unknown> } }).wall.theme;
}

describe('migration 8: the background follows the mode unless chosen', () => {
  it('turns the old default into null, in any case, and leaves chosen colours and overrides alone', async () => {
    databaseAtVersion7([
      { slug: 'light', settings: settings('light', { mode: 'light', background: '#0f172a' }), overrides: OVERRIDES },
      { slug: 'dark', settings: settings('dark', { mode: 'dark', background: '#0F172A' }) },
      { slug: 'chosen', settings: settings('chosen', { mode: 'light', background: '#fde68a' }) },
      { slug: 'unwritten', settings: null },
    ]);

    const store = await openStore(file);
    try {
      expect(await storedTheme(store, 'light')).toMatchObject({ mode: 'light', background: null, accent: '#38bdf8' });
      expect(await storedTheme(store, 'dark')).toMatchObject({ mode: 'dark', background: null });
      expect(await storedTheme(store, 'chosen')).toMatchObject({ background: '#fde68a' });
      expect(await storedTheme(store, 'unwritten')).toBeNull();
      // Only a moderator writes an override: it was chosen, so it stays.
      expect(await store.events.wallOverrides('light')).toEqual({ theme: { background: '#0f172a' } });
      // What the migration wrote still passes the schema the catalog reads events with.
      const row = (await store.events.list()).find((event) => event.slug === 'light');
      expect(eventSchema.safeParse({ ...(JSON.parse(row!.settings) as object), sources: [] }).success).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('gives a new event no background, so it follows the mode', () => {
    expect(eventSchema.parse({ slug: 'new', title: 'New' }).wall.theme.background).toBeNull();
    const explicit = eventSchema.safeParse({ slug: 'new', title: 'New', wall: { theme: { background: null } } });
    expect(explicit.data?.wall.theme.background).toBeNull();
    expect(eventSchema.safeParse({ slug: 'new', title: 'New', wall: { theme: { background: 'navy' } } }).success).toBe(
      false,
    );
  });
});
