/**
 * What the source does with a status from one instance, however it came (timeline page or stream frame): keep it
 * when it carries one of the event's hashtags, remember which status URI its local id stands for (a delete carries
 * only the local id), and hand it to the pipeline, which knows one status by its URI whichever instance relayed it.
 */
import { z } from 'zod';
import type { RawPayload } from '../../pipeline/types.js';
import type { SourceContext } from '../source.js';

/** Local id → URI entries older than this are forgotten: a delete after two days no longer matters to an event. */
export const ID_MAP_TTL_MS = 48 * 60 * 60 * 1000;
export const ID_MAP_PREFIX = 'uri:';
/** The other way, URI → local id, for looking a shown status up again on an instance that polls (recheck.ts). */
export const LOCAL_ID_PREFIX = 'local:';
/** Stands for a boost's own id: deleting a boost (an unboost) must not retract the boosted status. */
const BOOST = '-';

const Core = z.looseObject({
  id: z.string().min(1),
  uri: z.string().min(1),
  tags: z.array(z.looseObject({ name: z.string() })).nullish(),
});
const Status = Core.extend({ reblog: Core.nullish() });

export type StatusHandler = ReturnType<typeof createStatusHandler>;

/** What became of a status: `fresh` when handed to the pipeline, with the event hashtags it carries. */
export interface Handled {
  id: string;
  fresh: boolean;
  tags: string[];
}

export function createStatusHandler(ctx: SourceContext, instance: { base: string; host: string }) {
  const wanted = new Set(ctx.hashtags.map((tag) => tag.toLowerCase()));
  const key = (localId: string) => `${ID_MAP_PREFIX}${instance.host}:${localId}`;
  const localKey = (uri: string) => `${LOCAL_ID_PREFIX}${instance.host}:${uri}`;

  function raw(payload: unknown): RawPayload {
    return { format: 'mastodon', payload, meta: { instance: instance.base } };
  }

  /** Reads enough of a status to route it; null (logged) when it is not one. */
  function inspect(value: unknown, via: string) {
    const parsed = Status.safeParse(value);
    if (parsed.success) return parsed.data;
    const problem = parsed.error.issues[0];
    ctx.log.warn({ instance: instance.host, via, problem: problem?.message, path: problem?.path }, 'not a status');
    return null;
  }

  function eventTags(status: z.output<typeof Status>): string[] {
    const original = status.reblog ?? status;
    return (original.tags ?? []).map((tag) => tag.name.toLowerCase()).filter((tag) => wanted.has(tag));
  }

  function remember(status: z.output<typeof Status>): void {
    const original = status.reblog ?? status;
    ctx.memory.set(key(original.id), original.uri);
    ctx.memory.set(localKey(original.uri), original.id);
    if (status.reblog) ctx.memory.set(key(status.id), BOOST);
  }

  return {
    /** A new status (timeline or `update`). One already handled through this instance is skipped. */
    async add(value: unknown, via: string): Promise<Handled | null> {
      const status = inspect(value, via);
      if (!status) return null;
      const tags = eventTags(status);
      if (tags.length === 0 || ctx.memory.get(key(status.id)) !== undefined)
        return { id: status.id, fresh: false, tags };
      // Remembered before the (asynchronous) submit, so a delete right behind it finds the URI.
      remember(status);
      await ctx.submit(raw(value));
      return { id: status.id, fresh: true, tags };
    },

    /** An edit (`status.update`): the stored item follows; an edit of a status never stored comes in as new. */
    async edit(value: unknown, via: string): Promise<void> {
      const status = inspect(value, via);
      if (!status || eventTags(status).length === 0) return;
      remember(status);
      await ctx.revise(raw(value));
    },

    /** This instance's id for the status with this URI, if it relayed it to us. */
    localIdOf(uri: string): string | undefined {
      return ctx.memory.get(localKey(uri));
    },

    /** A `delete` (the local id), or a status the instance no longer has: it leaves the wall and the queue. */
    async remove(localId: string): Promise<void> {
      const uri = ctx.memory.get(key(localId));
      ctx.memory.delete(key(localId));
      if (uri !== undefined && uri !== BOOST) ctx.memory.delete(localKey(uri));
      if (uri === undefined || uri === BOOST) {
        ctx.log.debug({ instance: instance.host, localId }, 'delete of a status we never kept');
        return;
      }
      const outcome = await ctx.retract('mastodon', uri, 'deleted by its author');
      ctx.log.info({ instance: instance.host, uri, outcome: outcome.kind }, 'status deleted at its source');
    },
  };
}
