/**
 * Intake: runs a source payload through the pure pipeline, stores the item (group commit), then notifies.
 * The promise a source awaits settles after the commit, so a webhook answers 200 only for what is on disk.
 */
import type { Logger } from '../log.js';
import type { Item } from '../protocol/items.js';
import type { FilterDecision, RawPayload } from '../pipeline/types.js';
import { createHourlyCounter } from './hourly-cap.js';
import { runPipeline } from '../pipeline/run.js';
import type { EventRegistry } from '../events/registry.js';
import type { Store, InsertResult, NewItem } from '../store/index.js';
import type { Notifier } from '../realtime/notifier.js';
import { createGroupCommitter } from './group-commit.js';

export type IntakeOutcome =
  | { kind: 'stored'; item: Item }
  | { kind: 'duplicate'; item: Item | null }
  | { kind: 'ignored'; why: string }
  | { kind: 'malformed'; message: string };

export interface IntakeDeps {
  store: Store;
  events: EventRegistry;
  notifier: Notifier;
  log: Logger;
  contactTag: (kind: 'phone' | 'email', value: string) => string;
  now?: () => number;
}

export function createIntake({ store, events, notifier, log, contactTag, now = Date.now }: IntakeDeps) {
  const committer = createGroupCommitter<NewItem, InsertResult>((entries) => store.items.insertBatch(entries));

  const hourly = createHourlyCounter(now);

  /** The rules that depend on time and volume, which the pure filter step cannot know: hold and hourly cap. */
  function applyPolicies(event: string, source: string, decision: FilterDecision, receivedAt: number) {
    const settings = events.ruleBook.settings(event);
    const cap = settings.hourlyCapPerSource;
    if (cap !== null && decision.status !== 'rejected' && hourly.count(`${event}:${source}`) > cap) {
      const reason = { rule: 'hourly-cap' as const, detail: `more than ${cap} items an hour from ${source}` };
      return { decision: { status: 'pending' as const, reasons: [...decision.reasons, reason] }, holdUntil: null };
    }
    const held = settings.mode === 'hold' && decision.status === 'pending';
    return { decision, holdUntil: held ? receivedAt + settings.holdSeconds * 1000 : null };
  }

  async function submit(event: string, raw: RawPayload, origin: string = raw.format): Promise<IntakeOutcome> {
    const outcome = runPipeline(raw, {
      contactTag,
      now,
      seen: (source, sourceId) => store.items.exists(event, source, sourceId),
      rules: events.rules(event),
    });
    switch (outcome.kind) {
      case 'malformed':
        log.warn({ event, origin, err: outcome.error.message }, 'malformed payload skipped');
        return { kind: 'malformed', message: outcome.error.message };
      case 'ignored':
        log.debug({ event, origin, why: outcome.why }, 'payload ignored');
        return { kind: 'ignored', why: outcome.why };
      case 'duplicate':
        return { kind: 'duplicate', item: store.items.findByKey(event, outcome.source, outcome.sourceId) };
      case 'item': {
        const receivedAt = now();
        const { decision, holdUntil } = applyPolicies(event, outcome.item.source, outcome.decision, receivedAt);
        const result = await committer.submit({ event, item: outcome.item, decision, receivedAt, holdUntil });
        if (!result.stored) return { kind: 'duplicate', item: result.existing };
        notifier.itemReceived(result.item);
        return { kind: 'stored', item: result.item };
      }
    }
  }

  return {
    submit,
    /** Writes anything still waiting; called before the database closes. */
    flush: () => committer.flush(),
  };
}

export type Intake = ReturnType<typeof createIntake>;
export type SubmitFn = Intake['submit'];
