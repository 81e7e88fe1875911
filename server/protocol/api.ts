/** Shapes of the HTTP API's JSON, shared with the Svelte apps. */
import type { PublicItem } from './items.js';
import type { PublicEvent } from './event.js';
import type { ErrorCode, Moderator } from './socket.js';

export interface ApiError {
  error: { code: ErrorCode; message: string; details?: FieldError[] };
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
