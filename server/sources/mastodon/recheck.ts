/**
 * An instance read without a token hears of no delete and no edit: its tag timeline only ever brings new statuses.
 * So the statuses on the wall that it relayed are looked up again now and then (`GET /api/v1/statuses/:id`, public
 * for public statuses). One the instance no longer has (404, 410) leaves the wall; an edited one is revised, which
 * sends an approved status back to the queue, flagged. An instance that streams hears of both as they happen.
 */
import type { SourceContext } from '../source.js';
import type { InstanceApi } from './api.js';
import type { StatusHandler } from './statuses.js';

/**
 * Statuses looked up per round at most, newest on the wall first: one request each, out of the 300 per 5 minutes an
 * address may make, which the timeline reads share.
 */
export const RECHECK_LIMIT = 40;

export interface RecheckResult {
  checked: number;
  gone: number;
}

/**
 * One round. Stops at the first failed lookup (a rate limit, an instance down) and throws it for the caller to
 * report; what the round did before it stands, and the next round starts again from the newest.
 */
export async function recheckShown(
  api: Pick<InstanceApi, 'status'>,
  statuses: StatusHandler,
  ctx: Pick<SourceContext, 'shownSourceIds'>,
  limit = RECHECK_LIMIT,
): Promise<RecheckResult> {
  const result: RecheckResult = { checked: 0, gone: 0 };
  // Several instances may have relayed a status: each looks up those it knows an id of its own for.
  const known = (await ctx.shownSourceIds('mastodon', limit * 4)).flatMap((uri) => {
    const localId = statuses.localIdOf(uri);
    return localId === undefined ? [] : [localId];
  });
  for (const localId of known.slice(0, limit)) {
    const status = await api.status(localId);
    result.checked += 1;
    if (status === null) {
      await statuses.remove(localId);
      result.gone += 1;
    } else if (isEdited(status)) {
      await statuses.edit(status, 'recheck');
    }
  }
  return result;
}

/** Only an edited status can differ from what was stored; the others need no trip through the pipeline. */
function isEdited(status: unknown): boolean {
  return (
    typeof status === 'object' && status !== null && typeof (status as { edited_at?: unknown }).edited_at === 'string'
  );
}
