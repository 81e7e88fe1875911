/**
 * X reports no deletes on the stream or in search: approved posts are looked up again (`GET /2/tweets?ids=`, up to
 * 100 ids a call), and those X reports as `resource-not-found` leave the wall. Any other error on an id
 * (not authorized, suspended author...) is not proof of a delete and changes nothing.
 */
import { z } from 'zod';
import { REQUEST_TIMEOUT_MS, type XV2 } from './client.js';
import type { RateGate } from './search.js';

/** Ids per lookup call: X's maximum. */
export const LOOKUP_BATCH = 100;

const Lookup = z.looseObject({
  errors: z
    .array(
      z.looseObject({
        type: z.string().optional(),
        resource_id: z.string().optional(),
        value: z.string().optional(),
      }),
    )
    .optional(),
});

const NOT_FOUND = '/problems/resource-not-found';

/**
 * Looks the ids up in batches and calls `retract` for each one X no longer has; returns how many. Stops early when
 * the rate limit runs out (the rest waits for the next round). Throws the library's error for a failed call.
 */
export async function recheckShown(
  v2: XV2,
  ids: readonly string[],
  gate: RateGate,
  retract: (id: string) => Promise<unknown>,
): Promise<number> {
  let gone = 0;
  for (let start = 0; start < ids.length && gate.waitMs() === 0; start += LOOKUP_BATCH) {
    const batch = ids.slice(start, start + LOOKUP_BATCH);
    const response = await v2.get<unknown>(
      'tweets',
      { ids: batch.join(','), 'tweet.fields': 'id' },
      { fullResponse: true, timeout: REQUEST_TIMEOUT_MS },
    );
    gate.update(response.rateLimit);
    const errors = Lookup.safeParse(response.data).data?.errors ?? [];
    for (const error of errors) {
      const id = error.resource_id ?? error.value;
      if (id !== undefined && error.type?.endsWith(NOT_FOUND) === true && batch.includes(id)) {
        await retract(id);
        gone += 1;
      }
    }
  }
  return gone;
}
