/** Shapes of the HTTP API's JSON, shared with the Svelte apps. */
import type { PublicItem } from './items.js';
import type { Language, PublicEvent } from './event.js';
import type { ErrorCode, Moderator } from './socket.js';
import type { AdminFieldError } from './admin.js';

export interface ApiError {
  error: {
    code: ErrorCode;
    message: string;
    details?: FieldError[];
    /** `invalid`: each field's problem in both languages (see protocol/admin.ts). */
    fields?: AdminFieldError[];
  };
}

export interface FieldError {
  field: string;
  message: string;
}

export interface EventsResponse {
  events: PublicEvent[];
}

export interface ItemsPage {
  items: PublicItem[];
  /** Pass as `?before=` for the next (older) page; null at the end. */
  next: string | null;
}

/** The web form's body. */
export interface SubmissionRequest {
  name: string;
  message: string;
}

export interface SubmissionResponse {
  /**
   * received: waits for a moderator (pre-moderation, and also when a filter rejected it: the sender is not told
   * which words are blocked); shown: already on the wall (post-moderation).
   */
  status: 'received' | 'shown';
  /** True when this idempotency key had already been submitted. */
  duplicate: boolean;
}

export interface SessionResponse {
  moderator: Moderator;
}

/** `GET /api/setup`: whether the console shows the first-run set-up page instead of the sign-in. */
export interface SetupStatus {
  /** True while no admin account exists. */
  needed: boolean;
  /** The console language chosen at set-up; a console without a saved choice of its own starts in it. */
  language: Language | null;
}

/** `POST /api/setup`: the token printed at start-up, and the first admin. Answered like a sign-in. */
export interface SetupRequest {
  token: string;
  /** `admin` when absent. */
  name?: string;
  password: string;
  language: Language;
}
