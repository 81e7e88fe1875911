/**
 * Events' rows on both engines: the list the catalog reads, and what moderators change live (wall settings, rules,
 * the announcement), kept whole when two of them change an event at the same moment on two nodes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEventStore, type EventStore } from '../../../server/store/events.js';
import { createSourceStore, type SourceWrite } from '../../../server/store/sources.js';
import { DATABASES, type FreshDatabase } from '../../support/databases.js';
import { openTwoNodes, type TwoNodes } from '../../support/two-nodes.js';

const source = (kind: string): SourceWrite => ({ kind, enabled: true, settings: '{}', seal: () => null });

describe.each(DATABASES)('event rows on $name', ({ name, fresh }) => {
  let database: FreshDatabase;
  let nodes: TwoNodes;
  let events: EventStore;
  /** A second node on the same database. */
  let other: EventStore;
  beforeEach(async () => {
    database = await fresh();
    nodes = await openTwoNodes(name, database);
    events = createEventStore(nodes.engines[0]);
    other = createEventStore(nodes.engines[1]);
  });
  afterEach(async () => {
    await nodes.close();
    await database.drop();
  });

  it('lists the events with settings, oldest first', async () => {
    await events.seedFromFile('zeta', 'Zeta', '{}', 'h', [], 10);
    await events.seedFromFile('beta', 'Beta', '{}', 'h', [], 20);
    await events.seedFromFile('alpha', 'Alpha', '{}', 'h', [], 20);
    await events.create('gamma', 'Gamma', '{"a":1}', [], 5);
    await events.upsertFromFile('bare', 'Bare', 1);
    // Written in the same millisecond: SQLite keeps the order they were written in; PostgreSQL's rows keep none.
    const sameMillisecond = name === 'SQLite' ? ['beta', 'alpha'] : ['alpha', 'beta'];
    expect((await other.list()).map((row) => row.slug)).toEqual(['gamma', 'zeta', ...sameMillisecond]);
    expect((await other.list())[0]).toEqual({
      slug: 'gamma',
      title: 'Gamma',
      origin: 'console',
      settings: '{"a":1}',
      file_hash: null,
      archived_at: null,
      created_at: 5,
    });
    expect(await other.exists('bare')).toBe(true);
    expect(await other.exists('nothing')).toBe(false);
  });

  it('seeds from the file again: the file wins, the row is brought back from the archive', async () => {
    await events.create('ev', 'Console title', '{"a":1}', [], 5);
    await events.setArchived('ev', 50);
    expect((await events.list())[0]).toMatchObject({ archived_at: 50, origin: 'console' });
    await other.seedFromFile('ev', 'File title', '{"b":2}', 'h2', [], 60);
    expect((await events.list())[0]).toMatchObject({
      title: 'File title',
      origin: 'file',
      settings: '{"b":2}',
      file_hash: 'h2',
      archived_at: null,
      created_at: 5,
    });
    await events.saveSettings('ev', 'Saved', '{"c":3}');
    await events.upsertFromFile('ev', 'Upserted');
    expect((await events.list())[0]).toMatchObject({ title: 'Upserted', settings: '{"c":3}' });
  });

  it('refuses a console event whose slug exists', async () => {
    await events.upsertFromFile('ev', 'Event');
    await expect(other.create('ev', 'Again', '{}', [source('web')])).rejects.toThrow();
    expect(await createSourceStore(nodes.engines[0]).all()).toEqual([]);
  });

  it("leaves one set of the file's sources when two nodes seed an event at once", async () => {
    await Promise.all([
      events.seedFromFile('ev', 'Event', '{}', 'h', [source('web'), source('x')]),
      other.seedFromFile('ev', 'Event', '{}', 'h', [source('web'), source('x')]),
    ]);
    const rows = await createSourceStore(nodes.engines[1]).all();
    expect(rows.map((row) => [row.kind, row.position])).toEqual([
      ['web', 0],
      ['x', 1],
    ]);
  });

  it("keeps a moderator's live changes, as JSON read back whole", async () => {
    await events.upsertFromFile('ev', 'Event');
    expect(await events.wallOverrides('ev')).toEqual({});
    expect(await events.ruleOverrides('ev')).toEqual({});
    expect(await events.announcement('ev')).toBeNull();
    expect(await events.changeWallOverrides('ev', () => ({ paused: true, layout: 'ticker' }))).toEqual({
      paused: true,
      layout: 'ticker',
    });
    await events.changeRuleOverrides('ev', (current) => ({ ...current, mode: 'hold' }));
    await events.setAnnouncement('ev', { text: 'Break', at: 5, by: 'ana' });
    expect(await other.wallOverrides('ev')).toEqual({ paused: true, layout: 'ticker' });
    expect(await other.ruleOverrides('ev')).toEqual({ mode: 'hold' });
    expect(await other.announcement('ev')).toEqual({ text: 'Break', at: 5, by: 'ana' });
    await other.setAnnouncement('ev', null);
    expect(await events.announcement('ev')).toBeNull();
    expect(await events.wallOverrides('no-such-event')).toEqual({});
  });

  it('keeps every change when moderators on two nodes change the same event at once', async () => {
    await events.upsertFromFile('ev', 'Event');
    const keys = Array.from({ length: 12 }, (_, i) => `k${i}`);
    await Promise.all(
      keys.map((key, i) => (i % 2 ? events : other).changeWallOverrides('ev', (current) => ({ ...current, [key]: i }))),
    );
    expect(Object.keys(await events.wallOverrides('ev')).sort()).toEqual([...keys].sort());
    await Promise.all(
      keys.map((key, i) => (i % 2 ? other : events).changeRuleOverrides('ev', (current) => ({ ...current, [key]: i }))),
    );
    expect(Object.keys(await other.ruleOverrides('ev')).sort()).toEqual([...keys].sort());
    expect(await events.changeWallOverrides('ev', () => ({ paused: true }))).toEqual({ paused: true });
  });
});
