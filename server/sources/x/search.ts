/**
 * Recent search (`GET /2/tweets/search/recent`): the whole source when the access tier has no stream, and the
 * backfill after every stream (re)connect otherwise, since standard access has no stream backfill. A sweep follows
 * `next_token` to the end before it moves `since_id` forward (kept in the source's memory), so a sweep cut short is
 * done again rather than leaving a hole. Rate limits are read from the `x-rate-limit-*` headers.
 */
import { z } from 'zod';
import type { RawPayload } from '../../pipeline/types.js';
import { sleep } from '../retry.js';
import type { SourceMemory } from '../source.js';
import { classifyError, POST_FIELDS, REQUEST_TIMEOUT_MS, type XFailure, type XV2 } from './client.js';
import { idAt, idTime, newerId } from './policy.js';

/** Memory key of the newest post id seen. */
export const SINCE_KEY = 'since_id';

const SEARCH_PATH = 'tweets/search/recent';
/** Recent search covers seven days; a little less keeps a request from falling off the edge. */
const SEARCH_WINDOW_MS = 7 * 24 * 3600_000 - 5 * 60_000;
/** Without a reset time, a 429 waits this long. */
const DEFAULT_LIMIT_MS = 60_000;

const Page = z.looseObject({
  data: z.array(z.looseObject({ id: z.string() })).optional(),
  includes: z.looseObject({}).optional(),
  meta: z.looseObject({ newest_id: z.string().optional(), next_token: z.string().optional() }).optional(),
});

/**
 * One endpoint's rate limit as X last reported it. Once none remain, the next call waits for the reset rather than
 * spending a request on a 429.
 */
export class RateGate {
  #until = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Reads `x-rate-limit-remaining` / `x-rate-limit-reset` (epoch seconds) as the library parsed them. */
  update(rateLimit: { remaining: number; reset: number } | undefined): void {
    if (rateLimit && rateLimit.remaining <= 0 && Number.isFinite(rateLimit.reset)) this.limit(rateLimit.reset * 1000);
  }

  /** No call before `until` (epoch ms). */
  limit(until: number): void {
    this.#until = Math.max(this.#until, until);
  }

  /** How long the next call must wait (0 if it may go now). */
  waitMs(): number {
    return Math.max(0, this.#until - this.now());
  }
}

export interface SweepOptions {
  v2: XV2;
  query: string;
  memory: SourceMemory;
  gate: RateGate;
  signal: AbortSignal;
  /** Look back this far before the newest post seen: a stream gap's edges are fuzzy, duplicates are dropped. */
  overlapMs: number;
  /** Where the very first sweep starts (epoch ms), when nothing is remembered. */
  firstStart: number;
  now: () => number;
  /** Each page's posts, one payload per post (with the page's `includes`); resolves once they are stored. */
  onPosts(payloads: RawPayload[]): Promise<void>;
  onRateLimited(until: number): void;
  onResumed(): void;
}

export type SweepResult = { kind: 'done'; posts: number } | { kind: 'failed'; failure: XFailure } | { kind: 'aborted' };

/** Fetches everything newer than the remembered `since_id`, page by page; then remembers the newest id. */
export async function sweep(options: SweepOptions): Promise<SweepResult> {
  const { memory, signal } = options;
  const since = memory.get(SINCE_KEY);
  const window = searchWindow(since, options);
  let nextToken: string | undefined;
  let newest: string | undefined;
  let posts = 0;
  for (;;) {
    if (!(await passGate(options))) return { kind: 'aborted' };
    const page = await fetchPage(options, { ...window, ...(nextToken === undefined ? {} : { next_token: nextToken }) });
    if (signal.aborted) return { kind: 'aborted' };
    if (page.kind === 'limited') continue;
    if (page.kind === 'failed') return page;
    const { data = [], includes = {}, meta } = page.body;
    newest = newerId(newest, meta?.newest_id);
    posts += data.length;
    await options.onPosts(data.map((post) => ({ format: 'x', payload: { data: post, includes } })));
    nextToken = meta?.next_token;
    if (nextToken === undefined) break;
  }
  const stored = newerId(memory.get(SINCE_KEY), newest);
  if (stored !== undefined && stored !== since) memory.set(SINCE_KEY, stored);
  return { kind: 'done', posts };
}

type PageResult =
  { kind: 'page'; body: z.output<typeof Page> } | { kind: 'limited' } | { kind: 'failed'; failure: XFailure };

async function fetchPage(options: SweepOptions, params: Record<string, string>): Promise<PageResult> {
  const query = { ...POST_FIELDS, ...params, query: options.query, max_results: 100 };
  try {
    const response = await options.v2.get<unknown>(SEARCH_PATH, query, {
      fullResponse: true,
      timeout: REQUEST_TIMEOUT_MS,
    });
    options.gate.update(response.rateLimit);
    const body = Page.safeParse(response.data);
    if (body.success) return { kind: 'page', body: body.data };
    return { kind: 'failed', failure: { kind: 'http', status: 200, problem: { title: 'unexpected answer' } } };
  } catch (error) {
    const failure = classifyError(error);
    if (failure.kind === 'http' && failure.status === 429) {
      options.gate.limit(failure.resetAt ?? options.now() + DEFAULT_LIMIT_MS);
      return { kind: 'limited' };
    }
    return { kind: 'failed', failure };
  }
}

async function passGate(options: SweepOptions): Promise<boolean> {
  const wait = options.gate.waitMs();
  if (wait === 0) return !options.signal.aborted;
  options.onRateLimited(options.now() + wait);
  if (!(await sleep(wait, options.signal))) return false;
  options.onResumed();
  return true;
}

/** `since_id` (less the overlap) when it is inside the search window; otherwise a `start_time`. */
function searchWindow(since: string | undefined, options: SweepOptions): Record<string, string> {
  const oldest = options.now() - SEARCH_WINDOW_MS;
  const sinceTime = since === undefined ? undefined : idTime(since);
  if (since !== undefined && sinceTime !== undefined && sinceTime - options.overlapMs > oldest) {
    return { since_id: options.overlapMs > 0 ? idAt(sinceTime - options.overlapMs) : since };
  }
  const start = since === undefined ? Math.max(options.firstStart, oldest) : oldest;
  return { start_time: new Date(start).toISOString() };
}
