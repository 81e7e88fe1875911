/** An event and its sources, and a source and its secrets, are written together or not at all. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type SourceWrite, type Store } from '../../../server/store/index.js';
import { DATABASES, type FreshDatabase } from '../../support/databases.js';

/** A source whose "sealed" secrets name the row they were sealed for, so a test sees the binding. */
function source(kind: string, settings: object = {}, secret: string | null = null): SourceWrite {
  return {
    kind,
    enabled: true,
    settings: JSON.stringify(settings),
    seal: (id) => (secret === null ? null : `${secret}@${id}`),
  };
}

const broken: SourceWrite = {
  ...source('x'),
  seal: () => {
    throw new Error('cannot seal');
  },
};

describe.each(DATABASES)('event and source writes on $name', ({ fresh }) => {
  let database: FreshDatabase;
  let store: Store;
  beforeEach(async () => {
    database = await fresh();
    store = await openStore(database.location);
  });
  afterEach(async () => {
    await store.close();
    await database.drop();
  });

  async function rowsOf(event: string) {
    return (await store.sources.all())
      .filter((row) => row.event === event)
      .map(({ kind, origin, settings, secrets, position }) => ({ kind, origin, settings, secrets, position }));
  }

  it('creates a console event with its first sources, their secrets sealed for their own ids', async () => {
    await store.events.create('ev', 'Event', '{}', [source('web'), source('twilio', { n: 1 }, 'token')]);
    const rows = await store.sources.all();
    expect(rows.map((row) => [row.kind, row.origin, row.position])).toEqual([
      ['web', 'console', 0],
      ['twilio', 'console', 1],
    ]);
    expect(rows[1]!.secrets).toBe(`token@${rows[1]!.id}`);
    expect(await store.events.exists('ev')).toBe(true);
  });

  it('leaves no event behind when one of its sources cannot be written', async () => {
    await expect(store.events.create('ev', 'Event', '{}', [source('web'), broken])).rejects.toThrow('cannot seal');
    expect(await store.events.exists('ev')).toBe(false);
    expect(await store.sources.all()).toEqual([]);
  });

  it("rewrites the file's sources of an event and keeps those added in the console", async () => {
    await store.events.seedFromFile('ev', 'Event', '{}', 'h1', [source('web'), source('x', { q: 1 })]);
    await store.sources.insert('ev', source('mastodon', {}, 'm'));
    await store.events.seedFromFile('ev', 'Event again', '{}', 'h2', [source('x', { q: 2 })]);
    const rows = await rowsOf('ev');
    expect(rows.map((row) => [row.kind, row.origin, row.settings])).toEqual([
      ['mastodon', 'console', '{}'],
      ['x', 'file', '{"q":2}'],
    ]);
    expect((await store.events.list()).map((row) => [row.title, row.file_hash])).toEqual([['Event again', 'h2']]);
  });

  it('keeps the previous declaration when the new one cannot be written', async () => {
    await store.events.seedFromFile('ev', 'Event', '{}', 'h1', [source('web')]);
    await expect(store.events.seedFromFile('ev', 'Changed', '{}', 'h2', [broken])).rejects.toThrow();
    expect(await rowsOf('ev')).toMatchObject([{ kind: 'web', origin: 'file' }]);
    expect((await store.events.list())[0]).toMatchObject({ title: 'Event', file_hash: 'h1' });
  });

  it("writes a source's settings and secrets together", async () => {
    await store.events.create('ev', 'Event', '{}', []);
    const id = await store.sources.insert('ev', source('twilio', { a: 1 }, 'first'));
    expect(await store.sources.get(id)).toMatchObject({ settings: '{"a":1}', secrets: `first@${id}`, enabled: 1 });
    await store.sources.update(id, false, '{"a":2}', null);
    expect(await store.sources.get(id)).toMatchObject({ settings: '{"a":2}', secrets: null, enabled: 0 });
    await store.sources.delete(id);
    expect(await store.sources.get(id)).toBeUndefined();
  });
});
