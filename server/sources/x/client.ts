/**
 * The X API v2 through twitter-api-v2, pointed at the configured API root, and what its failures mean for us.
 * The library has no base-URL option: `setPrefix` on the v2 sub-client moves every v2 call, the filtered stream
 * included (it goes through the same `getStream(prefix + path)`), and an `http.Agent` lets a test's fake on
 * `http://127.0.0.1` stand in (the library calls `https.request`, which accepts `http:` only with an http agent).
 * Each client owns its agent, so destroying the agent ends every request it has in flight: that is how a stop
 * interrupts a slow call, since the library takes no AbortSignal.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { ApiPartialResponseError, ApiRequestError, ApiResponseError, TwitterApi } from 'twitter-api-v2';
import type { TwitterApiReadOnly } from 'twitter-api-v2';
import type { SourceProblem } from '../../protocol/moderation.js';
import { problemFromText, problemOf, problemOfStatus } from '../problem.js';

/** The read-only v2 sub-client (the package does not export its class by name). */
export type XV2 = TwitterApiReadOnly['v2'];

/** Fields and expansions asked for on every post, so the normalizer has authors, media and referenced posts. */
export const POST_FIELDS = {
  expansions: 'author_id,attachments.media_keys,referenced_tweets.id,referenced_tweets.id.author_id',
  'tweet.fields':
    'created_at,lang,entities,note_tweet,possibly_sensitive,referenced_tweets,attachments,author_id,edit_history_tweet_ids',
  'user.fields': 'name,username,profile_image_url',
  'media.fields': 'url,preview_image_url,alt_text,width,height,variants,type',
} as const;

/** Longest wait for one REST answer; the stream has its own silence timeout. */
export const REQUEST_TIMEOUT_MS = 15_000;

export interface XApi {
  v2: XV2;
  /** Ends every request in flight and closes idle sockets. */
  close(): void;
}

export function createXApi(apiBase: string, bearerToken: string): XApi {
  const agent = apiBase.startsWith('http:') ? new HttpAgent({ keepAlive: true }) : new HttpsAgent({ keepAlive: true });
  const v2 = new TwitterApi(bearerToken, { httpAgent: agent }).readOnly.v2;
  // `setPrefix` is public at run time but typed protected; `cloneWithPrefix` is broken (it calls the constructor
  // without `new`), so the sub-client is moved in place.
  (v2 as unknown as { setPrefix(prefix: string): void }).setPrefix(`${apiBase.replace(/\/+$/, '')}/2/`);
  return { v2, close: () => agent.destroy() };
}

/** A problem object as X sends it (RFC 7807 fields plus X's own). */
export interface XProblem {
  title?: string;
  detail?: string;
  type?: string;
  reason?: string;
}

/** What went wrong with a call, without the request (whose headers hold the token). */
export type XFailure =
  /** `cause`: the system error (ECONNREFUSED…), which says what the console should. */
  | { kind: 'network'; message: string; cause?: unknown }
  | { kind: 'http'; status: number; problem: XProblem; resetAt?: number };

export function classifyError(error: unknown): XFailure {
  if (error instanceof ApiResponseError) {
    const data: unknown = error.data;
    const problem = typeof data === 'object' && data !== null ? pickProblem(data as Record<string, unknown>) : {};
    const reset = error.rateLimit?.reset;
    return {
      kind: 'http',
      status: error.code,
      problem,
      ...(reset !== undefined && Number.isFinite(reset) ? { resetAt: reset * 1000 } : {}),
    };
  }
  if (error instanceof ApiRequestError) {
    // The library keeps the system error under `error` but reads it back under `requestError`.
    const options = (error as unknown as { _options?: { error?: unknown } })._options;
    const cause = (error.requestError ?? options?.error) as Error | undefined;
    return { kind: 'network', message: cause?.message ?? error.message, ...(cause ? { cause } : {}) };
  }
  if (error instanceof ApiPartialResponseError) return { kind: 'network', message: error.message };
  return { kind: 'network', message: error instanceof Error ? error.message : String(error) };
}

function pickProblem(data: Record<string, unknown>): XProblem {
  // A v2 problem is either the body itself or its first `errors` entry.
  const first = Array.isArray(data.errors) ? (data.errors[0] as Record<string, unknown> | undefined) : undefined;
  const source = typeof data.title === 'string' || first === undefined ? data : first;
  const problem: XProblem = {};
  for (const key of ['title', 'detail', 'type', 'reason'] as const) {
    const value = source[key] ?? data[key];
    if (typeof value === 'string') problem[key] = value.slice(0, 300);
  }
  return problem;
}

/** The access tier does not include this endpoint (403 `client-not-enrolled`, or any `client-forbidden`). */
export function isNotEnrolled(failure: XFailure): boolean {
  return (
    failure.kind === 'http' &&
    failure.status === 403 &&
    (failure.problem.reason === 'client-not-enrolled' || failure.problem.type?.endsWith('/client-forbidden') === true)
  );
}

/** The failure as a code the console words in its language (see problem.ts). */
export function problemOfX(failure: XFailure): SourceProblem {
  if (failure.kind === 'network') {
    return failure.cause === undefined ? problemFromText(failure.message) : problemOf(failure.cause);
  }
  if (isNotEnrolled(failure)) return { code: 'forbidden' };
  return problemOfStatus(failure.status, failure.resetAt === undefined ? {} : { until: failure.resetAt });
}

/** In words a moderator can act on; never the token. */
export function describeFailure(failure: XFailure, what: string): string {
  if (failure.kind === 'network') return `${what}: cannot reach X (${failure.message})`;
  const { status, problem } = failure;
  if (status === 401) return `${what}: X refused the bearer token (401 Unauthorized); check it in the developer portal`;
  if (isNotEnrolled(failure)) return `${what}: this X access tier does not include it (403 ${problem.reason ?? ''})`;
  if (status === 429) return `${what}: rate limited by X (429)`;
  const words = [problem.title, problem.detail].filter(Boolean).join(': ');
  return `${what}: X answered ${status}${words ? ` (${words})` : ''}`;
}
