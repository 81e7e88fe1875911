/**
 * Bluesky through Jetstream v1: one websocket per event on `/subscribe?wantedCollections=app.bsky.feed.post`,
 * resumed from the saved cursor after every drop or restart (Jetstream replays what it keeps, about 36 h), so a
 * gap is backfilled by the stream itself. Posts carrying the event's hashtags go to the pipeline with their
 * author's profile and the post they quote or answer, read from the public AppView; edits and deletes of stored
 * posts follow. Nothing upstream ever stops the source: it reports its state, waits, and reconnects.
 */
import type { SourceConfig } from '../../config/sources.js';
import { summarizeJetstreamPost } from '../../pipeline/normalize/jetstream.js';
import type { RawPayload } from '../../pipeline/types.js';
import { Backoff, RECONNECT_DELAYS, describeError, sleep } from '../retry.js';
import type { Source, SourceContext } from '../source.js';
import { failure, problemOfEnd } from '../problem.js';
import { describeEnd, runWebSocket, type WebSocketEnd } from '../websocket.js';
import { createAppView, type AppView } from './appview.js';
import { JetstreamCursor } from './cursor.js';
import {
  createLogLimiter,
  frameHint,
  parseCommit,
  postUri,
  readTimeUs,
  POST_COLLECTION,
  type CommitFrame,
} from './frames.js';
import { createHashtagMatcher, type HashtagMatcher } from './matching.js';

type BlueskyConfig = Extract<SourceConfig, { kind: 'bluesky' }>;

const HOUR_US = 3_600_000_000;
/** Jetstream keeps about 36 hours; an older cursor would start from whatever it has left, silently. */
const MAX_CURSOR_AGE_US = 36 * HOUR_US;
/** Resume a little before the last frame: the edges of a gap are replayed and dedupe drops what was stored. */
const REWIND_US = 5_000_000;
/** Replaying from the cursor counts as caught up once frames are this close to now, or the replay goes quiet. */
const CAUGHT_UP_MS = 5_000;
const QUIET_MS = 2_000;
const TICK_MS = 1_000;
/** Stored posts are remembered (to follow their edits and deletes) this long. */
const POST_MEMORY_MS = 30 * 24 * 3_600_000;
const POST_KEY = 'post:';

/** One connection's run: the frames it handles and when it is caught up. */
interface Connection {
  backfilling: boolean;
  frames: number;
  lastFrameAt: number;
}

class BlueskyRun {
  readonly #cursor: JetstreamCursor;
  readonly #matcher: HashtagMatcher;
  readonly #appview: AppView;
  readonly #inFlight = new Set<Promise<void>>();
  readonly #warn: ReturnType<typeof createLogLimiter>;

