/**
 * A source's failure as a stable code the console words in its language ("injoignable", "limite atteinte jusqu'à
 * 10 h 30"), next to the raw words the admin may need (`getaddrinfo ENOTFOUND api.x.com`). Every source reports
 * its failures through `failure()`, from the error it caught or the HTTP status it got; words alone (a reason
 * written long ago, a source of a newer kind) are read by `problemFromText`, so no failure goes without a code.
 */
import type { SourceProblem } from '../protocol/moderation.js';
import { describeError } from './retry.js';
import type { WebSocketEnd } from './websocket.js';

/** Node's and undici's error codes, by the problem they mean for a person. */
const SYSTEM_CODES: Readonly<Record<string, SourceProblem['code']>> = {
  ENOTFOUND: 'unreachable',
  ECONNREFUSED: 'unreachable',
  EHOSTUNREACH: 'unreachable',
  EHOSTDOWN: 'unreachable',
  EAI_AGAIN: 'no_network',
  ENETUNREACH: 'no_network',
  ENETDOWN: 'no_network',
  ETIMEDOUT: 'timeout',
  ESOCKETTIMEDOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  ECONNRESET: 'connection_lost',
  EPIPE: 'connection_lost',
  UND_ERR_SOCKET: 'connection_lost',
  EADDRINUSE: 'port_in_use',
  EACCES: 'port_denied',
};

/** Words of errors that carry no code (a message built by a library or by us), tried in order. */
const TEXT_PATTERNS: readonly { pattern: RegExp; problem: (match: RegExpMatchArray) => SourceProblem }[] = [
  { pattern: /\b(?:EAI_AGAIN|ENETUNREACH|ENETDOWN)\b/, problem: () => ({ code: 'no_network' }) },
  {
    pattern: /\b(?:ENOTFOUND|ECONNREFUSED|EHOSTUNREACH)\s+([^\s,;)]+)/,
    problem: (m) => ({ code: 'unreachable', host: m[1]! }),
  },
  {
    pattern: /\b(?:ENOTFOUND|ECONNREFUSED|EHOSTUNREACH)\b|connection refused|cannot find the server|cannot reach/i,
    problem: () => ({ code: 'unreachable' }),
  },
  { pattern: /\bEADDRINUSE\b(?:.*?:(\d+))?/, problem: (m) => withPort('port_in_use', m[1]) },
  { pattern: /\bEACCES\b(?:.*?:(\d+))?/, problem: (m) => withPort('port_denied', m[1]) },
  {
    pattern: /\b(?:ETIMEDOUT|ESOCKETTIMEDOUT)\b|timed? ?out|no answer within/i,
    problem: () => ({ code: 'timeout' }),
  },
  {
    pattern: /\b(?:ECONNRESET|EPIPE)\b|socket hang up|closed before|presumed dead|connection closed/i,
    problem: () => ({ code: 'connection_lost' }),
  },
  {
    pattern:
      /\b401\b|\bunauthori[sz]ed\b|refused the (?:bearer |access )?token|refused the user name|authentication failed/i,
    problem: () => ({ code: 'unauthorized' }),
  },
  { pattern: /\b429\b|rate.?limit/i, problem: () => ({ code: 'rate_limited' }) },
  { pattern: /\b403\b|\bforbidden\b|does not include it/i, problem: () => ({ code: 'forbidden' }) },
  {
    pattern: /\b(?:HTTP|answered) (\d{3})\b/,
    problem: (m) => ({ code: 'server_error', status: Number(m[1]) }),
  },
  { pattern: /\bno hashtags? to follow\b/i, problem: () => ({ code: 'no_hashtag' }) },
];

/** The problem an error stands for: its system code (on it, its cause, or one of an AggregateError's), else its words. */
export function problemOf(error: unknown, host?: string): SourceProblem {
  const found = systemError(error);
  const code = found?.code === undefined ? undefined : SYSTEM_CODES[found.code];
  if (code === 'port_in_use' || code === 'port_denied') return withPort(code, found?.port);
  if (code !== undefined) return withHost({ code } as SourceProblem, host ?? found?.hostname);
  return withHost(problemFromText(describeError(error)), host);
}

