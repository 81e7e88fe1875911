/**
 * Group commit: everything submitted during one turn of the event loop is written in one transaction, and
 * each submitter's promise settles only after that commit. With synchronous=FULL that is one fsync per batch,
 * so a burst of items costs about as much as one, and nothing is acknowledged before it is on disk.
 */
export interface GroupCommitter<T, R> {
  submit(entry: T): Promise<R>;
  /** Commits what is waiting now (used at shutdown). */
  flush(): void;
}

interface Waiting<T, R> {
  entry: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export function createGroupCommitter<T, R>(commit: (entries: T[]) => R[], maxBatch = 500): GroupCommitter<T, R> {
  let waiting: Waiting<T, R>[] = [];
  let scheduled: NodeJS.Immediate | null = null;

  function flush(): void {
    if (scheduled) clearImmediate(scheduled);
    scheduled = null;
    while (waiting.length > 0) {
      const batch = waiting.slice(0, maxBatch);
      waiting = waiting.slice(maxBatch);
      settle(batch);
    }
  }

  function settle(batch: Waiting<T, R>[]): void {
    let results: R[];
    try {
      results = commit(batch.map((w) => w.entry));
    } catch (error) {
      // The transaction rolled back: nobody in this batch is told their item was stored.
      for (const w of batch) w.reject(error);
      return;
    }
    batch.forEach((w, i) => w.resolve(results[i]!));
  }

  return {
    submit(entry: T): Promise<R> {
      return new Promise<R>((resolve, reject) => {
        waiting.push({ entry, resolve, reject });
        scheduled ??= setImmediate(flush);
      });
    },
    flush,
  };
}
