/**
 * The Source interface. A source turns what it receives into raw payloads and hands them to `submit`; it never
 * touches the store or the sockets. Pull sources run until their signal aborts and report their state; push
 * sources (web form, webhooks) are HTTP routes and report themselves as live.
 */
import type { Logger } from '../log.js';
import type { RawPayload } from '../pipeline/types.js';
import type { IntakeOutcome } from '../intake/intake.js';
import type { SourceConfig } from '../config/sources.js';

import type { SourceState } from '../protocol/moderation.js';

export type { SourceState } from '../protocol/moderation.js';

export interface SourceStatus {
  /** `${event}/${index}:${kind}`, stable for the life of the configuration. */
  id: string;
  event: string;
  kind: SourceConfig['kind'];
  state: SourceState;
  /** For rate-limited: when it resumes (epoch ms). */
  until?: number;
  /** The last error, in words a moderator can act on. */
  lastError?: string;
  lastItemAt?: number;
}

export interface SourceContext {
  event: string;
  /** Hands one payload to the pipeline; resolves once it is stored (or known to be a duplicate or bad). */
  submit(raw: RawPayload): Promise<IntakeOutcome>;
  setState(state: SourceState, details?: { until?: number; lastError?: string }): void;
  log: Logger;
  /** Aborted when the source must stop: leave no timer or socket behind. */
  signal: AbortSignal;
}

export interface Source {
  /** Runs until `ctx.signal` aborts (or the source has nothing more to do). Must not throw for upstream trouble. */
  run(ctx: SourceContext): Promise<void>;
}
