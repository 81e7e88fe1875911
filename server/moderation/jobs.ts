/**
 * Background work of the moderation side: releasing held items when their delay runs out (checked every
 * second, so an item shows at most a second late) and purging past the retention period (hourly).
 */
import type { Logger } from '../log.js';
import type { Store } from '../store/index.js';
import type { ModerationActions } from './actions.js';
import type { PurgeService } from './purge.js';

export interface JobIntervals {
  holdMs: number;
  retentionMs: number;
}

export function startModerationJobs(
  deps: { store: Store; actions: ModerationActions; purge: PurgeService; log: Logger; now?: () => number },
  intervals: JobIntervals = { holdMs: 1000, retentionMs: 60 * 60 * 1000 },
) {
  const { store, actions, purge, log, now = Date.now } = deps;
  const running = new Set<Promise<void>>();
  /**
   * A run that fails is logged and the next one comes at its time; a run still going when its time comes again
   * (a slow disk) is not doubled.
   */
  const guard = (name: string, job: () => Promise<void>) => {
    let current: Promise<void> | null = null;
    return () => {
      if (current) return;
      current = job()
        .catch((error: unknown) => log.error({ err: error, job: name }, 'moderation job failed'))
        .finally(() => {
          running.delete(current!);
          current = null;
        });
      running.add(current);
    };
  };
  const releaseHolds = guard('hold', async () => {
    for (const id of await store.items.dueHolds(now())) await actions.releaseHold(id);
  });
  const expire = guard('retention', () => purge.expired());
  const timers = [setInterval(releaseHolds, intervals.holdMs), setInterval(expire, intervals.retentionMs)];
  for (const timer of timers) timer.unref();
  // Holds that ran out while the server was stopped, and a retention pass, right away.
  releaseHolds();
  expire();
  return {
    /** Stops the timers; resolves once the runs under way are over (before the store closes). */
    async stop(): Promise<void> {
      for (const timer of timers) clearInterval(timer);
      await Promise.all(running);
    },
  };
}
