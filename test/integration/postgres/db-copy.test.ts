/**
 * `npm run db -- copy`: an installation moved from its SQLite file to PostgreSQL, as a real command, then every
 * row compared on both sides, and the target usable afterwards (its ids continue after the copied ones).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine, type Engine } from '../../../server/store/engine/open.js';
import { TABLE_ORDER } from '../../../server/store/engine/tables.js';
import { freshPostgresDatabase, hasPostgres, type TestDatabase } from '../../support/postgres.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../../..');
const ITEMS = 1_234;

function db(...args: string[]) {
  return run(join(ROOT, 'node_modules/.bin/tsx'), ['server/cli/db.ts', ...args], { cwd: ROOT });
}

/** An installation with something in every table, items over several pages of the copy. */
async function fill(engine: Engine): Promise<void> {
  const { db: k } = engine;
  await k
    .insertInto('events')
    .values([
      { slug: 'town-hall', title: 'Town hall', origin: 'file', created_at: 1, settings: '{"languages":["fr"]}' },
      { slug: 'festival', title: 'Festival « été »', origin: 'console', created_at: 2, archived_at: 3 },
    ])
    .execute();
  await k
    .insertInto('moderators')
    .values([
      { name: 'Admin', password_hash: 'h1', role: 'admin', created_at: 1 },
      { name: 'claire', password_hash: 'h2', role: 'moderator', created_at: 2 },
    ])
    .execute();
  await k
    .insertInto('sessions')
    .values({ token_hash: 'abc', moderator_id: 2, created_at: 5, expires_at: 9e12 })
    .execute();
  await k
    .insertInto('install_settings')
    .values({ key: 'publicUrl', value: '"https://mur.example"', updated_at: 4 })
    .execute();
  await k
    .insertInto('sources')
    .values({
      event: 'town-hall',
      kind: 'mastodon',
      settings: '{}',
      secrets: 'sealed',
      origin: 'console',
      position: 0,
      created_at: 1,
      updated_at: 1,
    })
    .execute();
  await k
    .insertInto('source_state')
    .values({ event: 'town-hall', kind: 'mastodon', key: 'since', value: '42', updated_at: 6 })
    .execute();
  await k
    .insertInto('author_rules')
    .values({
      event: 'town-hall',
      author_key: 'web:ana',
      rule: 'trusted',
      created_by: 'Admin',
      created_at: 7,
      label: 'Ana',
    })
    .execute();
  const items = Array.from({ length: ITEMS }, (_, i) => ({
    event: i % 3 ? 'town-hall' : 'festival',
    source: 'web',
    source_id: `w${i}`,
    author_name: `Auteur ${i} ✨`,
    author_key: `web:${i}`,
    text: `Message ${i} — « bonjour » 🎉`,
    html: `<p>Message ${i}</p>`,
    media: i % 7 ? '[]' : '[{"url":"https://img.example/a.jpg","kind":"image"}]',
    status: (['pending', 'approved', 'rejected', 'hidden'] as const)[i % 4]!,
    pinned: (i % 11 === 0 ? 1 : 0) as 0 | 1,
    created_at: 1_733_600_000_000 + i,
    received_at: 1_733_600_000_500 + i,
    shown_at: i % 4 === 1 ? 1_733_600_001_000 + i : null,
  }));
  for (let i = 0; i < items.length; i += 200)
    await k
      .insertInto('items')
      .values(items.slice(i, i + 200))
      .execute();
  await k
    .insertInto('moderation_log')
    .values(
      Array.from({ length: 300 }, (_, i) => ({
        item_id: i + 1,
        event: 'town-hall',
        actor: 'filter',
        action: 'intake',
        after_status: 'pending',
        at: i,
      })),
    )
    .execute();
}

async function rows(engine: Engine, table: (typeof TABLE_ORDER)[number]) {
  return engine.db
    .selectFrom(table)
    .selectAll()
    .execute()
    .then((all) => all.map((row) => JSON.stringify(row)).sort());
}

describe.skipIf(!hasPostgres)('npm run db -- copy', () => {
  let dir: string;
  let target: TestDatabase;
  let file: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'murmure-copy-'));
    file = join(dir, 'murmure.db');
    const sqlite = await openEngine(file);
    await fill(sqlite);
    await sqlite.close();
    target = await freshPostgresDatabase();
  });
  afterAll(async () => {
    await target?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('moves every row of every table, and says the counts match', async () => {
    const { stdout } = await db('copy', '--from', file, '--to', target.url);
    expect(stdout).toMatch(new RegExp(`items\\s+${ITEMS}`));
    expect(stdout).toMatch(/same number of rows on both sides/);
    const [from, to] = [await openEngine(file), await openEngine(target.url)];
    try {
      for (const table of TABLE_ORDER) expect(await rows(to, table), table).toEqual(await rows(from, table));
      // New rows on PostgreSQL take the next ids, past the copied ones.
      const { id } = await to.db
        .insertInto('items')
        .values({
          event: 'town-hall',
          source: 'web',
          source_id: 'new',
          author_name: 'N',
          author_key: 'web:n',
          text: 't',
          html: 't',
          status: 'pending',
          created_at: 1,
          received_at: 1,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      expect(id).toBe(ITEMS + 1);
    } finally {
      await Promise.all([from.close(), to.close()]);
    }
  });

  it('refuses to copy into a database that has data', async () => {
    const error = await db('copy', '--from', file, '--to', target.url).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(error).toMatchObject({ code: 1 });
    expect((error as { stderr: string }).stderr).toMatch(/already has data \(table events\)/);
  });

  it('refuses a file that does not exist rather than copying an empty one', async () => {
    const error = await db('copy', '--from', join(dir, 'none.db'), '--to', target.url).catch(
      (e: { stderr: string }) => e,
    );
    expect((error as { stderr: string }).stderr).toMatch(/No database file at/);
  });

  it('explains its usage', async () => {
    const error = await db('copy', '--from', file).catch((e: { stderr: string }) => e);
    expect((error as { stderr: string }).stderr).toMatch(/Usage: npm run db -- copy --from/);
  });
});
