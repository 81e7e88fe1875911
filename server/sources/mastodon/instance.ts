/**
 * One instance of a Mastodon source. With an access token it streams the event's hashtags and, at every (re)connect,
 * reads the tag timelines from where it stopped so no gap is left; while the stream is down, and without a token,
 * it polls the tag timelines. It reports its own state; the source combines those of all its instances.
 */
import type { SourceContext, SourceProblem, SourceState } from '../source.js';
import { failure, problemOfEnd, problemOfStatus } from '../problem.js';
import { isOffline } from '../offline.js';
import { Backoff, POLL_ERROR_DELAYS, RECONNECT_DELAYS, describeError, sleep } from '../retry.js';
import { describeEnd, runWebSocket, type WebSocketEnd } from '../websocket.js';
import { RateLimitedError, createInstanceApi, type InstanceApi } from './api.js';
import { createHttpClient } from './http.js';
import { recheckShown } from './recheck.js';
import { createStatusHandler, type StatusHandler } from './statuses.js';
import { discoverStreamingBase, parseFrame, streamUrl, subscribeMessages } from './streaming.js';
import { createTimeline, type Timeline } from './timeline.js';

/** A refused token will not become valid by itself: try the stream again only now and then. */
const REFUSED_TOKEN_RETRY_MS = 5 * 60_000;
/** Mastodon's streaming server sends a heartbeat only on SSE; pings keep a websocket honest. */
const STREAM_PING_MS = 20_000;
const STREAM_SILENCE_MS = 75_000;
/** A connection that lasted this long was a good one: the next drop starts the reconnect delays from the top. */
const STABLE_STREAM_MS = 60_000;

export interface InstanceState {
  state: SourceState;
  until?: number;
  lastError?: string;
  /** `lastError` as a code the console words (see problem.ts). */
  problem?: SourceProblem;
}

/** The last error and its code, carried from the stream's end to the polling that stands in for it. */
type LastError = { lastError: string; problem: SourceProblem };

export interface InstanceSettings {
  url: string;
  token?: string | undefined;
  streamingUrl?: string | undefined;
  pollMs: number;
  /** Between two rechecks of the statuses on the wall, when polling without a token (recheck.ts); 0: never. */
  recheckMs: number;
}

interface Run {
  settings: InstanceSettings;
  ctx: SourceContext;
  tags: readonly string[];
  api: InstanceApi;
  timeline: Timeline;
  statuses: StatusHandler;
  report(state: InstanceState): void;
  /** When the last poll round ended (epoch ms). */
  lastRoundAt: number;
  /** When the statuses on the wall were last looked up again (epoch ms). */
  lastRecheckAt: number;
  pollBackoff: Backoff;
}

/** Runs one instance until `ctx.signal` aborts; never throws for upstream trouble. */
export async function runInstance(
  settings: InstanceSettings,
  ctx: SourceContext,
  report: (state: InstanceState) => void,
): Promise<void> {
  const http = createHttpClient();
  try {
    const api = createInstanceApi({
      base: settings.url,
      token: settings.token,
      http,
      signal: ctx.signal,
      log: ctx.log,
    });
    const run: Run = {
      settings,
      ctx,
      tags: ctx.hashtags,
      api,
      timeline: createTimeline(api, ctx.memory),
      statuses: createStatusHandler(ctx, { base: settings.url, host: api.host }),
      report,
      lastRoundAt: 0,
      lastRecheckAt: Date.now(),
      pollBackoff: new Backoff(POLL_ERROR_DELAYS),
    };
    if (settings.token === undefined) return await pollForever(run);
    const token = settings.token;
    let announced = settings.streamingUrl;
    await streamForever(run, token, async () => {
      // Asked again at each connect until the instance answers: it may be down when the event starts.
      announced ??= await discoverStreamingBase(api, ctx.log);
      return announced ?? api.base.toString().replace(/^http/, 'ws');
    });
  } finally {
    http.close();
  }
}

