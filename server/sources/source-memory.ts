/**
 * What sources remember (cursors, since ids, id maps), over the store's asynchronous source state. Sources read
 * and write their memory synchronously, in the middle of parsing a stream (a Bluesky delete looks its post up on
 * every frame), so each scope (an event and a source kind, as the rows are keyed) is read whole before its first
 * source starts and kept in memory while one runs. Writes go through to the store in the order they were made;
 * one that fails is logged once per scope, and the memory stays as the source wrote it.
 */
import type { Logger } from '../log.js';
import type { SourceMemory } from './source.js';

/** One remembered value and when it was last written (epoch ms), as the store's source_state gives it. */
export interface SourceStateEntry {
  key: string;
  value: string;
  updatedAt: number;
}

/** The store's side (store.sourceState); sources import nothing from the store, so its shape is said here. */
export interface SourceMemoryRows {
  entries(event: string, kind: string): Promise<SourceStateEntry[]>;
  set(event: string, kind: string, key: string, value: string, at?: number): Promise<void>;
  delete(event: string, kind: string, key: string): Promise<void>;
  forgetOlder(event: string, kind: string, prefix: string, before: number): Promise<number>;
}

export interface OpenedMemory {
  memory: SourceMemory;
  /** The source stopped: its scope is forgotten once no source of it runs (the store keeps everything). */
  release(): void;
}

interface Scope {
  users: number;
  values: Promise<Map<string, { value: string; at: number }>>;
  warned: boolean;
}

export function createSourceMemories(rows: SourceMemoryRows, log: Logger, now: () => number = Date.now) {
  const scopes = new Map<string, Scope>();
  /** Each scope's writes, in order; a scope read again waits for the writes made before. Never rejects. */
  const writes = new Map<string, Promise<void>>();

  function write(id: string, scope: Scope, what: string, work: () => Promise<unknown>): void {
    const previous = writes.get(id) ?? Promise.resolve();
    const next = previous.then(work).then(
      () => undefined,
      (error: unknown) => {
        if (scope.warned) return;
        scope.warned = true;
        log.error({ scope: id, what, err: error }, 'a source could not save what it remembers');
      },
    );
    writes.set(id, next);
  }

  async function read(id: string, event: string, kind: string) {
    await writes.get(id);
    const entries = await rows.entries(event, kind);
    return new Map(entries.map((entry) => [entry.key, { value: entry.value, at: entry.updatedAt }]));
  }

  return {
    /** The memory of `event`'s sources of `kind`, read from the store unless a source of the scope runs already. */
    async open(event: string, kind: string): Promise<OpenedMemory> {
      const id = `${event}\u0000${kind}`;
      let scope = scopes.get(id);
      if (!scope) {
        scope = { users: 0, values: read(id, event, kind), warned: false };
        scopes.set(id, scope);
      }
      scope.users += 1;
      const opened = scope;
      let values: Map<string, { value: string; at: number }>;
      try {
        values = await opened.values;
      } catch (error) {
        if (--opened.users === 0 && scopes.get(id) === opened) scopes.delete(id);
        throw error;
      }
      const memory: SourceMemory = {
        get: (key) => values.get(key)?.value,
        set(key, value) {
          const at = now();
          values.set(key, { value, at });
          write(id, opened, 'set', () => rows.set(event, kind, key, value, at));
        },
        delete(key) {
          values.delete(key);
          write(id, opened, 'delete', () => rows.delete(event, kind, key));
        },
        forgetOlder(prefix, before) {
          // As the store matches it: the prefix without LIKE's wildcards.
          const start = prefix.replace(/[%_]/g, '');
          let forgotten = 0;
          for (const [key, entry] of values) {
            if (key.startsWith(start) && entry.at < before) {
              values.delete(key);
              forgotten += 1;
            }
          }
          write(id, opened, 'forget', () => rows.forgetOlder(event, kind, prefix, before));
          return forgotten;
        },
      };
      let released = false;
      return {
        memory,
        release() {
          if (released) return;
          released = true;
          if (--opened.users === 0 && scopes.get(id) === opened) scopes.delete(id);
        },
      };
    },

    /** Resolves once every write made so far is in the store (before it closes). */
    async settled(): Promise<void> {
      await Promise.all(writes.values());
    },
  };
}

export type SourceMemories = ReturnType<typeof createSourceMemories>;
