/** The pure part of intake: normalize -> sanitize -> dedupe -> filter. Storing and notifying are the caller's. */
import type { SourceKind } from '../protocol/items.js';
import { dedupe } from './dedupe.js';
import type { DedupeContext } from './dedupe.js';
import { filter } from './filter.js';
import { normalize } from './normalize/index.js';
import { sanitize, type SanitizeOptions } from './sanitize.js';
import { IgnoredPayloadError, MalformedPayloadError } from './types.js';
import type { EventRules, FilterDecision, NormalizeContext, RawPayload, SanitizedItem } from './types.js';

/** Everything the steps look up, injected by the caller. */
export interface PipelineContext extends NormalizeContext, DedupeContext {
  rules: EventRules;
  /** Text cap passed to sanitize. */
  maxLength?: number;
  /** The event's phone countries, passed to sanitize (see `eventPhoneCountries`). */
  phoneCountries?: SanitizeOptions['phoneCountries'];
}

/** How a payload left the pipeline. Only `item` is to be stored. */
export type PipelineOutcome =
  | { kind: 'item'; item: SanitizedItem; decision: FilterDecision }
  | { kind: 'duplicate'; source: SourceKind; sourceId: string }
  | { kind: 'ignored'; why: string }
  | { kind: 'malformed'; error: MalformedPayloadError };

/**
 * Runs the steps in order (`revision`: for an edit of a stored item, without dedupe), stopping at the first drop. A payload that makes normalize or sanitize throw anything
 * else (a bug, or input nobody foresaw) comes out as `malformed` so one bad message cannot stop a source. Errors
 * thrown by the caller's own lookups (`seen`, the rules) are not the payload's fault and propagate (reject).
 */
export async function runPipeline(
  raw: RawPayload,
  ctx: PipelineContext,
  options: { revision?: boolean } = {},
): Promise<PipelineOutcome> {
  let item: SanitizedItem;
  try {
    item = sanitize(normalize(raw, ctx), { maxLength: ctx.maxLength, phoneCountries: ctx.phoneCountries });
  } catch (error) {
    if (error instanceof IgnoredPayloadError) return { kind: 'ignored', why: error.why };
    if (error instanceof MalformedPayloadError) return { kind: 'malformed', error };
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'malformed', error: new MalformedPayloadError(raw.format, `unexpected error: ${message}`) };
  }
  // An edit is of an item already stored: dedupe would drop it.
  if (options.revision) return { kind: 'item', item, decision: filter(item, ctx.rules) };
  const deduped = await dedupe(item, ctx);
  if (deduped.kind === 'duplicate') return deduped;
  return { kind: 'item', item: deduped.item, decision: filter(deduped.item, ctx.rules) };
}