  constructor(
    private readonly config: BlueskyConfig,
    private readonly ctx: SourceContext,
  ) {
    this.#warn = createLogLimiter(ctx.log, 10_000);
    this.#cursor = new JetstreamCursor({ memory: ctx.memory, saveEveryMs: config.cursorSaveSeconds * 1000 });
    this.#matcher = createHashtagMatcher(ctx.hashtags);
    this.#appview = createAppView({
      appviewUrl: config.appviewUrl,
      ttlMs: config.profileCacheMinutes * 60_000,
      timeoutMs: config.lookupTimeoutSeconds * 1000,
      signal: ctx.signal,
      onError: (message) => this.#warn({ err: message }, 'AppView lookup failed: posts go in without profile'),
    });
  }

  async run(): Promise<void> {
    this.ctx.memory.forgetOlder(POST_KEY, Date.now() - POST_MEMORY_MS);
    const backoff = new Backoff(RECONNECT_DELAYS);
    while (!this.ctx.signal.aborted) {
      const connection: Connection = { backfilling: false, frames: 0, lastFrameAt: Date.now() };
      const end = await this.#connect(connection);
      this.#cursor.save(true);
      if (end.reason === 'aborted') break;
      if (connection.frames > 0) backoff.reset(); // it worked: a new drop starts the table over
      await this.#waitAfter(end, backoff.next());
    }
    await Promise.allSettled(this.#inFlight);
    this.#cursor.save(true);
  }

  #connect(connection: Connection): Promise<WebSocketEnd> {
    const { cursor, tooOld } = this.#cursor.resumeFrom(REWIND_US, MAX_CURSOR_AGE_US);
    if (tooOld !== undefined) {
      const hours = Math.round(tooOld / HOUR_US);
      this.ctx.log.warn({ hours }, 'saved cursor older than Jetstream keeps (~36 h): starting live, the gap is lost');
    }
    const url = new URL(this.config.jetstreamUrl);
    url.searchParams.set('wantedCollections', POST_COLLECTION);
    if (cursor !== undefined) url.searchParams.set('cursor', String(cursor));
    const tick = setInterval(() => this.#tick(connection), TICK_MS);
    return runWebSocket({
      url: url.toString(),
      signal: this.ctx.signal,
      onOpen: () => {
        connection.backfilling = cursor !== undefined;
        connection.lastFrameAt = Date.now();
        this.ctx.setState(connection.backfilling ? 'backfilling' : 'live');
      },
      onMessage: (frame) => this.#frame(frame, connection),
      onMessageError: (error) => this.#warn({ err: describeError(error) }, 'Jetstream frame handling failed'),
    }).finally(() => clearInterval(tick));
  }

  /** Every second: write the cursor if due; a replay that went quiet has caught up. */
  #tick(connection: Connection): void {
    this.#cursor.save();
    if (connection.backfilling && Date.now() - connection.lastFrameAt >= QUIET_MS) this.#caughtUp(connection);
  }

  #caughtUp(connection: Connection): void {
    connection.backfilling = false;
    this.ctx.setState('live');
  }

  /** The per-frame path: cheap checks first, JSON.parse only for what may concern the event. */
  #frame(frame: string, connection: Connection): void {
    const timeUs = readTimeUs(frame);
    if (Number.isNaN(timeUs)) return this.#warn({ frame: frame.slice(0, 120) }, 'Jetstream frame skipped: no time_us');
    connection.frames++;
    connection.lastFrameAt = Date.now();
    this.#cursor.seen(timeUs);
    if (connection.backfilling && timeUs >= (Date.now() - CAUGHT_UP_MS) * 1000) this.#caughtUp(connection);
    const hint = frameHint(frame);
    if (hint === 'other' || (hint === 'create' && !this.#matcher.mayMatch(frame))) return;
    let commit: CommitFrame;
    try {
      commit = parseCommit(frame);
    } catch (error) {
      return this.#warn({ err: describeError(error), frame: frame.slice(0, 120) }, 'Jetstream frame skipped');
    }
    if (commit.commit.collection === POST_COLLECTION) this.#commit(commit);
  }

  #commit(frame: CommitFrame): void {
    const uri = postUri(frame);
    const key = `${POST_KEY}${uri}`;
    if (frame.commit.operation === 'delete') {
      if (this.ctx.memory.get(key) === undefined) return;
      const task = this.ctx
        .retract('bluesky', uri, 'deleted by its author on Bluesky')
        .then(
          () => this.ctx.memory.delete(key),
          (error: unknown) => this.#warn({ uri, err: describeError(error) }, 'Bluesky delete not applied'),
        )
        .finally(() => this.#inFlight.delete(task));
      this.#inFlight.add(task);
      return;
    }
    const post = summarizeJetstreamPost(frame.commit.record);
    if (!post) return this.#warn({ uri }, 'Jetstream post skipped: unreadable record');
    // An edit that drops the hashtag still follows a post already stored.
    const stored = frame.commit.operation === 'update' && this.ctx.memory.get(key) !== undefined;
    if (!stored && !this.#matcher.matches(post.hashtags)) return;
    const task = this.#handOver(frame, key, post.contextUri).finally(() => this.#inFlight.delete(task));
    this.#inFlight.add(task);
  }

  /** Looks up the author (and context), then submits or revises; the cursor stays before it until it is stored. */
  async #handOver(frame: CommitFrame, key: string, contextUri: string | undefined): Promise<void> {
    this.#cursor.hold(frame.time_us);
    try {
      const raw = await this.#enrich(frame, contextUri);
      if (this.ctx.signal.aborted) return; // not stored: the saved cursor stays before it, a restart replays it
      const outcome = frame.commit.operation === 'update' ? await this.ctx.revise(raw) : await this.ctx.submit(raw);
      if (outcome.kind === 'stored' || outcome.kind === 'revised' || outcome.kind === 'duplicate') {
        this.ctx.memory.set(key, '1');
      } else if (outcome.kind === 'malformed') {
        this.#warn({ err: outcome.message }, 'Bluesky post skipped by the pipeline');
      }
      this.#cursor.done(frame.time_us);
    } catch (error) {
      this.ctx.log.error({ err: describeError(error) }, 'Bluesky post could not be handed over');
      this.#cursor.done(frame.time_us);
    }
  }

  async #enrich(frame: CommitFrame, contextUri: string | undefined): Promise<RawPayload> {
    const [profiles, posts] = await Promise.all([
      this.#appview.profiles.get([frame.did]),
      contextUri ? this.#appview.posts.get([contextUri]) : new Map(),
    ]);
    const meta = {
      cdnUrl: this.config.cdnUrl,
      videoUrl: this.config.videoUrl,
      profiles: Object.fromEntries(profiles),
      posts: Object.fromEntries(posts),
    };
    return { format: 'jetstream', payload: frame, meta };
  }

  /** Reports how the connection ended and waits before the next one. */
  async #waitAfter(end: WebSocketEnd, delay: number): Promise<void> {
    const lastError = describeEnd(end);
    if (end.reason === 'refused' && end.status === 429) {
      const wait = Math.max(delay, (end.retryAfter ?? 0) * 1000);
      const until = Date.now() + wait;
      this.ctx.setState('rate-limited', {
        until,
        ...failure(`Jetstream: ${lastError}`, { problem: { code: 'rate_limited', until } }),
      });
      await sleep(wait, this.ctx.signal);
      return;
    }
    // A working connection that dropped reconnects at once; one that never opened is failing.
    const host = URL.parse(this.config.jetstreamUrl)?.host;
    this.ctx.setState(
      end.opened ? 'connecting' : 'failing',
      failure(`Jetstream: ${lastError}`, { problem: problemOfEnd(end, host) }),
    );
    // The state change is logged by the manager; each retry of a connection that never opened is only debug.
    (end.opened ? this.ctx.log.info : this.ctx.log.debug).call(
      this.ctx.log,
      { end: lastError, delay },
      'Jetstream connection ended; reconnecting',
    );
    await sleep(delay, this.ctx.signal);
  }
}

/** The Bluesky source: see the module comment. */
export function createBlueskySource(config: BlueskyConfig): Source {
  return {
    run: (ctx) => new BlueskyRun(config, ctx).run(),
  };
}
