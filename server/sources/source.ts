/**
 * The Source interface. A source turns what it receives into raw payloads and hands them to `submit`; it never
 * touches the store or the sockets. Pull sources run until their signal aborts and report their state; push
 * sources (web form, webhooks) are HTTP routes and report themselves as live.
 */
import type { Logger } from '../log.js';
import type { RawPayload } from '../pipeline/types.js';
import type { IntakeOutcome, SourceChangeOutcome } from '../intake/intake.js';
import type { SourceKind } from '../protocol/items.js';
import type { SourceConfig } from '../config/sources.js';
import type { StoredUpload } from '../media/uploads.js';

import type { SourceIdentity, SourcePart, SourceProblem, SourceState } from '../protocol/moderation.js';

export type { SourceIdentity, SourcePart, SourceProblem, SourceState } from '../protocol/moderation.js';

export interface SourceStatus {
  /** `${event}/${source row id}:${kind}`: stable while the source exists. */
  id: string;
  event: string;
  kind: SourceConfig['kind'];
  /** What people call it (its number, its instances, its hashtags), see identity.ts. */
  identity: SourceIdentity;
  state: SourceState;
  /** For rate-limited: when it resumes (epoch ms). */
  until?: number;
  /** The last error in the service's or the system's words, for the admin and the log. */
  lastError?: string;
  /** The last error as a stable code with its parameters, which the console words in its language. */
  problem?: SourceProblem;
  /** More about the state, e.g. where a mail receiver listens. */
  detail?: string;
  /** Each part's own state (each Mastodon instance). */
  parts?: SourcePart[];
  lastItemAt?: number;
}

/**
 * What goes with a state. A failure gives `lastError` and `problem` together (see problem.ts: `failure()`); a
 * `lastError` without its `problem` gets one read from its words.
 */
export interface StateDetails {
  until?: number;
  lastError?: string;
  problem?: SourceProblem;
  detail?: string;
  parts?: SourcePart[];
}

/** Small values a source keeps across restarts (cursors, since ids), scoped to its event and kind. */
export interface SourceMemory {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  delete(key: string): void;
  /** Forgets keys starting with `prefix` not written since `before` (epoch ms). */
  forgetOlder(prefix: string, before: number): number;
}

export interface SourceContext {
  event: string;
  /** The event's hashtags without `#`, as configured: match them case-insensitively. */
  hashtags: readonly string[];
  /** Hands one payload to the pipeline; resolves once it is stored (or known to be a duplicate or bad). */
  submit(raw: RawPayload): Promise<IntakeOutcome>;
  /** The author edited a post: the stored item follows (a post never stored goes in as new). */
  revise(raw: RawPayload): Promise<IntakeOutcome | SourceChangeOutcome>;
  /** The author deleted a post, or the network no longer has it: it leaves the wall and the queue. */
  retract(source: SourceKind, sourceId: string, why: string): SourceChangeOutcome;
  /** Source ids of the event's approved items from `source`, most recently shown first (to re-check them). */
  shownSourceIds(source: SourceKind, limit?: number): string[];
  memory: SourceMemory;
  /** Reports the source's state to moderators; `details` replace the previous ones. */
  setState(state: SourceState, details?: StateDetails): void;
  log: Logger;
  /**
   * Stores an image the source received itself (an email attachment): checked by its bytes, stripped of metadata,
   * served from `/media/uploads/`. Rejects with UnsupportedImageError for anything else. Absent when not wired.
   */
  saveImage?(data: Buffer): Promise<StoredUpload>;
  /** Aborted when the source must stop: leave no timer or socket behind. */
  signal: AbortSignal;
}

export interface Source {
  /** Runs until `ctx.signal` aborts (or the source has nothing more to do). Must not throw for upstream trouble. */
  run(ctx: SourceContext): Promise<void>;
}