/** The problem an HTTP status stands for; `until` for a rate limit, when the service said. */
export function problemOfStatus(status: number, options: { host?: string; until?: number } = {}): SourceProblem {
  const { host, until } = options;
  if (status === 401) return withHost({ code: 'unauthorized' }, host);
  if (status === 403) return { code: 'forbidden' };
  if (status === 429) return until === undefined ? { code: 'rate_limited' } : { code: 'rate_limited', until };
  return withHost({ code: 'server_error', status }, host);
}

/** The problem a message describes, for failures known only by their words; `other` keeps the words. */
export function problemFromText(text: string): SourceProblem {
  for (const { pattern, problem } of TEXT_PATTERNS) {
    const match = text.match(pattern);
    if (match) return problem(match);
  }
  return { code: 'other', detail: text };
}

/**
 * A failure's details for `setState`: the raw words for the admin and the log, and their code, from `problem`
 * when the source knows it, else from the error it caught, else from the words.
 */
export function failure(
  lastError: string,
  from: { error?: unknown; problem?: SourceProblem; host?: string } = {},
): { lastError: string; problem: SourceProblem } {
  if (from.problem) return { lastError, problem: withHost(from.problem, from.host) };
  const problem = from.error === undefined ? problemFromText(lastError) : problemOf(from.error);
  // A code found in the error wins; the words may still name it better (`other` from an error without a code).
  const best = problem.code === 'other' && from.error !== undefined ? problemFromText(lastError) : problem;
  return { lastError, problem: withHost(best, from.host) };
}

/** How a websocket (a stream) ending stands for a person: a refusal by its status, a drop as a lost connection. */
export function problemOfEnd(end: WebSocketEnd, host?: string): SourceProblem {
  switch (end.reason) {
    case 'closed':
    case 'silent':
      return withHost({ code: 'connection_lost' }, host);
    case 'refused': {
      const until = end.retryAfter === undefined ? undefined : Date.now() + end.retryAfter * 1000;
      return problemOfStatus(end.status, { ...(host ? { host } : {}), ...(until ? { until } : {}) });
    }
    case 'error':
      return problemOf(end.error, host);
    case 'aborted':
      return { code: 'other', detail: 'stopped' };
  }
}

interface SystemError {
  code?: string;
  hostname?: string;
  port?: number | string;
}

/** The first error with a known system code, looking through causes and an AggregateError's errors. */
function systemError(error: unknown, depth = 0): SystemError | undefined {
  if (error === null || typeof error !== 'object' || depth > 4) return undefined;
  const candidate = error as SystemError & { cause?: unknown; errors?: unknown };
  if (typeof candidate.code === 'string' && candidate.code in SYSTEM_CODES) return candidate;
  const nested = [candidate.cause, ...(Array.isArray(candidate.errors) ? (candidate.errors as unknown[]) : [])];
  for (const inner of nested) {
    const found = systemError(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Problems that may say which server they are about. */
const HOST_CODES: ReadonlySet<SourceProblem['code']> = new Set([
  'unreachable',
  'timeout',
  'connection_lost',
  'unauthorized',
  'server_error',
]);

/** The problem naming `host`, when its kind names one and it names none yet. */
export function withHost(problem: SourceProblem, host: string | undefined): SourceProblem {
  if (!host || !HOST_CODES.has(problem.code) || ('host' in problem && problem.host)) return problem;
  return { ...problem, host } as SourceProblem;
}

function withPort(code: 'port_in_use' | 'port_denied', port: number | string | undefined): SourceProblem {
  const value = port === undefined ? NaN : Number(port);
  return Number.isInteger(value) ? { code, port: value } : { code };
}
