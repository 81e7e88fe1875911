/**
 * One instance's REST API as the source uses it: JSON GETs that stay inside the instance's rate limit (300 requests
 * per 5 minutes per IP), with the access token only ever sent to the configured instance.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from '../../log.js';
import type { HttpClient, HttpResponse } from './http.js';

/** Requests left unused in each window, for anything else sharing the venue's IP address. */
const RATE_RESERVE = 5;
/** How long to wait after a 429 that says nothing about when to come back. */
const UNSPECIFIED_WAIT_MS = 60_000;
/** Bounds on a wait read from the server's clock, which may not agree with ours, and a margin past its reset. */
const MIN_WAIT_MS = 250;
const RESET_MARGIN_MS = 200;
const MAX_WAIT_MS = 5 * 60_000 + 10_000;
const TIMEOUT_MS = 15_000;
const MAX_BYTES = 8 * 1024 * 1024;
const USER_AGENT = 'Murmure (live event wall)';

/** The instance asked us to wait (a 429, or too few requests left in the window) until `until` (epoch ms). */
export class RateLimitedError extends Error {
  override readonly name = 'RateLimitedError';
  constructor(readonly until: number) {
    super(`rate limited until ${new Date(until).toISOString()}`);
  }
}

export interface RateLimitHeaders {
  remaining?: number;
  /** Epoch ms when the window starts again. */
  resetAt?: number;
}

/** Mastodon's `X-RateLimit-Remaining` and `X-RateLimit-Reset` (an ISO 8601 time); `Retry-After` as a fallback. */
export function readRateLimit(headers: IncomingHttpHeaders, now: number): RateLimitHeaders {
  const out: RateLimitHeaders = {};
  const remaining = Number(headers['x-ratelimit-remaining']);
  if (headers['x-ratelimit-remaining'] !== undefined && Number.isFinite(remaining)) out.remaining = remaining;
  const reset = Date.parse(String(headers['x-ratelimit-reset'] ?? ''));
  const retryAfter = Number(headers['retry-after']);
  if (Number.isFinite(reset)) out.resetAt = reset;
  else if (headers['retry-after'] !== undefined && Number.isFinite(retryAfter)) out.resetAt = now + retryAfter * 1000;
  return out;
}

export interface InstanceApiOptions {
  /** The instance's base URL. */
  base: string;
  token?: string;
  http: HttpClient;
  signal: AbortSignal;
  log: Logger;
}

export interface ApiAnswer {
  data: unknown;
  headers: IncomingHttpHeaders;
}

export type InstanceApi = ReturnType<typeof createInstanceApi>;

export function createInstanceApi(options: InstanceApiOptions) {
  const base = new URL(options.base.endsWith('/') ? options.base : `${options.base}/`);
  let useToken = options.token !== undefined;
  let blockedUntil = 0;

  function headers(): Record<string, string> {
    const out: Record<string, string> = { accept: 'application/json', 'user-agent': USER_AGENT };
    if (useToken) out.authorization = `Bearer ${options.token}`;
    return out;
  }

  function waitUntil(resetAt: number | undefined, now: number): number {
    const wanted = resetAt === undefined ? now + UNSPECIFIED_WAIT_MS : resetAt + RESET_MARGIN_MS;
    return Math.min(Math.max(wanted, now + MIN_WAIT_MS), now + MAX_WAIT_MS);
  }

  async function send(url: URL): Promise<HttpResponse> {
    if (blockedUntil > Date.now()) throw new RateLimitedError(blockedUntil);
    const response = await options.http.get(url, {
      headers: headers(),
      signal: options.signal,
      timeoutMs: TIMEOUT_MS,
      maxBytes: MAX_BYTES,
    });
    const now = Date.now();
    const rate = readRateLimit(response.headers, now);
    if (response.status === 429) {
      blockedUntil = waitUntil(rate.resetAt, now);
      throw new RateLimitedError(blockedUntil);
    }
    if (rate.remaining !== undefined && rate.remaining <= RATE_RESERVE && rate.resetAt !== undefined) {
      blockedUntil = waitUntil(rate.resetAt, now);
    }
    if ((response.status === 401 || response.status === 403) && useToken) {
      // Public timelines usually need no token: carry on without the refused one rather than stop.
      useToken = false;
      options.log.warn({ instance: base.host, status: response.status }, 'access token refused: reading without it');
      return send(url);
    }
    return response;
  }

  return {
    base,
    host: base.host,
    /** GETs `path` (relative to the instance) and parses the JSON answer; throws on anything but a 200. */
    async getJson(path: string, query: Record<string, string | undefined> = {}): Promise<ApiAnswer> {
      const url = new URL(path, base);
      for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, value);
      return parseAnswer(await send(url));
    },

    /**
     * One status by its local id (`GET /api/v1/statuses/:id`), or null when the instance says it no longer has
     * it (404, 410). Any other answer throws, as it proves nothing about the status.
     */
    async status(localId: string): Promise<unknown> {
      const response = await send(new URL(`api/v1/statuses/${encodeURIComponent(localId)}`, base));
      if (response.status === 404 || response.status === 410) return null;
      return parseAnswer(response).data;
    },
  };

  function parseAnswer(response: HttpResponse): ApiAnswer {
    if (response.status !== 200) {
      throw new Error(`${base.host} answered HTTP ${response.status}${upstreamMessage(response.body)}`);
    }
    try {
      return { data: JSON.parse(response.body) as unknown, headers: response.headers };
    } catch {
      throw new Error(`${base.host} answered something that is not JSON`);
    }
  }
}

/** Mastodon's `{"error": "…"}` text, shortened, for the moderators' status line. */
function upstreamMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    return typeof parsed.error === 'string' ? `: ${parsed.error.slice(0, 120)}` : '';
  } catch {
    return '';
  }
}
