/** Helpers shared by the normalizers: payload validation, times, languages. */
import type { z } from 'zod';
import { MalformedPayloadError } from '../types.js';
import type { NormalizeContext, PayloadFormat } from '../types.js';

/**
 * Parses an untrusted payload, or throws {@link MalformedPayloadError} naming each bad field (`data.id: Invalid
 * input: expected string, received undefined`). The normalizers' schemas are plain `z.object`s: the many fields a
 * source sends that no normalizer reads are left out, not copied one by one as a loose object would (bench/intake).
 */
export function parsePayload<T extends z.ZodType>(format: PayloadFormat, schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  throw new MalformedPayloadError(format, problems.join('; '));
}

/** Epoch milliseconds of an ISO date or epoch value (seconds or milliseconds), or `ctx.now()` if unreadable. */
export function parseTime(value: string | number | undefined | null, ctx: Pick<NormalizeContext, 'now'>): number {
  if (value === undefined || value === null || value === '') return ctx.now();
  if (typeof value === 'number' || /^\d+$/.test(value)) {
    const n = Number(value);
    // Ten digits or fewer is seconds: epoch milliseconds passed 10^10 in 1970.
    return n < 1e10 ? n * 1000 : n;
  }
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? ctx.now() : ms;
}

/**
 * Codes that say "no language" rather than naming one: undetermined, no linguistic content, multiple, and the
 * private-use `qaa`–`qtz` range X uses for media-only (`qme`), hashtag-only (`qht`), mentions-only (`qam`) posts.
 */
const NOT_A_LANGUAGE = /^(?:und|zxx|mul|mis|q[a-t][a-z])$/i;

/** A BCP 47 tag as the source gave it, or null when absent or not a language. */
export function cleanLang(lang: string | null | undefined): string | null {
  const tag = lang?.trim();
  if (!tag || !/^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i.test(tag)) return null;
  const primary = tag.split('-')[0] ?? '';
  return NOT_A_LANGUAGE.test(primary) ? null : tag;
}

/** `meta[key]` when it is a non-empty string. */
export function metaString(meta: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = meta?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
