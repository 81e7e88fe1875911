/**
 * Durability off the main thread. A commit made with synchronous=NORMAL is in the WAL but maybe not yet on disk;
 * `sync()` resolves once every commit made before the call is: it fsyncs the WAL on libuv's thread pool, so the
 * event loop goes on with the next items while the disk works. Calls that come while an fsync is under way share
 * the next one, since the running one may have started before their commit.
 *
 * fsync flushes a file, not a descriptor, so opening the WAL by its path each time reaches the file SQLite writes.
 * SQLite deletes the WAL only when the last connection closes: callers wait for their syncs before closing.
 */
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Engine } from './engine/open.js';

export interface WalSync {
  /** Resolves once every commit made so far is on disk; rejects if the disk reported an error. */
  sync(): Promise<void>;
  /** Resolves when no fsync is running or waiting (before the connection closes). */
  idle(): Promise<void>;
}

async function fsyncPath(path: string, flags: string): Promise<void> {
  const handle = await open(path, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Nothing to wait for: every commit was durable when it returned. */
const DURABLE: WalSync = { sync: () => Promise.resolve(), idle: () => Promise.resolve() };

/**
 * The engine's: SQLite's WAL file; on PostgreSQL a commit is on disk when it returns (intake's batches too, see
 * item-inserts.ts), so there is nothing to sync.
 */
export function walSyncOf(engine: Engine): WalSync {
  return engine.sqlite ? createWalSync(engine.sqlite.name) : DURABLE;
}

/**
 * `file`: the database file (`:memory:` or an empty name has no WAL: nothing to wait for). `fsyncFile` is there
 * for the tests of the sharing of rounds.
 */
export function createWalSync(file: string, fsyncFile = fsyncPath): WalSync {
  const inMemory = file === '' || file === ':memory:';
  const wal = `${file}-wal`;
  // The WAL is a new file each time the database opens: its directory entry must reach the disk once too.
  let directorySynced = false;
  let running: Promise<void> | null = null;
  let queued: Promise<void> | null = null;

  async function fsyncWal(): Promise<void> {
    if (!directorySynced) {
      await fsyncFile(dirname(file), 'r');
      directorySynced = true;
    }
    await fsyncFile(wal, 'r+');
  }

  function start(): Promise<void> {
    const round = fsyncWal().finally(() => {
      if (running === round) running = null;
    });
    running = round;
    return round;
  }

  function sync(): Promise<void> {
    if (inMemory) return Promise.resolve();
    if (!running) return start();
    // One is running: it may predate the caller's commit, so the caller waits for the one after it.
    queued ??= running.then(next, next);
    return queued;
  }

  function next(): Promise<void> {
    queued = null;
    return start();
  }

  return {
    sync,
    async idle() {
      while (running || queued) await Promise.allSettled([running, queued]);
    },
  };
}
