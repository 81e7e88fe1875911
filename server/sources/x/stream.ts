/**
 * The filtered stream, shared. X allows one stream connection per app and keeps one rule set per app, so every
 * event using the same app (API root + bearer token) shares one connection: the first to join opens it, each takes
 * the posts whose `matching_rules` are its own, the last to leave closes it. The library's TweetStream carries one
 * connection at a time, with its own reconnection off; this module reconnects following `ReconnectPolicy`.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { ETwitterStreamEvent, type TweetStream } from 'twitter-api-v2';
import type { Logger } from '../../log.js';
import { sleep } from '../retry.js';
import { classifyError, createXApi, POST_FIELDS, type XApi } from './client.js';
import { ReconnectPolicy, STREAM_SILENCE_MS, type ReconnectPlan, type StreamEnd } from './policy.js';

export interface MatchingRule {
  id?: string;
  tag?: string;
}

/** One event's side of the shared stream. Callbacks must not throw. */
export interface StreamListener {
  /** Whether a post that matched these rules belongs to this listener. */
  wants(rules: readonly MatchingRule[]): boolean;
  /** The stream is (re)connected: anything posted while it was down must be fetched some other way. */
  onConnected(): void;
  /** A whole stream message (`data`, `includes`, `matching_rules`) that this listener wants. */
  onPost(message: Record<string, unknown>): void;
  /** The connection ended; the next attempt follows after `plan.delayMs`. */
  onDown(plan: ReconnectPlan): void;
}

export interface StreamTuning {
  /** No byte for this long (X sends a keep-alive every 20 s) means the connection is dead. */
  silenceMs: number;
  /** Longest wait for the stream's HTTP answer. */
  connectTimeoutMs: number;
}

export const DEFAULT_STREAM_TUNING: StreamTuning = { silenceMs: STREAM_SILENCE_MS, connectTimeoutMs: 20_000 };

export interface StreamOptions {
  apiBase: string;
  bearerToken: string;
  /** Connection events are logged here (the first event to join's logger). */
  log: Logger;
  tuning?: StreamTuning;
}

export interface StreamMembership {
  /** Leaves the stream; resolves once the connection is closed if this was the last listener. */
  leave(): Promise<void>;
}

const streams = new Map<string, SharedStream>();

/** Joins (or opens) the app's stream. */
export function joinStream(options: StreamOptions, listener: StreamListener): StreamMembership {
  const key = createHash('sha256').update(`${options.apiBase}\n${options.bearerToken}`).digest('hex');
  let stream = streams.get(key);
  if (!stream) {
    stream = new SharedStream(key, options);
    streams.set(key, stream);
  }
  const joined = stream;
  joined.join(listener);
  return { leave: () => joined.leave(listener) };
}

class SharedStream {
  readonly #listeners = new Set<StreamListener>();
  readonly #controller = new AbortController();
  readonly #log: Logger;
  readonly #tuning: StreamTuning;
  #connected = false;
  #done: Promise<void> | undefined;

  constructor(
    private readonly key: string,
    private readonly options: StreamOptions,
  ) {
    this.#log = options.log;
    this.#tuning = options.tuning ?? DEFAULT_STREAM_TUNING;
  }

