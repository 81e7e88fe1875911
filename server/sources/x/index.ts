/**
 * The X (Twitter) source. With stream access (mode `stream`, or `auto` until X answers 403 client-not-enrolled):
 * the event's hashtags as one tagged rule, posts from the app's shared filtered stream, and a recent-search backfill
 * after every (re)connect. Without it (mode `search`, or the `auto` fallback): recent search every `pollSeconds`.
 * In both, approved posts are looked up again every `recheckSeconds` and those deleted on X leave the wall, and an
 * edited post revises the item of its original (edits.ts).
 * Stopping removes the event's rule: a rule nobody reads still spends the app's monthly post cap, and would push
 * posts down the stream shared with the other events only for them to be dropped.
 */
import type { SourceConfig } from '../../config/sources.js';
import type { RawPayload } from '../../pipeline/types.js';
import { Backoff, POLL_ERROR_DELAYS, sleep } from '../retry.js';
import { failure, withHost } from '../problem.js';
import type { Source, SourceContext, SourceState, StateDetails } from '../source.js';
import { classifyError, createXApi, describeFailure, isNotEnrolled, problemOfX, type XApi } from './client.js';
import { editedVersion, NewestVersions } from './edits.js';
import { HTTP_DELAYS, newerId, RATE_LIMIT_DELAYS, type ReconnectPlan } from './policy.js';
import { recheckShown } from './recheck.js';
import { appKey, holdRules, removeRulesWithin, RuleRefusedError, ruleTag, ruleValue, syncRule } from './rules.js';
import { RateGate, SINCE_KEY, sweep, type SweepOptions } from './search.js';
import { DEFAULT_STREAM_TUNING, joinStream, type StreamListener, type StreamTuning } from './stream.js';

export type XConfig = Extract<SourceConfig, { kind: 'x' }>;

/** Timings tests may shorten; the defaults follow X's guidance. */
export interface XTuning {
  stream: StreamTuning;
  /** A backfill starts this long before the newest post seen, since a gap's edges are fuzzy. */
  backfillOverlapMs: number;
  /** Longest wait for the rule's removal when the event stops. */
  cleanupTimeoutMs: number;
  /** Approved posts looked up per round (100 per call). */
  recheckLimit: number;
}

export const DEFAULT_X_TUNING: XTuning = {
  stream: DEFAULT_STREAM_TUNING,
  backfillOverlapMs: 60_000,
  cleanupTimeoutMs: 5_000,
  recheckLimit: 300,
};

/** Backfill attempts after a connect before the gap is given up on (it shows as the source's last error). */
const BACKFILL_ATTEMPTS = 4;

export function createXSource(config: XConfig, tuning: Partial<XTuning> = {}): Source {
  return { run: (ctx) => new XSourceRun(config, { ...DEFAULT_X_TUNING, ...tuning }, ctx).run() };
}

class XSourceRun {
  readonly #api: XApi;
  readonly #tag: string;
  /** This source among the events sharing the app's rules (see rules.ts). */
  readonly #holder = Symbol('x source');
  readonly #query: string;
  readonly #searchGate = new RateGate();
  readonly #lookupGate = new RateGate();
  readonly #newestVersions = new NewestVersions();
  readonly #firstStart: number;
  #ruleIds = new Set<string>();
  #ruleTouched = false;
  #streamUp = false;
  /** Counts stream connections; a backfill completed for the current one lets stream posts move since_id. */
  #generation = 0;
  #backfilledGeneration = -1;
  #backfill: Promise<void> | undefined;
  #backfillAgain = false;
  #lastState = '';
  /** Aborted on stop, or when the main loop ends on a bug: the re-check loop must not outlive it. */
  readonly #halt = new AbortController();

  constructor(
    private readonly config: XConfig,
    private readonly tuning: XTuning,
    private readonly ctx: SourceContext,
  ) {
    this.#api = createXApi(config.apiBase, config.bearerToken);
    this.#tag = ruleTag(ctx.event);
    this.#query = ruleValue(ctx.hashtags);
    this.#firstStart = Date.now() - config.backfillMinutes * 60_000;
  }

  async run(): Promise<void> {
    if (this.ctx.hashtags.length === 0) {
      return this.#setState(
        'failing',
        failure('the event has no hashtags to follow on X', { problem: { code: 'no_hashtag' } }),
      );
    }
    // The library takes no AbortSignal: closing the agent ends whatever request is in flight.
    const onAbort = () => {
      this.#halt.abort();
      this.#api.close();
    };
    this.ctx.signal.addEventListener('abort', onAbort, { once: true });
    try {
      await Promise.all([this.#main().finally(() => this.#halt.abort()), this.#recheckLoop()]);
    } finally {
      this.ctx.signal.removeEventListener('abort', onAbort);
      this.#api.close();
      await this.#backfill;
      if (this.#ruleTouched) await this.#removeRule();
    }
  }

  /** Deletes the event's rule on stop, on a fresh connection (the source's own was closed by the stop). */
  async #removeRule(): Promise<void> {
    const { apiBase, bearerToken } = this.config;
    try {
      const removed = await removeRulesWithin(
        apiBase,
        bearerToken,
        this.#tag,
        this.tuning.cleanupTimeoutMs,
        this.#holder,
      );
      this.ctx.log.info({ removed }, 'stream rule removed');
    } catch (error) {
      this.ctx.log.warn({ lastError: describeFailure(classifyError(error), 'stream rule removal') }, 'rule left on X');
    }
  }

  async #main(): Promise<void> {
    if (this.config.mode === 'search') return this.#poll();
    const outcome = await this.#stream();
    if (outcome === 'not-enrolled') {
      this.ctx.log.info('this X access tier has no filtered stream: polling recent search instead');
      await this.#poll('no filtered stream on this X access tier: recent search instead');
    }
  }

