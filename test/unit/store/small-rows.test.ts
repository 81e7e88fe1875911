/**
 * The small tables on both engines: installation settings, what sources remember, and authors banned or trusted.
 * Each write is one upsert, so two nodes writing the same row at once leave one of the two values, never an error.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEventStore } from '../../../server/store/events.js';
import { createInstallSettingsStore } from '../../../server/store/install-settings.js';
import { createRuleStore } from '../../../server/store/rules.js';
import { createSourceStateStore } from '../../../server/store/source-state.js';
import { DATABASES, type FreshDatabase } from '../../support/databases.js';
import { openTwoNodes, type TwoNodes } from '../../support/two-nodes.js';

describe.each(DATABASES)('small rows on $name', ({ name, fresh }) => {
  let database: FreshDatabase;
  let both: TwoNodes;
  /** The stores of two nodes on one database. */
  const nodes = () =>
    both.engines.map((engine) => ({
      settings: createInstallSettingsStore(engine),
      state: createSourceStateStore(engine),
      rules: createRuleStore(engine),
    }));
  beforeEach(async () => {
    database = await fresh();
    both = await openTwoNodes(name, database);
    await createEventStore(both.engines[0]).upsertFromFile('ev', 'Event');
  });
  afterEach(async () => {
    await both.close();
    await database.drop();
  });

  it('sets, replaces and removes an installation setting', async () => {
    const [one, two] = nodes();
    expect(await one!.settings.get('public.url')).toBeNull();
    await one!.settings.set('public.url', 'https://a.example');
    await two!.settings.set('public.url', 'https://b.example');
    expect(await one!.settings.get('public.url')).toBe('https://b.example');
    await Promise.all(
      ['fr', 'en', 'fr', 'en'].map((lang, i) => nodes()[i % 2]!.settings.set('console.language', lang)),
    );
    expect(['fr', 'en']).toContain(await one!.settings.get('console.language'));
    await two!.settings.remove('public.url');
    expect(await one!.settings.get('public.url')).toBeNull();
  });

  it("keeps a source kind's values with when each was written", async () => {
    const [one, two] = nodes();
    await one!.state.set('ev', 'x', 'since_id', '41', 5);
    await two!.state.set('ev', 'x', 'since_id', '42', 10);
    await one!.state.set('ev', 'x', 'other', 'a', 20);
    await one!.state.set('ev', 'mastodon', 'since_id', '7', 30);
    expect(await two!.state.get('ev', 'x', 'since_id')).toBe('42');
    expect(await two!.state.get('ev', 'bluesky', 'since_id')).toBeUndefined();
    const entries = await two!.state.entries('ev', 'x');
    expect(entries.sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: 'other', value: 'a', updatedAt: 20 },
      { key: 'since_id', value: '42', updatedAt: 10 },
    ]);
    await one!.state.delete('ev', 'x', 'other');
    expect(await two!.state.entries('ev', 'x')).toEqual([{ key: 'since_id', value: '42', updatedAt: 10 }]);
  });

  it('forgets the old keys that start with a prefix, as it is written, case and all', async () => {
    const [one] = nodes();
    for (const [key, at] of [
      ['uri:1', 1],
      ['uri:2', 100],
      ['URI:3', 1],
      ['urix', 1],
      ['local:uri:4', 1],
    ] as const) {
      await one!.state.set('ev', 'mastodon', key, 'v', at);
    }
    await one!.state.set('ev', 'x', 'uri:5', 'v', 1);
    expect(await one!.state.forgetOlder('ev', 'mastodon', 'uri:', 50)).toBe(1);
    // LIKE's wildcards are dropped, as the sources' memory drops them.
    expect(await one!.state.forgetOlder('ev', 'mastodon', 'ur%i_', 50)).toBe(1);
    const left = (await one!.state.entries('ev', 'mastodon')).map((entry) => entry.key).sort();
    expect(left).toEqual(['URI:3', 'local:uri:4', 'uri:2']);
    expect(await one!.state.get('ev', 'x', 'uri:5')).toBe('v');
  });

  it("lists an event's author rules in the order they were made, one rule per author", async () => {
    const [one, two] = nodes();
    await one!.rules.setAuthor('ev', 'web:b', 'trusted', 'ana', 20, 'B');
    await one!.rules.setAuthor('ev', 'web:a', 'banned', 'ana', 10);
    await one!.rules.setAuthor('ev', 'web:d', 'banned', 'bob', 20, 'D');
    await one!.rules.setAuthor('ev', 'web:c', 'banned', 'bob', 20, 'C');
    await two!.rules.setAuthor('ev', 'web:b', 'banned', 'bob', 30, 'B again');
    expect(await two!.rules.authors('ev')).toEqual({
      banned: [
        { authorKey: 'web:a', label: '', by: 'ana', at: 10 },
        { authorKey: 'web:c', label: 'C', by: 'bob', at: 20 },
        { authorKey: 'web:d', label: 'D', by: 'bob', at: 20 },
        { authorKey: 'web:b', label: 'B again', by: 'bob', at: 30 },
      ],
      trusted: [],
    });
    await Promise.all([
      one!.rules.setAuthor('ev', 'web:e', 'banned', 'ana', 40),
      two!.rules.setAuthor('ev', 'web:e', 'trusted', 'bob', 40),
    ]);
    const { banned, trusted } = await one!.rules.authors('ev');
    expect([...banned, ...trusted].filter((rule) => rule.authorKey === 'web:e')).toHaveLength(1);
    expect(await two!.rules.clearAuthor('ev', 'web:a')).toBe(true);
    expect(await one!.rules.clearAuthor('ev', 'web:a')).toBe(false);
    expect(await one!.rules.authors('other')).toEqual({ banned: [], trusted: [] });
  });

  it('refuses a rule for an event that does not exist', async () => {
    await expect(nodes()[0]!.rules.setAuthor('no-such-event', 'web:a', 'banned', 'ana')).rejects.toThrow();
  });
});
