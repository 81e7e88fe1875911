/**
 * Two nodes behind the front, and node A is stopped on purpose (SIGTERM, as a rolling upgrade does): it answers
 * /healthz 503 first, so the front takes it out of the rotation on that answer, then it drains its sockets; its walls
 * move to node B and resynchronise from their snapshot, and the phones posting meanwhile lose nothing.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signedIn, type ModeratorClient } from '../helpers/moderation.js';
import { allItems, burst, numbered, openWall, submitUntilAnswered, tally, type ClusterWall } from './clients.js';
import { ADMIN_PASSWORD, hasCluster, NO_CLUSTER, useCluster, type ClusterNode } from './nodes.js';

const EVENT = 'debate';
const WAIT = { timeout: 15_000, interval: 50 };

const sortedIds = (ids: number[]) => [...ids].sort((x, y) => x - y);

/** Every /healthz answer of the node until its process ends (0: no answer). */
async function healthUntilExit(node: ClusterNode, exited: () => boolean): Promise<number[]> {
  const answers: number[] = [];
  while (!exited()) {
    answers.push(
      await fetch(`${node.url}/healthz`).then(
        (response) => response.status,
        () => 0,
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return answers;
}

describe.skipIf(!hasCluster)(hasCluster ? 'two nodes: a node stops' : `two nodes (skipped: ${NO_CLUSTER})`, () => {
  const cluster = useCluster({
    settings: { trustProxy: 'loopback' },
    events: [{ slug: EVENT, title: 'Débat', sources: [{ kind: 'web', perMinute: 600 }] }],
  });
  let onB: ModeratorClient;
  const walls: ClusterWall[] = [];
  beforeAll(async () => {
    onB = await signedIn(cluster().node('b').url, 'admin', ADMIN_PASSWORD);
  });
  afterAll(() => {
    for (const wall of walls) wall.close();
    onB?.close();
  });

  it('leaves the front on a 503, drains, and its walls resynchronise on B', async () => {
    const a = cluster().node('a');
    for (const n of [1, 2]) await submitUntilAnswered(cluster().url, EVENT, `Affiché ${n}`, `shown-${n}-key`);
    for (const item of await allItems(onB, EVENT, 'pending')) await onB.ok('item:approve', { id: item.id });
    const approved = sortedIds((await allItems(onB, EVENT, 'approved')).map((item) => item.id));
    expect(approved).toHaveLength(2);
    for (let n = 0; n < 4; n++) walls.push(openWall(cluster().url, EVENT));
    await vi.waitFor(() => {
      for (const wall of walls) expect(sortedIds(wall.ids())).toEqual(approved);
    }, WAIT);

    const posts = numbered('Pendant', 100);
    const answers = burst(cluster().url, EVENT, posts, { concurrency: 4 });
    const stoppedAt = Date.now();
    let exited = false;
    const stopped = a.stop().finally(() => (exited = true));
    const health = await healthUntilExit(a, () => exited);
    expect(await stopped).toBe(0);
    expect(health).toContain(503);
    // The front took A out on its 503, not once its port refused connections.
    expect(cluster().frontOutput()).toMatch(/Server nodes\/a is DOWN, reason: Layer7 wrong status, code: 503/);

    await vi.waitFor(() => {
      for (const wall of walls) {
        expect(wall.connected).toBe(true);
        const dropped = wall.drops.filter((at) => at >= stoppedAt).at(-1);
        if (dropped) expect(wall.snapshots.at(-1)!.at).toBeGreaterThan(dropped);
        expect(sortedIds(wall.ids())).toEqual(approved);
      }
    }, WAIT);
    expect(walls.filter((wall) => wall.drops.some((at) => at >= stoppedAt)).length).toBeGreaterThan(0);

    const submissions = await answers;
    expect(submissions.filter((s) => s.status !== 202 && s.status !== 200).map((s) => [s.message, s.status])).toEqual(
      [],
    );
    const stored = tally((await allItems(onB, EVENT, 'pending')).map((item) => item.text));
    expect(posts.filter((post) => stored.get(post.message) !== 1).map((post) => post.message)).toEqual([]);
  }, 60_000);
});
