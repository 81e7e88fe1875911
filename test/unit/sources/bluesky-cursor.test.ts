import { describe, expect, it } from 'vitest';
import { JetstreamCursor } from '../../../server/sources/bluesky/cursor.js';
import type { SourceMemory } from '../../../server/sources/source.js';

function memory(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  const writes: string[] = [];
  const store: SourceMemory = {
    get: (key) => values.get(key),
    set: (key, value) => {
      writes.push(value);
      values.set(key, value);
    },
    delete: (key) => void values.delete(key),
    forgetOlder: () => 0,
  };
  return { store, values, writes };
}

const HOUR_US = 3_600_000_000;

describe('Jetstream cursor', () => {
  it('is written at most every saveEveryMs, whatever the frame rate', () => {
    const { store, writes } = memory();
    let now = 1_000_000;
    const cursor = new JetstreamCursor({ memory: store, saveEveryMs: 5000, now: () => now });
    for (let frame = 1; frame <= 1000; frame++) {
      cursor.seen(frame);
      now += 10; // 1000 frames over 10 s
      cursor.save();
    }
    expect(writes).toEqual(['1', '501']);
    cursor.save(true); // on a disconnect or a stop
    cursor.save(true);
    expect(writes).toEqual(['1', '501', '1000']); // the second had nothing new
  });

  it('never goes past a post still on its way to the store', () => {
    const { store, values } = memory();
    const cursor = new JetstreamCursor({ memory: store, saveEveryMs: 0 });
    cursor.seen(100);
    cursor.hold(100);
    cursor.seen(200);
    cursor.hold(200);
    cursor.seen(300);
    expect(cursor.safe).toBe(99);
    cursor.done(100);
    expect(cursor.safe).toBe(199);
    cursor.done(200);
    cursor.save(true);
    expect(values.get('cursor')).toBe('300');
  });

  it('resumes a few seconds before the saved position, after a restart', () => {
    const now = Date.UTC(2026, 2, 12, 18);
    const saved = (now - 60_000) * 1000;
    const cursor = new JetstreamCursor({
      memory: memory({ cursor: String(saved) }).store,
      saveEveryMs: 0,
      now: () => now,
    });
    expect(cursor.resumeFrom(5_000_000, 36 * HOUR_US)).toEqual({ cursor: saved - 5_000_000 });
  });

  it('starts live, and forgets the cursor, when it is older than Jetstream keeps', () => {
    const now = Date.UTC(2026, 2, 12, 18);
    const { store, values } = memory({ cursor: String((now - 40 * 3_600_000) * 1000) });
    const cursor = new JetstreamCursor({ memory: store, saveEveryMs: 0, now: () => now });
    expect(cursor.resumeFrom(5_000_000, 36 * HOUR_US)).toEqual({ tooOld: 40 * HOUR_US });
    expect(values.has('cursor')).toBe(false);
    expect(cursor.resumeFrom(5_000_000, 36 * HOUR_US)).toEqual({});
  });

  it('starts live without a cursor, and ignores an unreadable one', () => {
    expect(new JetstreamCursor({ memory: memory().store, saveEveryMs: 0 }).resumeFrom(0, HOUR_US)).toEqual({});
    expect(new JetstreamCursor({ memory: memory({ cursor: 'x' }).store, saveEveryMs: 0 }).safe).toBeUndefined();
  });
});
