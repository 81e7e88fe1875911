/** Shared by the pipeline unit tests: a fixed context and the recorded fixtures. */
import { readFileSync } from 'node:fs';
import { normalize } from '../../../server/pipeline/normalize/index.js';
import { IgnoredPayloadError, MalformedPayloadError } from '../../../server/pipeline/types.js';
import type { NormalizeContext, NormalizedItem, PayloadFormat } from '../../../server/pipeline/types.js';

export const NOW = Date.UTC(2026, 2, 12, 18, 0, 0);

/** Tags are readable here (`phone:+33…` → `tag(+33…)`) so a test can tell what was tagged. */
export const ctx: NormalizeContext = {
  contactTag: (kind, value) => `${kind === 'phone' ? 'sms' : 'mail'}-tag(${value})`,
  now: () => NOW,
};

const FIXTURES = new URL('../../fixtures/', import.meta.url);

export function fixtureText(path: string): string {
  return readFileSync(new URL(path, FIXTURES), 'utf8');
}

export function fixtureJson(path: string): unknown {
  return JSON.parse(fixtureText(path));
}

/** A Twilio `.form` fixture decoded the way express.urlencoded does. */
export function fixtureForm(path: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(fixtureText(path)));
}

export function norm(format: PayloadFormat, payload: unknown, meta?: Record<string, unknown>): NormalizedItem {
  return normalize(meta === undefined ? { format, payload } : { format, payload, meta }, ctx);
}

/** The error `fn` throws, for asserting on its class and message. */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`threw a non-Error: ${String(error)}`, { cause: error });
  }
  throw new Error('did not throw');
}

export function malformed(fn: () => unknown): MalformedPayloadError {
  const error = thrown(fn);
  if (!(error instanceof MalformedPayloadError)) throw new Error(`expected MalformedPayloadError, got ${error.name}`);
  return error;
}

export function ignored(fn: () => unknown): IgnoredPayloadError {
  const error = thrown(fn);
  if (!(error instanceof IgnoredPayloadError)) throw new Error(`expected IgnoredPayloadError, got ${error.name}`);
  return error;
}