  join(listener: StreamListener): void {
    this.#listeners.add(listener);
    if (this.#connected) listener.onConnected();
    this.#done ??= this.#run();
  }

  async leave(listener: StreamListener): Promise<void> {
    this.#listeners.delete(listener);
    if (this.#listeners.size > 0) return;
    if (streams.get(this.key) === this) streams.delete(this.key);
    this.#controller.abort();
    await this.#done;
  }

  async #run(): Promise<void> {
    const api = createXApi(this.options.apiBase, this.options.bearerToken);
    const policy = new ReconnectPolicy();
    const signal = this.#controller.signal;
    try {
      while (!signal.aborted) {
        const end = await this.#connectOnce(api, policy);
        this.#connected = false;
        if (end.reason === 'aborted') break;
        const plan = policy.plan(end);
        const level = end.reason === 'dropped' ? 'info' : 'warn';
        this.#log[level]({ delayMs: plan.delayMs, why: plan.lastError }, 'filtered stream down, reconnecting');
        for (const listener of [...this.#listeners]) listener.onDown(plan);
        if (!(await sleep(plan.delayMs, signal))) break;
      }
    } finally {
      api.close();
    }
  }

  /** Opens one connection and resolves when it ends, however it ends. */
  #connectOnce(api: XApi, policy: ReconnectPolicy): Promise<StreamEnd> {
    const signal = this.#controller.signal;
    if (signal.aborted) return Promise.resolve({ reason: 'aborted' });
    const stream = api.v2.searchStream({ ...POST_FIELDS, autoConnect: false });
    return new Promise((resolve) => {
      let openedAt: number | undefined;
      let ended = false;
      let why = 'closed by X';
      const end = (result: StreamEnd): void => {
        if (ended) return;
        ended = true;
        clearTimeout(connectTimer);
        signal.removeEventListener('abort', onAbort);
        stream.destroy();
        resolve(result);
      };
      // The library takes no signal: destroying the agent's sockets is what interrupts a pending connect.
      const onAbort = (): void => {
        api.close();
        end({ reason: 'aborted' });
      };
      let timedOut = false;
      const connectTimer = setTimeout(() => {
        timedOut = true;
        api.close();
      }, this.#tuning.connectTimeoutMs);
      signal.addEventListener('abort', onAbort, { once: true });
      this.#listen(stream, (reason) => (why = reason));
      stream.on(ETwitterStreamEvent.ConnectionClosed, () =>
        end({ reason: 'dropped', lastedMs: Date.now() - (openedAt ?? Date.now()), why }),
      );
      stream.connect({ autoReconnect: false, keepAliveTimeout: this.#tuning.silenceMs }).then(
        () => {
          clearTimeout(connectTimer);
          if (ended) return stream.destroy(); // stopped while the answer was on its way
          openedAt = Date.now();
          decodeAsUtf8(stream);
          policy.connected();
          this.#connected = true;
          this.#log.info('filtered stream connected');
          for (const listener of [...this.#listeners]) listener.onConnected();
        },
        (error: unknown) => {
          const failure = classifyError(error);
          if (timedOut && failure.kind === 'network') failure.message = 'no answer';
          end({ reason: 'failed', failure });
        },
      );
    });
  }

  #listen(stream: TweetStream, setWhy: (why: string) => void): void {
    stream.on(ETwitterStreamEvent.Data, (message: unknown) => this.#route(message));
    // `{ errors: [...] }` without `data`, e.g. operational-disconnect: X closes the connection right after.
    stream.on(ETwitterStreamEvent.DataError, (payload: unknown) => {
      const title = streamErrorTitle(payload);
      setWhy(`X: ${title}`);
      this.#log.warn({ title }, 'X sent an error in the stream');
    });
    stream.on(ETwitterStreamEvent.TweetParseError, (error: Error) =>
      this.#log.warn({ error: error.message }, 'skipped a stream line that is not JSON'),
    );
    stream.on(ETwitterStreamEvent.ConnectionLost, () => setWhy(`no data for ${this.#tuning.silenceMs / 1000} s`));
    stream.on(ETwitterStreamEvent.ConnectionError, (error: Error) => setWhy(error.message));
  }

  #route(message: unknown): void {
    if (
      typeof message !== 'object' ||
      message === null ||
      !Array.isArray((message as Record<string, unknown>).matching_rules)
    ) {
      this.#log.warn('skipped a stream message without matching_rules');
      return;
    }
    const payload = message as Record<string, unknown>;
    const rules = (payload.matching_rules as unknown[]).filter(
      (rule): rule is MatchingRule => typeof rule === 'object' && rule !== null,
    );
    for (const listener of [...this.#listeners]) if (listener.wants(rules)) listener.onPost(payload);
  }
}

/**
 * The library turns each chunk into a string on its own, so a character split between two chunks (an emoji, an
 * accent) would become two U+FFFD. Decoding the response as UTF-8 keeps characters whole. It runs before the first
 * chunk flows: flowing starts on a later tick than the one that resolved `connect()`.
 */
function decodeAsUtf8(stream: TweetStream): void {
  (stream as unknown as { res?: Readable }).res?.setEncoding('utf8');
}

function streamErrorTitle(payload: unknown): string {
  const errors = (payload as { errors?: unknown } | null)?.errors;
  const first: unknown = Array.isArray(errors) ? errors[0] : undefined;
  const title = (first as { title?: unknown } | undefined)?.title;
  return typeof title === 'string' ? title.slice(0, 100) : 'error';
}
