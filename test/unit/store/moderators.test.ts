/** Moderator accounts and their sessions, on both engines: names unique whatever their case, sessions that end. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createModeratorStore, type ModeratorStore } from '../../../server/store/moderators.js';
import { DATABASES, type FreshDatabase } from '../../support/databases.js';
import { openTwoNodes, type TwoNodes } from '../../support/two-nodes.js';

describe.each(DATABASES)('moderators on $name', ({ name, fresh }) => {
  let database: FreshDatabase;
  let nodes: TwoNodes;
  let moderators: ModeratorStore;
  /** A second node on the same database. */
  let other: ModeratorStore;
  beforeEach(async () => {
    database = await fresh();
    nodes = await openTwoNodes(name, database);
    moderators = createModeratorStore(nodes.engines[0]);
    other = createModeratorStore(nodes.engines[1]);
  });
  afterEach(async () => {
    await nodes.close();
    await database.drop();
  });

  it('finds, changes and removes an account by its name in any case', async () => {
    const ana = await moderators.add('Ana', 'hash-1', 'admin', 5);
    expect(ana).toEqual({ id: expect.any(Number), name: 'Ana', role: 'admin' });
    expect(await moderators.findByName('aNA')).toEqual({ ...ana, passwordHash: 'hash-1' });
    expect(await moderators.findByName('Anna')).toBeNull();
    expect(await moderators.setPassword('ANA', 'hash-2')).toBe(true);
    expect(await other.findByName('ana')).toMatchObject({ name: 'Ana', passwordHash: 'hash-2' });
    expect(await moderators.setPassword('nobody', 'hash-3')).toBe(false);
    expect(await moderators.remove('aNa')).toBe(true);
    expect(await moderators.remove('Ana')).toBe(false);
    expect(await moderators.list()).toEqual([]);
  });

  it('refuses a second account whose name differs only in case, even from two nodes at once', async () => {
    await moderators.add('Ana', 'h', 'admin');
    await expect(other.add('ANA', 'h', 'moderator')).rejects.toThrow();
    const results = await Promise.allSettled([moderators.add('bob', 'h', 'moderator'), other.add('Bob', 'h', 'admin')]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((await moderators.list()).map((m) => m.name.toLowerCase())).toEqual(['ana', 'bob']);
  });

  it('lists accounts by name whatever its case, and counts the admins', async () => {
    for (const [name, role] of [
      ['carl', 'moderator'],
      ['Bob', 'admin'],
      ['ana', 'admin'],
    ] as const) {
      await moderators.add(name, 'h', role);
    }
    expect((await moderators.list()).map((m) => m.name)).toEqual(['ana', 'Bob', 'carl']);
    expect(await moderators.countAdmins()).toBe(2);
  });

  it('keeps a session until it expires, and every node sees it', async () => {
    const ana = await moderators.add('ana', 'h', 'moderator');
    await moderators.createSession('token-hash', ana.id, 1000, 10);
    expect(await other.findSession('token-hash', 999)).toEqual(ana);
    expect(await other.findSession('token-hash', 1000)).toBeNull();
    expect(await other.findSession('another-hash', 10)).toBeNull();
    await moderators.createSession('later', ana.id, 2000, 10);
    expect(await other.deleteExpiredSessions(1000)).toBe(1);
    expect(await moderators.findSession('later', 1500)).toEqual(ana);
    await other.deleteSession('later');
    expect(await moderators.findSession('later', 1500)).toBeNull();
  });

  it('signs an account out everywhere when its password changes or it is removed', async () => {
    const ana = await moderators.add('ana', 'h', 'moderator');
    const bob = await moderators.add('bob', 'h', 'moderator');
    await moderators.createSession('ana-1', ana.id, 1000);
    await moderators.createSession('ana-2', ana.id, 1000);
    await moderators.createSession('bob-1', bob.id, 1000);
    await other.setPassword('ANA', 'new');
    expect(await moderators.findSession('ana-1', 0)).toBeNull();
    expect(await moderators.findSession('ana-2', 0)).toBeNull();
    expect(await moderators.findSession('bob-1', 0)).toEqual(bob);
    await other.remove('Bob');
    expect(await moderators.findSession('bob-1', 0)).toBeNull();
    // The foreign key took the row, not only the join: nothing is left to expire.
    expect(await moderators.deleteExpiredSessions(Number.MAX_SAFE_INTEGER)).toBe(0);
  });

  it('refuses a session for an account that does not exist', async () => {
    await expect(moderators.createSession('t', 12345, 1000)).rejects.toThrow();
  });
});
