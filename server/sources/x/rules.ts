/**
 * Filtered-stream rules. Rules belong to the X app, not to a connection: every event that uses the same app shares
 * one rule set and one stream. Each event owns exactly the rules tagged `murmure:<slug>`; it lists the rules,
 * deletes its stale ones and adds the one it lacks, so a restart changes nothing and other rules (other events,
 * other tools on the same app) are never touched, except a rule of another event's that this one inherited.
 */
import { createHash } from 'node:crypto';
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

/**
 * Which running events use which rule, per X app. Two events with the same hashtags share one rule (X refuses a
 * second rule with the same value), tagged for whichever came first: when that one stops, the rule must stay
 * for the other, and it goes when the last of them stops.
 */
const holders = new Map<string, Map<symbol, ReadonlySet<string>>>();

/** An app is its API root and its bearer token (kept as a hash, never as is). */
export function appKey(apiBase: string, bearerToken: string): string {
  return `${apiBase}#${createHash('sha256').update(bearerToken).digest('base64url')}`;
}

/** Records that `holder` (a running event's source) takes the matches of these rules. */
export function holdRules(app: string, holder: symbol, ids: ReadonlySet<string>): void {
  const held = holders.get(app) ?? new Map<symbol, ReadonlySet<string>>();
  held.set(holder, ids);
  holders.set(app, held);
}

/** Forgets `holder`; returns the rule ids it held that no other running event holds. */
export function releaseRules(app: string, holder: symbol): Set<string> {
  const held = holders.get(app);
  const mine = new Set(held?.get(holder) ?? []);
  held?.delete(holder);
  if (held?.size === 0) holders.delete(app);
  for (const ids of held?.values() ?? []) for (const id of ids) mine.delete(id);
  return mine;
}

const stillHeld = (app: string, id: string) => [...(holders.get(app)?.values() ?? [])].some((ids) => ids.has(id));

/**
 * Deletes the event's rules and the Murmure rules it alone still used (another event's, shared); rules another
 * running event uses stay. Returns how many were deleted.
 */
export async function removeRules(v2: XV2, tag: string, app = '', released: ReadonlySet<string> = new Set()) {
  const ids = (await listRules(v2))
    .filter((rule) => rule.tag === tag || (released.has(rule.id) && rule.tag?.startsWith('murmure:')))
    .filter((rule) => !stillHeld(app, rule.id))
    .map((rule) => rule.id);
  await deleteRules(v2, ids);
  return ids.length;
}

/** Deletes the event's rules on a connection of its own, given up after `timeoutMs` (a stop must not hang). */
export async function removeRulesWithin(
  apiBase: string,
  bearerToken: string,
  tag: string,
  timeoutMs: number,
  holder?: symbol,
) {
  const app = appKey(apiBase, bearerToken);
  const released = holder ? releaseRules(app, holder) : new Set<string>();
  const api = createXApi(apiBase, bearerToken);
  const timer = setTimeout(() => api.close(), timeoutMs);
  try {
    return await removeRules(api.v2, tag, app, released);
  } finally {
    clearTimeout(timer);
    api.close();
  }
}
