/**
 * Filtered-stream rules. Rules belong to the X app, not to a connection: every event that uses the same app shares
 * one rule set and one stream. Each event owns exactly the rules tagged `murmure:<slug>`; it lists the rules,
 * deletes its stale ones and adds the one it lacks, so a restart changes nothing and other rules (other events,
 * other tools on the same app) are never touched.
 */
import { z } from 'zod';
import { createXApi, REQUEST_TIMEOUT_MS, type XV2 } from './client.js';

const RULES_PATH = 'tweets/search/stream/rules';

const Rule = z.looseObject({ id: z.string(), value: z.string(), tag: z.string().optional() });
const Listed = z.looseObject({ data: z.array(Rule).optional() });
const RuleError = z.looseObject({
  id: z.string().optional(),
  value: z.string().optional(),
  title: z.string().optional(),
  detail: z.string().optional(),
});
const Added = z.looseObject({ data: z.array(Rule).optional(), errors: z.array(RuleError).optional() });

/** The tag that marks an event's rule, and its matches in `matching_rules`. */
export function ruleTag(event: string): string {
  return `murmure:${event}`;
}

/** The event's hashtags as one rule: `#TownHall OR #MairieLive`. */
export function ruleValue(hashtags: readonly string[]): string {
  return hashtags.map((tag) => `#${tag}`).join(' OR ');
}

/** X refused the rule itself (too long, bad syntax): retrying the same rule will not help. */
export class RuleRefusedError extends Error {
  override readonly name = 'RuleRefusedError';
}

async function listRules(v2: XV2): Promise<z.output<typeof Rule>[]> {
  const listed = Listed.parse(await v2.get<unknown>(RULES_PATH, {}, { timeout: REQUEST_TIMEOUT_MS }));
  return listed.data ?? [];
}

async function deleteRules(v2: XV2, ids: string[]): Promise<void> {
  if (ids.length > 0) await v2.post(RULES_PATH, { delete: { ids } }, { timeout: REQUEST_TIMEOUT_MS });
}

/**
 * Leaves exactly one rule with this tag and value; returns the ids of the rules whose matches are the event's.
 * Throws the library's error for an HTTP or network failure, RuleRefusedError when X rejects the rule.
 */
export async function syncRule(v2: XV2, tag: string, value: string): Promise<Set<string>> {
  const ours = (await listRules(v2)).filter((rule) => rule.tag === tag);
  const keep = ours.find((rule) => rule.value === value);
  await deleteRules(
    v2,
    ours.filter((rule) => rule !== keep).map((rule) => rule.id),
  );
  if (keep) return new Set([keep.id]);
  const added = Added.parse(
    await v2.post<unknown>(RULES_PATH, { add: [{ value, tag }] }, { timeout: REQUEST_TIMEOUT_MS }),
  );
  const created = added.data?.find((rule) => rule.value === value);
  if (created) return new Set([created.id]);
  // X refuses a second rule with the same value whatever its tag (another tool on the same app, or another event
  // with the same hashtags): that rule's matches are what this event wants, so they are taken as its own.
  const duplicate = added.errors?.find((error) => error.title === 'DuplicateRule' && error.id !== undefined);
  if (duplicate?.id !== undefined) return new Set([duplicate.id]);
  const why = added.errors?.map((error) => [error.title, error.detail].filter(Boolean).join(': ')).join('; ');
  throw new RuleRefusedError(`X refused the stream rule "${value}"${why ? `: ${why}` : ''}`);
}

/** Deletes the event's rules; returns how many there were. */
export async function removeRules(v2: XV2, tag: string): Promise<number> {
  const ids = (await listRules(v2)).filter((rule) => rule.tag === tag).map((rule) => rule.id);
  await deleteRules(v2, ids);
  return ids.length;
}

/** Deletes the event's rules on a connection of its own, given up after `timeoutMs` (a stop must not hang). */
export async function removeRulesWithin(apiBase: string, bearerToken: string, tag: string, timeoutMs: number) {
  const api = createXApi(apiBase, bearerToken);
  const timer = setTimeout(() => api.close(), timeoutMs);
  try {
    return await removeRules(api.v2, tag);
  } finally {
    clearTimeout(timer);
    api.close();
  }
}
