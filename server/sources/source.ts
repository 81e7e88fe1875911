/**
 * The Source interface, one for every kind. A source turns what it receives into raw payloads and hands them to
 * `submit`; it never touches the store, the sockets or the network for images: what it needs comes through its
 * context. Pull sources `run` until their signal aborts and report their state; push sources (the web form, the SMS
 * webhooks) give `routes`, which the HTTP layer serves while the source is enabled, and are live meanwhile.
 */
import type { RequestHandler } from 'express';
import type { Logger } from '../log.js';
import type { RateWindows } from '../cluster/rate-windows.js';
import type { RawPayload } from '../pipeline/types.js';
import type { IntakeOutcome, SourceChangeOutcome } from '../intake/intake.js';
import type { SourceKind } from '../protocol/items.js';
import type { Language } from '../protocol/event.js';
import type { SourceConfig } from '../config/sources.js';
import type { StoredUpload } from '../media/uploads.js';
import type { ImageApi } from '../media/source-images.js';

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

/**
 * Small values a source keeps across restarts (cursors, since ids), scoped to its event and kind. Synchronous: read
 * from the store before the source starts, written through after (source-memory.ts).
 */
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
  retract(source: SourceKind, sourceId: string, why: string): Promise<SourceChangeOutcome>;
  /** Source ids of the event's approved items from `source`, most recently shown first (to re-check them). */
  shownSourceIds(source: SourceKind, limit?: number): Promise<string[]>;
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

/** What a push source's routes get besides the context every source gets. */
export interface SourceRouteContext extends SourceContext {
  /** The event's languages as its wall speaks them now, first the main one: what a person is told is in these. */
  languages(): readonly Language[];
  /** The server's public address from the configuration, if set (a webhook signature covers the URL posted to). */
  publicUrl: string | undefined;
  /** The keyed hash of a phone number or address: what is kept or logged in place of the number itself. */
  contactTag(kind: 'phone' | 'email', value: string): string;
  /** Whether the event already holds the item with this key (a retried webhook, answered as a duplicate). */
  has(source: SourceKind, sourceId: string): Promise<boolean>;
  /** Whether this sender opted out (STOP): their messages are still taken in (and rejected), never answered. */
  isOptedOut(authorKey: string): Promise<boolean>;
  /**
   * STOP: the sender's author key is banned (new messages rejected on arrival) and their items leave the wall and
   * the queue, content erased. `word` is what they sent, kept in the ban's label.
   */
  optOut(authorKey: string, word: string): Promise<void>;
  /** START: lifts the sender's opt-out, never a ban a moderator or the file set. */
  optIn(authorKey: string): Promise<void>;
  /** Largest image taken, in bytes (the media settings'). */
  maxImageBytes: number;
  saveImage(data: Buffer): Promise<StoredUpload>;
  /**
   * Fetches an image from the source's own configured API (an MMS image from Twilio's) and stores it as
   * `saveImage` does. Rejects for a URL elsewhere than `api.origin`, or what is not a whole image.
   */
  saveImageFrom(url: string, api: ImageApi): Promise<StoredUpload>;
  /**
   * Where the source's limits count (per sender, per address): this process's memory, or the database when several
   * nodes answer the same webhooks. Keys are the source's; they start with the event's slug.
   */
  rateWindows: RateWindows;
}

/** One HTTP route of a push source. */
export interface SourceRoute {
  method: 'get' | 'post';
  /**
   * The public path, `:slug` standing for the event (`/hooks/:slug/sms/twilio`). Gateways are configured with it
   * and people's pages post to it: it never changes.
   */
  path: string;
  /** Run in turn, as express runs a route's handlers; an error goes to the app's error handler. */
  handlers: RequestHandler[];
}

/**
 * Every kind of source implements this: `run` for one that reaches out (or listens on its own port), `routes` for
 * one that is called over the app's HTTP server, both if it needs both.
 */
export interface Source {
  /** Runs until `ctx.signal` aborts (or the source has nothing more to do). Must not throw for upstream trouble. */
  run?(ctx: SourceContext): Promise<void>;
  /**
   * The source's routes, asked for once each time it starts; they are served for its event until it stops (a
   * changed source's old routes keep answering until its new ones replace them).
   */
  routes?(ctx: SourceRouteContext): SourceRoute[];
}