interface Round {
  done: boolean;
  /** How long to wait before the next round: the poll interval, the rest of a rate limit, or a back-off. */
  wait: number;
}

/**
 * One round over every hashtag; `state` (with `lastError`, if any) is reported when it succeeds. A rate limit is
 * reported as such, anything else as `failing`.
 */
async function pollRound(run: Run, state: SourceState, lastError?: LastError): Promise<Round> {
  try {
    await run.timeline.catchUp(run.tags, async (status) => void (await run.statuses.add(status, 'timeline')));
    run.pollBackoff.reset();
    run.report({ state, ...lastError });
    return { done: true, wait: run.settings.pollMs };
  } catch (error) {
    if (run.ctx.signal.aborted) return { done: false, wait: 0 };
    if (error instanceof RateLimitedError) {
      run.report({ state: 'rate-limited', until: error.until, problem: problemOfStatus(429, { until: error.until }) });
      return { done: false, wait: error.until - Date.now() };
    }
    const message = describeError(error);
    const failed = failure(message, { error });
    // Once per new error, not at every retry: an instance down for the afternoon must not fill the log; a machine
    // off the network is no warning (offline.ts).
    const repeated = run.pollBackoff.attempts > 0;
    const log = repeated ? run.ctx.log.debug : isOffline(failed.problem, message) ? run.ctx.log.info : run.ctx.log.warn;
    log.call(run.ctx.log, { err: message }, 'mastodon timeline read failed');
    run.report({ state: 'failing', ...failed });
    return { done: false, wait: run.pollBackoff.next() };
  } finally {
    run.lastRoundAt = Date.now();
  }
}

async function pollForever(run: Run): Promise<void> {
  const { signal } = run.ctx;
  while (!signal.aborted) {
    const { done, wait } = await pollRound(run, 'polling');
    if (done) await recheckIfDue(run);
    if (!(await sleep(wait, signal))) return;
  }
}

/** Looks the statuses on the wall up again once `recheckMs` has passed; a failure waits for the next time. */
async function recheckIfDue(run: Run): Promise<void> {
  const { recheckMs } = run.settings;
  if (recheckMs === 0 || Date.now() - run.lastRecheckAt < recheckMs) return;
  run.lastRecheckAt = Date.now();
  try {
    const { checked, gone } = await recheckShown(run.api, run.statuses, run.ctx);
    if (gone > 0) run.ctx.log.info({ checked, gone }, 'statuses gone from the instance were taken down');
  } catch (error) {
    if (!run.ctx.signal.aborted) run.ctx.log.warn({ err: describeError(error) }, 'recheck of shown statuses failed');
  }
}

async function streamForever(run: Run, token: string, streamingBase: () => Promise<string>): Promise<void> {
  const { signal, log } = run.ctx;
  const backoff = new Backoff(RECONNECT_DELAYS);
  let lastError: LastError | undefined;
  while (!signal.aborted) {
    run.report({ state: 'connecting', ...lastError });
    const { end, lastedMs } = await streamOnce(run, await streamingBase(), token);
    if (signal.aborted || end.reason === 'aborted') return;
    const refused = end.reason === 'refused' && (end.status === 401 || end.status === 403);
    const words = `stream: ${refused ? `the access token was refused (HTTP ${end.status})` : describeEnd(end)}`;
    lastError = failure(words, { problem: refused ? { code: 'unauthorized' } : problemOfEnd(end) });
    log.warn({ why: words }, 'mastodon stream ended');
    // Not on every open: a server that accepts and drops at once must not be hammered (each open costs a catch-up).
    if (lastedMs >= STABLE_STREAM_MS) backoff.reset();
    await pollFor(run, reconnectDelay(end, backoff), lastError);
  }
}

function reconnectDelay(end: WebSocketEnd, backoff: Backoff): number {
  if (end.reason !== 'refused') return backoff.next();
  if (end.status === 401 || end.status === 403) return REFUSED_TOKEN_RETRY_MS;
  return Math.max(end.retryAfter === undefined ? 0 : end.retryAfter * 1000, backoff.next());
}

