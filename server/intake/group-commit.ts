/**
 * Group commit: everything submitted during one turn of the event loop is written in one transaction, and
 * each submitter's promise settles only once that commit is on disk. One fsync per batch, so a burst of items
 * costs about as much as one, and nothing is acknowledged before it is durable.
 *
 * `durable` (optional) is how a batch reaches the disk when its commit did not wait for it: its submitters are
 * answered when that resolves, while the event loop already prepares the next batch.
 *
 * Batches commit one at a time, in the order they were flushed, however long a commit takes: the store's log
 * rows of one batch come after those of the one before.
 */
export interface GroupCommitter<T, R> {
  submit(entry: T): Promise<R>;
  /**
   * Commits what is waiting now (used before reading what was submitted, and at shutdown); resolves once it is
   * committed, not necessarily durable.
   */
  flush(): Promise<void>;
  /** Resolves once every batch committed so far has been answered (before the database closes). */
  settled(): Promise<void>;
}

interface Waiting<T, R> {
  entry: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitOptions {
  maxBatch?: number;
  durable?: () => Promise<void>;
}

export function createGroupCommitter<T, R>(
  commit: (entries: T[]) => R[] | Promise<R[]>,
  { maxBatch = 500, durable }: GroupCommitOptions = {},
): GroupCommitter<T, R> {
  let waiting: Waiting<T, R>[] = [];
  let scheduled: NodeJS.Immediate | null = null;
  const answering = new Set<Promise<void>>();
  /** The last batch's commit: the next one starts after it. Never rejects (`settle` answers the failures). */
  let committing: Promise<void> = Promise.resolve();

  function flush(): Promise<void> {
    if (scheduled) clearImmediate(scheduled);
    scheduled = null;
    while (waiting.length > 0) {
      const batch = waiting.slice(0, maxBatch);
      waiting = waiting.slice(maxBatch);
      committing = committing.then(() => settle(batch));
    }
    return committing;
  }

  async function settle(batch: Waiting<T, R>[]): Promise<void> {
    let results: R[];
    try {
      results = await commit(batch.map((w) => w.entry));
    } catch (error) {
      // The transaction rolled back: nobody in this batch is told their item was stored.
      for (const w of batch) w.reject(error);
      return;
    }
    if (!durable) {
      batch.forEach((w, i) => w.resolve(results[i]!));
      return;
    }
    const answer = durable().then(
      () => batch.forEach((w, i) => w.resolve(results[i]!)),
      // Stored, but the disk did not confirm it: not acknowledged, so a sender retries (and dedupe finds it).
      (error: unknown) => batch.forEach((w) => w.reject(error)),
    );
    answering.add(answer);
    void answer.finally(() => answering.delete(answer));
  }

  return {
    submit(entry: T): Promise<R> {
      return new Promise<R>((resolve, reject) => {
        waiting.push({ entry, resolve, reject });
        scheduled ??= setImmediate(() => void flush());
      });
    },
    flush,
    async settled() {
      for (;;) {
        const last = committing;
        await last;
        if (answering.size > 0) await Promise.allSettled(answering);
        else if (last === committing) return;
      }
    },
  };
}
