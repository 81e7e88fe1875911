/**
 * The tag timeline (`GET /api/v1/timelines/tag/:tag`) of one instance, read forward from a remembered status id:
 * `min_id` pages following the `rel="prev"` links until there is no newer page. The newest id per instance and tag
 * is kept in the source's memory, so a restart or a dropped stream resumes where it stopped.
 */
import type { SourceMemory } from '../source.js';
import type { InstanceApi } from './api.js';
import { parseLinkHeader } from './http.js';

/** Mastodon's largest page. */
const PAGE_LIMIT = 40;
/** A long gap is caught up over several rounds rather than in one burst of requests. */
const MAX_PAGES_PER_ROUND = 10;
/**
 * Mastodon gives a status from another server an id made from its creation time, so one that federates late can
 * land below an id we already passed. Each read starts this far back; what comes twice is known and skipped.
 */
const LATE_ARRIVAL_MS = 60_000;

/** Called for each status, oldest first; a throw stops the round before the cursor passes that status. */
export type StatusVisitor = (status: unknown) => Promise<void>;

export type Timeline = ReturnType<typeof createTimeline>;

export function createTimeline(api: InstanceApi, memory: SourceMemory) {
  const cursorKey = (tag: string) => `since:${api.host}:${tag.toLowerCase()}`;

  /** Moves a tag's cursor forward to `id`, never back. */
  function advance(tag: string, id: string): void {
    const current = memory.get(cursorKey(tag));
    if (current === undefined || compareIds(id, current) > 0) memory.set(cursorKey(tag), id);
  }

  async function page(tag: string, minId: string | undefined) {
    const path = `api/v1/timelines/tag/${encodeURIComponent(tag)}`;
    const { data, headers } = await api.getJson(path, { limit: String(PAGE_LIMIT), min_id: minId });
    if (!Array.isArray(data)) throw new Error(`${api.host} answered something that is not a list of statuses`);
    const prev = parseLinkHeader(typeof headers.link === 'string' ? headers.link : undefined).prev;
    const newer = prev === undefined ? undefined : (URL.parse(prev)?.searchParams.get('min_id') ?? undefined);
    return { statuses: data as unknown[], newer };
  }

  async function catchUpTag(tag: string, visit: StatusVisitor): Promise<void> {
    const cursor = memory.get(cursorKey(tag));
    // The first read takes the newest page only: the wall starts from now, not from the tag's whole history.
    let minId = cursor === undefined ? undefined : startBefore(cursor);
    for (let pages = 0; pages < MAX_PAGES_PER_ROUND; pages++) {
      const { statuses, newer } = await page(tag, minId);
      const ordered = statuses
        .flatMap((status) => {
          const id = statusId(status);
          return id === undefined ? [] : [{ id, status }];
        })
        .sort((a, b) => compareIds(a.id, b.id));
      for (const { status } of ordered) await visit(status);
      const newest = ordered.at(-1)?.id;
      if (newest !== undefined) advance(tag, newest);
      if (minId === undefined || statuses.length === 0 || newer === undefined) return;
      minId = newer;
    }
  }

  return {
    /** Reads each tag's statuses newer than its cursor, oldest first, moving the cursor as pages are handled. */
    async catchUp(tags: readonly string[], visit: StatusVisitor): Promise<void> {
      for (const tag of tags) await catchUpTag(tag, visit);
    },
    advance,
  };
}

function statusId(status: unknown): string | undefined {
  const id = typeof status === 'object' && status !== null ? (status as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** Orders status ids: Mastodon's are decimal numbers beyond 2^53 (compared as strings of digits), others sortable strings. */
export function compareIds(a: string, b: string): number {
  const numeric = /^\d+$/.test(a) && /^\d+$/.test(b);
  if (numeric && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The id to read from: `id` moved back by {@link LATE_ARRIVAL_MS} when it is a Mastodon snowflake (ms << 16). */
export function startBefore(id: string): string {
  if (!/^\d{15,20}$/.test(id)) return id;
  const earlier = BigInt(id) - (BigInt(LATE_ARRIVAL_MS) << 16n);
  return earlier > 0n ? earlier.toString() : id;
}