/** Polls while waiting `ms` for the stream to come back, a round whenever the last one is `pollMs` old. */
async function pollFor(run: Run, ms: number, lastError: LastError): Promise<void> {
  const { signal } = run.ctx;
  const deadline = Date.now() + ms;
  run.report({ state: 'polling', ...lastError });
  let next = run.lastRoundAt + run.settings.pollMs;
  while (!signal.aborted) {
    const wake = Math.min(deadline, next);
    if (wake > Date.now() && !(await sleep(wake - Date.now(), signal))) return;
    if (Date.now() >= deadline) return;
    next = Date.now() + (await pollRound(run, 'polling', lastError)).wait;
  }
}

/** One websocket connection, from connect to its end; the timelines are read again as soon as it opens. */
async function streamOnce(run: Run, streamingBase: string, token: string) {
  const { ctx } = run;
  const connection = new AbortController();
  const stop = () => connection.abort();
  ctx.signal.addEventListener('abort', stop, { once: true });
  let caughtUp = false;
  let backfill: Promise<void> = Promise.resolve();
  let frames: Promise<void> = Promise.resolve();
  let openedAt: number | undefined;
  const end = await runWebSocket({
    url: streamUrl(streamingBase, run.tags[0] ?? ''),
    protocols: [token],
    signal: ctx.signal,
    pingMs: STREAM_PING_MS,
    silenceMs: STREAM_SILENCE_MS,
    onOpen(send) {
      openedAt = Date.now();
      for (const message of subscribeMessages(run.tags.slice(1))) send(message);
      run.report({ state: 'backfilling' });
      backfill = catchUp(run, connection.signal).then((done) => {
        caughtUp = done;
        if (done) run.report({ state: 'live' });
      });
    },
    onMessage(text) {
      // One frame at a time, in order: a delete must find the status its update stored.
      frames = frames.then(() => handleFrame(run, text, caughtUp));
    },
  }).catch((error: unknown): WebSocketEnd => {
    // e.g. a token with characters a subprotocol cannot carry: treated as a failed connection, retried later.
    return { reason: 'error', opened: false, error: error instanceof Error ? error : new Error(String(error)) };
  });
  connection.abort();
  ctx.signal.removeEventListener('abort', stop);
  await Promise.all([backfill, frames]);
  return { end, lastedMs: openedAt === undefined ? 0 : Date.now() - openedAt };
}

/** Reads the timelines until caught up (true), through rate limits and errors, or until the connection ends (false). */
async function catchUp(run: Run, signal: AbortSignal): Promise<boolean> {
  while (!signal.aborted) {
    const round = await pollRound(run, 'backfilling');
    if (round.done) return !signal.aborted;
    if (!(await sleep(round.wait, signal))) return false;
  }
  return false;
}

async function handleFrame(run: Run, text: string, caughtUp: boolean): Promise<void> {
  const { log } = run.ctx;
  try {
    const frame = parseFrame(text);
    switch (frame.kind) {
      case 'update': {
        const handled = await run.statuses.add(frame.status, 'stream');
        // Once the timelines are caught up, the stream moves the cursors: the next gap is read from here.
        if (handled && caughtUp) for (const tag of handled.tags) run.timeline.advance(tag, handled.id);
        return;
      }
      case 'edit':
        return await run.statuses.edit(frame.status, 'stream');
      case 'delete':
        return await run.statuses.remove(frame.id);
      case 'error':
        return log.warn({ message: frame.message.slice(0, 200) }, 'mastodon stream error frame');
      case 'other':
        return log.debug({ event: frame.event }, 'mastodon stream event ignored');
    }
  } catch (error) {
    log.warn({ err: describeError(error), frame: text.slice(0, 120) }, 'mastodon stream frame skipped');
  }
}