  /** Follows the shared stream until stopped, or until X says the tier has no stream (mode auto). */
  async #stream(): Promise<'stopped' | 'not-enrolled'> {
    const synced = await this.#syncRule();
    if (synced !== 'ok') return synced;
    return new Promise((resolve) => {
      let finished = false;
      const finish = (outcome: 'stopped' | 'not-enrolled') => {
        if (finished) return;
        finished = true;
        this.ctx.signal.removeEventListener('abort', onAbort);
        this.#streamUp = false;
        void membership.leave().then(() => resolve(outcome));
      };
      const onAbort = () => finish('stopped');
      const listener: StreamListener = {
        wants: (rules) =>
          rules.some((rule) => rule.tag === this.#tag || (rule.id !== undefined && this.#ruleIds.has(rule.id))),
        onConnected: () => this.#connected(),
        onPost: (message) => void this.#streamPost(message),
        onDown: (plan) => (plan.notEnrolled && this.config.mode === 'auto' ? finish('not-enrolled') : this.#down(plan)),
      };
      const options = { apiBase: this.config.apiBase, bearerToken: this.config.bearerToken, log: this.ctx.log };
      const membership = joinStream({ ...options, tuning: this.tuning.stream }, listener);
      if (this.ctx.signal.aborted) finish('stopped');
      else this.ctx.signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Creates the event's rule (idempotently), retrying until it holds or the source stops. */
  async #syncRule(): Promise<'ok' | 'not-enrolled' | 'stopped'> {
    const backoff = new Backoff(HTTP_DELAYS);
    while (!this.ctx.signal.aborted) {
      try {
        this.#ruleTouched = true;
        this.#ruleIds = await syncRule(this.#api.v2, this.#tag, this.#query);
        holdRules(appKey(this.config.apiBase, this.config.bearerToken), this.#holder, this.#ruleIds);
        return 'ok';
      } catch (error) {
        if (this.ctx.signal.aborted) break;
        const refusal = error instanceof RuleRefusedError ? undefined : classifyError(error);
        if (refusal && isNotEnrolled(refusal) && this.config.mode === 'auto') {
          this.#ruleTouched = false;
          return 'not-enrolled';
        }
        const lastError = refusal ? describeFailure(refusal, 'stream rules') : (error as Error).message;
        const limited = refusal?.kind === 'http' && refusal.status === 429;
        const delay = limited ? Math.max(RATE_LIMIT_DELAYS[0]!, (refusal.resetAt ?? 0) - Date.now()) : backoff.next();
        this.ctx.log.warn({ lastError, delayMs: delay }, 'could not set the stream rule');
        const until = Date.now() + delay;
        this.#setState(limited ? 'rate-limited' : 'failing', {
          ...failure(
            lastError,
            refusal ? { problem: limited ? { code: 'rate_limited', until } : problemOfX(refusal) } : {},
          ),
          ...(limited ? { until } : {}),
        });
        if (!(await sleep(delay, this.ctx.signal))) break;
      }
    }
    return 'stopped';
  }

  #connected(): void {
    this.#streamUp = true;
    this.#generation += 1;
    this.#setState('backfilling');
    if (this.#backfill) {
      this.#backfillAgain = true;
      return;
    }
    this.#backfill = this.#backfillLoop().finally(() => (this.#backfill = undefined));
  }

  #down(plan: ReconnectPlan): void {
    this.#streamUp = false;
    const until = plan.state === 'rate-limited' ? { until: Date.now() + plan.delayMs } : {};
    this.#setState(plan.state, { ...failure(plan.lastError), ...until });
  }

