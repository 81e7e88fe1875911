/**
 * Intake: runs a source payload through the pure pipeline, stores the item (group commit), then notifies.
 * The promise a source awaits settles after the commit, so a webhook answers 200 only for what is on disk.
 */
import type { Logger } from '../log.js';
import type { Item, ItemStatus, SourceKind } from '../protocol/items.js';
import { SOURCE_ACTOR, type SourceChange } from '../store/item-source-changes.js';
import type { FilterDecision, RawPayload } from '../pipeline/types.js';
import { createHourlyCounter } from './hourly-cap.js';
import { runPipeline } from '../pipeline/run.js';
import type { EventRegistry } from '../events/registry.js';
import type { Store, InsertResult, NewItem } from '../store/index.js';
import type { Notifier } from '../realtime/notifier.js';
import { createGroupCommitter } from './group-commit.js';
import { memoize } from '../pipeline/memo.js';
import { eventPhoneCountries } from '../pipeline/text/phone-countries.js';

export type IntakeOutcome =
  | { kind: 'stored'; item: Item }
  /** Already stored (a retry, a repost, a post seen through two instances), and the status it has now. */
  | { kind: 'duplicate'; status: ItemStatus | null }
  | { kind: 'ignored'; why: string }
  | { kind: 'malformed'; message: string };

/** What an edit or a delete at the source did. */
export type SourceChangeOutcome =
  | { kind: 'revised'; item: Item }
  | { kind: 'retracted'; item: Item }
  /** Not stored (never matched the event, or already deleted), or an edit that changed nothing shown. */
  | { kind: 'unchanged' }
  | { kind: 'ignored'; why: string }
  | { kind: 'malformed'; message: string };

export interface IntakeDeps {
  store: Store;
  events: EventRegistry;
  notifier: Notifier;
  log: Logger;
  contactTag: (kind: 'phone' | 'email', value: string) => string;
  /** The media proxy path of an outside image embedded in HTML. */
  proxyImage?: (url: string) => string;
  now?: () => number;
}

/**
 * Contacts whose tag stays computed: a keyed hash costs about 12 µs (a new HMAC each time), and SMS and email
 * senders write several times during an event.
 */
const TAGS_REMEMBERED = 5000;

export function createIntake({ store, events, notifier, log, contactTag, proxyImage, now = Date.now }: IntakeDeps) {
  const tagOf = memoize(
    (key: string) => contactTag(key.startsWith('p') ? 'phone' : 'email', key.slice(2)),
    TAGS_REMEMBERED,
  );
  const cachedTag = (kind: 'phone' | 'email', value: string) => tagOf(`${kind === 'phone' ? 'p' : 'e'}:${value}`);
  const committer = createGroupCommitter<NewItem, InsertResult>(
    (entries) => store.items.insertBatchSyncedLater(entries),
    {
      durable: () =>
        store.walSync.sync().catch((error: unknown) => {
          // The batch is stored but unconfirmed: its senders get an error and retry, and dedupe finds it.
          log.error(
            { err: error instanceof Error ? error.message : String(error) },
            'the disk did not confirm a write',
          );
          throw error;
        }),
    },
  );

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

  function pipelineContext(event: string) {
    return {
      contactTag: cachedTag,
      now,
      ...(proxyImage ? { proxyImage } : {}),
      seen: (source: string, sourceId: string) => store.items.exists(event, source, sourceId),
      rules: events.rules(event),
      phoneCountries: eventPhoneCountries(events.config(event)),
    };
  }

  function notifyChange(change: SourceChange, action: 'source-edit' | 'source-delete'): void {
    const { item, before, wasOnWall } = change;
    notifier.itemModerated({ item, action, by: SOURCE_ACTOR, before, after: item.status, wasOnWall, at: now() });
  }

  /**
   * The author edited a post: the stored item follows (see `store.items.revise`). An edit of a post never stored
   * (it did not carry the hashtag before, or arrived while we were away) goes through intake as a new item.
   */
  async function revise(
    event: string,
    raw: RawPayload,
    origin: string = raw.format,
  ): Promise<IntakeOutcome | SourceChangeOutcome> {
    const outcome = await runPipeline(raw, pipelineContext(event), { revision: true });
    if (outcome.kind === 'malformed') {
      log.warn({ event, origin, err: outcome.error.message }, 'malformed edit skipped');
      return { kind: 'malformed', message: outcome.error.message };
    }
    if (outcome.kind !== 'item') return outcome.kind === 'ignored' ? outcome : { kind: 'unchanged' };
    await committer.flush(); // the item may still be waiting for its own commit
    if (!(await store.items.exists(event, outcome.item.source, outcome.item.sourceId)))
      return submit(event, raw, origin);
    const change = await store.items.revise(event, outcome.item, outcome.decision, now());
    if (!change) return { kind: 'unchanged' };
    notifyChange(change, 'source-edit');
    return { kind: 'revised', item: change.item };
  }

  /** The author deleted a post (or it is gone): the item leaves the wall and the queue, its content erased. */
  async function retract(
    event: string,
    source: SourceKind,
    sourceId: string,
    why: string,
  ): Promise<SourceChangeOutcome> {
    await committer.flush();
    const change = await store.items.retract(event, source, sourceId, why, now());
    if (!change) return { kind: 'unchanged' };
    log.info({ event, source, item: change.item.id, why }, 'item deleted at its source');
    notifyChange(change, 'source-delete');
    return { kind: 'retracted', item: change.item };
  }

  async function submit(event: string, raw: RawPayload, origin: string = raw.format): Promise<IntakeOutcome> {
    const outcome = await runPipeline(raw, pipelineContext(event));
    switch (outcome.kind) {
      case 'malformed':
        log.warn({ event, origin, err: outcome.error.message }, 'malformed payload skipped');
        return { kind: 'malformed', message: outcome.error.message };
      case 'ignored':
        log.debug({ event, origin, why: outcome.why }, 'payload ignored');
        return { kind: 'ignored', why: outcome.why };
      case 'duplicate':
        return { kind: 'duplicate', status: await store.items.statusByKey(event, outcome.source, outcome.sourceId) };
      case 'item': {
        const receivedAt = now();
        const { decision, holdUntil } = applyPolicies(event, outcome.item.source, outcome.decision, receivedAt);
        const result = await committer.submit({ event, item: outcome.item, decision, receivedAt, holdUntil });
        if (!result.stored) return { kind: 'duplicate', status: result.status };
        notifier.itemReceived(result.item);
        return { kind: 'stored', item: result.item };
      }
    }
  }

  return {
    submit,
    revise,
    retract,
    /**
     * Writes anything still waiting and answers its senders once it is on disk, then lets what they do with the
     * answer run (a source saves its cursor), all while the database is still open: called before it closes.
     */
    async drain(): Promise<void> {
      await committer.flush();
      await committer.settled();
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

export type Intake = ReturnType<typeof createIntake>;
export type SubmitFn = Intake['submit'];
export type ReviseFn = Intake['revise'];
export type RetractFn = Intake['retract'];
