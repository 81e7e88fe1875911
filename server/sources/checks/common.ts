/**
 * What every source check shares: its dependencies, the shape of a result in two languages, a deadline, and one
 * JSON GET on a client of its own (closed after the check, so no idle socket outlives it). A check reports what the
 * service said in its own words, and what went wrong on the network in Node's (`connect ECONNREFUSED 10.0.0.5:443`),
 * since those are what someone can search for or hand to the venue's IT desk.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from '../../log.js';
import type { SourceTestResult } from '../../protocol/admin.js';
import { createHttpClient } from '../mastodon/http.js';
import { describeError } from '../retry.js';

export interface CheckDeps {
  signal: AbortSignal;
  log: Logger;
  /** The server's public base URL (`https://wall.example.org`); empty when it is not known. */
  publicUrl: string;
  /** Slug of the event, for webhook URLs. */
  event: string;
  /** Is this exact SMTP host:port already listening in this process? */
  smtpListening?: (host: string, port: number) => boolean;
  /** The longest a check may take (8 s); tests shorten it. */
  timeoutMs?: number;
}

/** Both interface languages; French with its own typography (a space before `:` `?` `!`). */
export interface Words {
  en: string;
  fr: string;
}

export type Fact = NonNullable<SourceTestResult['facts']>[number];

export const DEFAULT_TIMEOUT_MS = 8_000;
const MAX_ANSWER_BYTES = 1024 * 1024;
const USER_AGENT = 'Murmure (live event wall; source check)';

/**
 * One fact: its label in both languages, and its value, as a string when it is data or the service's own words
 * (shown as is), or as Words when Murmure says it (`recent search only`).
 */
export function fact(en: string, fr: string, value: string | Words): Fact {
  return { label: { en, fr }, value };
}

export function passed(summary: Words, facts: Fact[] = []): SourceTestResult {
  return { ok: true, summary, ...(facts.length > 0 ? { facts } : {}) };
}

export function failed(summary: Words, detail: string | undefined, facts: Fact[] = []): SourceTestResult {
  return { ok: false, summary, ...(detail ? { detail } : {}), ...(facts.length > 0 ? { facts } : {}) };
}

const CANCELLED: Words = { en: 'the check was cancelled', fr: 'la vérification a été annulée' };

/** The reason a deadline aborts with: an Error (its message is the English) that also carries the French. */
export class CheckStopped extends Error {
  constructor(readonly words: Words) {
    super(words.en);
    this.name = 'CheckStopped';
  }
}

/** Why the deadline's signal aborted, in words, when it did: the check ran out of time or was cancelled. */
export function abortedWhy(signal: AbortSignal): string | undefined {
  return abortedWords(signal)?.en;
}

/** The same in both languages, for a fact. */
export function abortedWords(signal: AbortSignal): Words | undefined {
  if (!signal.aborted) return undefined;
  const reason: unknown = signal.reason;
  if (reason instanceof CheckStopped) return reason.words;
  return reason instanceof Error ? { en: reason.message, fr: reason.message } : CANCELLED;
}

/** An error as one line: the deadline's reason when it fired, else Node's or the library's own message. */
export function errorWords(error: unknown, signal: AbortSignal): string {
  return abortedWhy(signal) ?? describeError(error);
}

/** The same as a fact's value: the deadline's reason in both languages, else Node's or the library's words as is. */
export function errorValue(error: unknown, signal: AbortSignal): string | Words {
  return abortedWords(signal) ?? describeError(error);
}

/**
 * A signal that aborts after `ms` or with `parent`, whichever comes first; `done()` clears the timer. Not
 * `AbortSignal.timeout`, whose reason would not say how long we waited.
 */
export function deadline(parent: AbortSignal, ms: number): { signal: AbortSignal; done(): void } {
  const controller = new AbortController();
  const seconds = String(ms / 1000);
  const late = { en: `no answer within ${seconds} s`, fr: `pas de réponse en ${seconds.replace('.', ',')}\u00a0s` };
  const timer = setTimeout(() => controller.abort(new CheckStopped(late)), ms);
  const onAbort = () => controller.abort(new CheckStopped(CANCELLED));
  if (parent.aborted) onAbort();
  else parent.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    done() {
      clearTimeout(timer);
      parent.removeEventListener('abort', onAbort);
    },
  };
}

export interface JsonAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The parsed body, or undefined when it was not JSON. */
  data: unknown;
}

/** One GET, its answer whatever the status; rejects only for network trouble or the deadline. */
export async function getJson(url: URL, headers: Record<string, string>, signal: AbortSignal): Promise<JsonAnswer> {
  const http = createHttpClient();
  try {
    const answer = await http.get(url, {
      headers: { accept: 'application/json', 'user-agent': USER_AGENT, ...headers },
      signal,
      timeoutMs: DEFAULT_TIMEOUT_MS,
      maxBytes: MAX_ANSWER_BYTES,
    });
    let data: unknown;
    try {
      data = JSON.parse(answer.body);
    } catch {
      data = undefined;
    }
    return { status: answer.status, headers: answer.headers, data };
  } finally {
    http.close();
  }
}

/** A string field of a JSON object, shortened; undefined for anything else. */
export function text(data: unknown, key: string, max = 300): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const value = (data as Record<string, unknown>)[key];
  if (typeof value === 'string' && value.trim() !== '') return value.trim().slice(0, max);
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** `base` + `path`, keeping a path prefix the base may have (`https://proxy.example/x` + `/2/…`). */
export function joinUrl(base: string, path: string): URL {
  return new URL(`${base.replace(/\/+$/, '')}${path}`);
}

/** An instant for people: `2026-03-12 17:05 UTC` (the browser's time zone is not known here). */
export function utc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Where a webhook is to be pasted: absolute when the public address is known, else the path alone. */
export function webhookUrl(publicUrl: string, event: string, tail: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/hooks/${encodeURIComponent(event)}/${tail}`;
}

/**
 * Replaces every secret value wherever it appears in the result, in every string of it whatever its shape (a fact's
 * value in one or both languages): a belt to go with the checks' braces.
 */
export function withoutSecrets(result: SourceTestResult, secrets: readonly string[]): SourceTestResult {
  const hidden = secrets.filter((secret) => secret.length >= 4);
  if (hidden.length === 0) return result;
  const scrub = (value: string) => hidden.reduce((out, secret) => out.split(secret).join('***'), value);
  return JSON.parse(JSON.stringify(result), (_key, value: unknown) =>
    typeof value === 'string' ? scrub(value) : value,
  ) as SourceTestResult;
}