  async #streamPost(message: Record<string, unknown>): Promise<void> {
    const generation = this.#generation;
    await this.#submit([{ format: 'x', payload: message }]);
    // Everything before this post was covered by this connection's backfill: the next one can start here.
    const id = (message.data as { id?: unknown } | undefined)?.id;
    if (typeof id === 'string' && this.#backfilledGeneration === generation && this.#generation === generation) {
      const newest = newerId(this.ctx.memory.get(SINCE_KEY), id);
      if (newest === id) this.ctx.memory.set(SINCE_KEY, id);
    }
  }

  /** Recent search from the last post seen, after each connect; a failure is retried a few times. */
  async #backfillLoop(): Promise<void> {
    const backoff = new Backoff(POLL_ERROR_DELAYS);
    let attempts = 0;
    do {
      this.#backfillAgain = false;
      const generation = this.#generation;
      const result = await sweep(
        this.#sweepOptions(this.tuning.backfillOverlapMs, () => this.#setState('backfilling')),
      );
      if (result.kind === 'aborted') return;
      let details: StateDetails = {};
      if (result.kind === 'done') {
        attempts = 0;
        if (generation === this.#generation) this.#backfilledGeneration = generation;
      } else {
        const lastError = describeFailure(result.failure, 'backfill by recent search');
        details = failure(lastError, { problem: problemOfX(result.failure) });
        this.ctx.log.warn({ lastError }, 'backfill failed');
        attempts += 1;
        const retry = attempts < BACKFILL_ATTEMPTS && !isNotEnrolled(result.failure);
        if (retry) this.#backfillAgain = (await sleep(backoff.next(), this.ctx.signal)) || this.#backfillAgain;
      }
      if (this.#streamUp && !this.#backfillAgain) this.#setState('live', details);
    } while (this.#backfillAgain && !this.ctx.signal.aborted);
  }

  /** Recent search every pollSeconds; errors back off. */
  async #poll(detail?: string): Promise<void> {
    const details = detail === undefined ? {} : { detail };
    this.#setState('polling', details);
    const backoff = new Backoff(POLL_ERROR_DELAYS);
    while (!this.ctx.signal.aborted) {
      const result = await sweep(this.#sweepOptions(0, () => this.#setState('polling', details)));
      if (result.kind === 'aborted') return;
      let delay = this.config.pollSeconds * 1000;
      if (result.kind === 'failed') {
        const lastError = describeFailure(result.failure, 'recent search');
        this.ctx.log.warn({ lastError }, 'recent search failed');
        this.#setState('failing', { ...details, ...failure(lastError, { problem: problemOfX(result.failure) }) });
        delay = isNotEnrolled(result.failure) ? HTTP_DELAYS.at(-1)! : Math.max(delay, backoff.next());
      } else {
        backoff.reset();
        this.#setState('polling', details);
      }
      if (!(await sleep(delay, this.ctx.signal))) return;
    }
  }

  #sweepOptions(overlapMs: number, onResumed: () => void): SweepOptions {
    return {
      v2: this.#api.v2,
      query: this.#query,
      memory: this.ctx.memory,
      gate: this.#searchGate,
      signal: this.ctx.signal,
      overlapMs,
      firstStart: this.#firstStart,
      now: Date.now,
      onPosts: (payloads) => this.#submit(payloads),
      onRateLimited: (until) =>
        this.#setState('rate-limited', {
          until,
          problem: { code: 'rate_limited', until },
          detail: 'recent search: waiting for the rate limit reset',
        }),
      onResumed,
    };
  }

  /**
   * Hands posts to the pipeline together (one group commit); a post that cannot be read is logged and skipped. An
   * edit revises the item of its original post, unless a newer edit of it came first.
   */
  async #submit(payloads: RawPayload[]): Promise<void> {
    await Promise.all(
      payloads.map(async (raw) => {
        try {
          const edit = editedVersion(raw.payload);
          if (edit !== null && !this.#newestVersions.isNewest(edit)) return;
          const outcome = edit === null ? await this.ctx.submit(raw) : await this.ctx.revise(raw);
          if (outcome.kind === 'malformed') this.ctx.log.warn({ why: outcome.message }, 'skipped a post from X');
        } catch (error) {
          this.ctx.log.error({ error: (error as Error).message }, 'could not store a post from X');
        }
      }),
    );
  }

  /** Looks approved posts up again every recheckSeconds; deleted ones leave the wall. */
  async #recheckLoop(): Promise<void> {
    if (this.config.recheckSeconds === 0) return;
    while (await sleep(this.config.recheckSeconds * 1000, this.#halt.signal)) {
      try {
        const ids = await this.ctx.shownSourceIds('x', this.tuning.recheckLimit);
        if (ids.length === 0 || this.#lookupGate.waitMs() > 0) continue;
        const gone = await recheckShown(this.#api.v2, ids, this.#lookupGate, (id) =>
          this.ctx.retract('x', id, 'deleted on X'),
        );
        if (gone > 0) this.ctx.log.info({ gone }, 'approved posts deleted on X were taken down');
      } catch (error) {
        if (this.ctx.signal.aborted) return;
        const failure = classifyError(error);
        if (failure.kind === 'http' && failure.status === 429)
          this.#lookupGate.limit(failure.resetAt ?? Date.now() + 900_000);
        this.ctx.log.warn({ lastError: describeFailure(failure, 're-check of approved posts') }, 're-check failed');
      }
    }
  }

  /** Reports a state once: the same state and details again say nothing new. */
  #setState(state: SourceState, given: StateDetails = {}): void {
    // Every problem here is about the API the source calls: the console names it.
    const host = URL.parse(this.config.apiBase)?.host;
    const details = given.problem ? { ...given, problem: withHost(given.problem, host) } : given;
    const key = JSON.stringify([state, details]);
    if (key === this.#lastState) return;
    this.#lastState = key;
    this.ctx.setState(state, details);
  }
}
