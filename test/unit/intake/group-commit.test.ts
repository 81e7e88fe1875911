import { describe, expect, it } from 'vitest';
import { createGroupCommitter } from '../../../server/intake/group-commit.js';

describe('group commit', () => {
  it('commits everything submitted in one tick as one batch and answers each submitter', async () => {
    const batches: number[][] = [];
    const committer = createGroupCommitter((entries: number[]) => {
      batches.push(entries);
      return entries.map((n) => n * 10);
    });
    const results = await Promise.all([1, 2, 3].map((n) => committer.submit(n)));
    expect(results).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
    expect(await committer.submit(4)).toBe(40);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('caps the batch size', async () => {
    const sizes: number[] = [];
    const committer = createGroupCommitter(
      (entries: number[]) => {
        sizes.push(entries.length);
        return entries;
      },
      { maxBatch: 2 },
    );
    await Promise.all([1, 2, 3, 4, 5].map((n) => committer.submit(n)));
    expect(sizes).toEqual([2, 2, 1]);
  });

  it('tells every submitter of a failed batch, and nobody else', async () => {
    let fail = true;
    const committer = createGroupCommitter((entries: number[]) => {
      if (fail) throw new Error('disk full');
      return entries;
    });
    const failed = [1, 2].map((n) => committer.submit(n));
    await expect(Promise.all(failed)).rejects.toThrow('disk full');
    await expect(failed[1]).rejects.toThrow('disk full');
    fail = false;
    expect(await committer.submit(3)).toBe(3);
  });
});

describe('group commit with a separate sync', () => {
  it('answers a batch once it is durable, committing the next batch meanwhile', async () => {
    const commits: number[][] = [];
    const syncs: (() => void)[] = [];
    const committer = createGroupCommitter(
      (entries: number[]) => {
        commits.push(entries);
        return entries;
      },
      { durable: () => new Promise<void>((done) => syncs.push(done)) },
    );
    const answered: number[] = [];
    const first = [1, 2].map((n) => committer.submit(n).then((r) => answered.push(r)));
    await new Promise((resolve) => setImmediate(resolve));
    const second = committer.submit(3).then((r) => answered.push(r));
    await new Promise((resolve) => setImmediate(resolve));
    expect(commits).toEqual([[1, 2], [3]]);
    expect(answered).toEqual([]);

    syncs[0]!();
    await Promise.all(first);
    expect(answered).toEqual([1, 2]);
    const settled = committer.settled();
    syncs[1]!();
    await second;
    await settled;
    expect(answered).toEqual([1, 2, 3]);
  });

  it('tells the submitters of a batch the disk did not confirm', async () => {
    const committer = createGroupCommitter((entries: number[]) => entries, {
      durable: () => Promise.reject(new Error('EIO')),
    });
    await expect(committer.submit(1)).rejects.toThrow('EIO');
    await committer.settled();
  });
});

describe('group commit on a store that answers later', () => {
  it('commits one batch at a time, in order, and flush resolves once what waited is committed', async () => {
    const log: string[] = [];
    const committer = createGroupCommitter(
      async (entries: number[]) => {
        log.push(`start ${entries.join(',')}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        log.push(`end ${entries.join(',')}`);
        return entries;
      },
      { maxBatch: 2 },
    );
    const answers = [1, 2, 3].map((n) => committer.submit(n));
    await committer.flush();
    expect(log).toEqual(['start 1,2', 'end 1,2', 'start 3', 'end 3']);
    expect(await Promise.all(answers)).toEqual([1, 2, 3]);
  });

  it('waits, when settling, for a commit still under way', async () => {
    let open = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const committer = createGroupCommitter(async (entries: number[]) => {
      await gate;
      return entries;
    });
    const answered: number[] = [];
    void committer.submit(7).then((n) => answered.push(n));
    void committer.flush();
    const settled = committer.settled().then(() => answered.length);
    open();
    expect(await settled).toBe(1);
  });
});
