/** What sources remember: read whole before they start, kept in memory while they run, written through in order. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../server/store/index.js';
import { createSourceMemories } from '../../../server/sources/source-memory.js';
import { silentLogger } from '../../../server/log.js';
import { captureLogs } from '../../integration/helpers/logs.js';

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'murmure-source-memory-'));
  store = await openStore(join(dir, 'murmure.db'));
  await store.events.upsertFromFile('ev', 'Event');
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('source memory', () => {
  it('starts with what the store holds, and the store gets every write, in order', async () => {
    await store.sourceState.set('ev', 'x', 'since_id', '10');
    const memories = createSourceMemories(store.sourceState, silentLogger());
    const { memory } = await memories.open('ev', 'x');
    expect(memory.get('since_id')).toBe('10');
    for (const id of ['11', '12', '13']) memory.set('since_id', id);
    memory.set('gone', 'soon');
    memory.delete('gone');
    expect(memory.get('since_id')).toBe('13');
    expect(memory.get('gone')).toBeUndefined();
    await memories.settled();
    expect(await store.sourceState.get('ev', 'x', 'since_id')).toBe('13');
    expect(await store.sourceState.get('ev', 'x', 'gone')).toBeUndefined();
  });

  it('is one memory for the sources of one event and kind, and separate for another kind', async () => {
    const memories = createSourceMemories(store.sourceState, silentLogger());
    const first = await memories.open('ev', 'mastodon');
    const second = await memories.open('ev', 'mastodon');
    const other = await memories.open('ev', 'bluesky');
    first.memory.set('uri:1', 'https://m.example/s/1');
    expect(second.memory.get('uri:1')).toBe('https://m.example/s/1');
    expect(other.memory.get('uri:1')).toBeUndefined();
  });

  it('reads the store again once its sources stopped, after the writes they made', async () => {
    const memories = createSourceMemories(store.sourceState, silentLogger());
    const running = await memories.open('ev', 'x');
    running.memory.set('since_id', '20');
    running.release();
    await store.sourceState.set('ev', 'x', 'written', 'elsewhere');
    const restarted = await memories.open('ev', 'x');
    expect(restarted.memory.get('since_id')).toBe('20');
    expect(restarted.memory.get('written')).toBe('elsewhere');
  });

  it('forgets old keys of a prefix, in memory and in the store', async () => {
    await store.sourceState.set('ev', 'bluesky', 'post:old', '1', 1000);
    await store.sourceState.set('ev', 'bluesky', 'post:new', '1', 5000);
    await store.sourceState.set('ev', 'bluesky', 'cursor', '9', 1000);
    const memories = createSourceMemories(store.sourceState, silentLogger(), () => 6000);
    const { memory } = await memories.open('ev', 'bluesky');
    memory.set('post:fresh', '1');
    expect(memory.forgetOlder('post:', 2000)).toBe(1);
    expect([memory.get('post:old'), memory.get('post:new'), memory.get('cursor')]).toEqual([undefined, '1', '9']);
    await memories.settled();
    const keys = (await store.sourceState.entries('ev', 'bluesky')).map((entry) => entry.key).sort();
    expect(keys).toEqual(['cursor', 'post:fresh', 'post:new']);
  });

  it('logs a write the store refused once, and keeps what the source wrote', async () => {
    const { lines, log } = captureLogs();
    const memories = createSourceMemories(store.sourceState, log);
    const { memory } = await memories.open('ev', 'x');
    await store.close();
    memory.set('since_id', '30');
    memory.set('since_id', '31');
    await memories.settled();
    expect(memory.get('since_id')).toBe('31');
    expect(lines.filter((line) => line.includes('could not save what it remembers'))).toHaveLength(1);
    store = await openStore(join(dir, 'murmure.db'));
  });
});
