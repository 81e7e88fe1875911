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
  const guard = (name: string, job: () => void) => () => {
    try {
      job();
    } catch (error) {
      log.error({ err: error, job: name }, 'moderation job failed');
    }
  };
  const releaseHolds = guard('hold', () => {
    for (const id of store.items.dueHolds(now())) actions.releaseHold(id);
  });
  const timers = [
    setInterval(releaseHolds, intervals.holdMs),
    setInterval(
      guard('retention', () => purge.expired()),
      intervals.retentionMs,
    ),
  ];
  for (const timer of timers) timer.unref();
  // Holds that ran out while the server was stopped, and a retention pass, right away.
  releaseHolds();
  guard('retention', () => purge.expired())();
  return {
    stop(): void {
      for (const timer of timers) clearInterval(timer);
    },
  };
}
