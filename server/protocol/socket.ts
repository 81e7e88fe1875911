/**
 * Typed socket.io event maps for the two namespaces, both directions, and the ack shape.
 * Every client request is answered by a `Response<T>`, never by a thrown error.
 */
import type { Item, ItemStatus, PublicItem } from './items.js';
import type { Announcement, PublicEvent, WallLayout, WallSettings, WallTheme } from './event.js';

export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'payload_too_large'
  | 'bad_gateway'
  | 'internal';

export type Response<T> = { ok: true; data: T } | { ok: false; code: ErrorCode; message: string };

export type Ack<T> = (response: Response<T>) => void;

// ---- /wall (public) ----

export interface WallSnapshot {
  event: PublicEvent;
  /** Recent approved items, newest first. */
  items: PublicItem[];
  /** Pinned approved items, newest first; may overlap `items`. */
  pinned: PublicItem[];
}

export interface WallHandshake {
  /** Event slug; the server's default event when absent. */
  event?: string;
}

export interface WallServerToClient {
  'wall:snapshot': (snapshot: WallSnapshot) => void;
  'item:shown': (item: PublicItem) => void;
  'item:hidden': (payload: { id: number }) => void;
  'item:updated': (item: PublicItem) => void;
  'wall:settings': (settings: WallSettings) => void;
  /** A new announcement, or null when the moderators cleared it. */
  'wall:announcement': (announcement: Announcement | null) => void;
  'wall:error': (error: { code: ErrorCode; message: string }) => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the wall only listens
export interface WallClientToServer {}

// ---- /moderation (signed-in moderators) ----

export type ModerationAction = 'approve' | 'reject' | 'hide' | 'pin' | 'unpin';

export interface ItemActionRequest {
  id: number;
  /**
   * The status the moderator saw. When given and the item has moved on since, the action is refused with
   * `conflict`, so two moderators never silently overwrite each other.
   */
  expected?: ItemStatus;
}

export interface Moderator {
  id: number;
  name: string;
  role: 'admin' | 'moderator';
}

export type StatusCounts = Record<ItemStatus, number>;

export interface QueueRequest {
  event: string;
  status?: ItemStatus;
  /** Page size, at most 500. */
  limit?: number;
  /** Opaque cursor from a previous page. */
  cursor?: string;
}

export interface QueueSnapshot {
  event: PublicEvent;
  status: ItemStatus;
  items: Item[];
  counts: StatusCounts;
  /** Cursor for the next page, or null at the end. */
  next: string | null;
}

export interface ModerationNotice {
  item: Item;
  action: ModerationAction;
  by: string;
  before: ItemStatus;
  after: ItemStatus;
  at: number;
}

export interface ModerationHello {
  moderator: Moderator;
  events: PublicEvent[];
}

/** Live changes to an event's wall; every field is optional and only those given change. */
export interface WallUpdateRequest {
  event: string;
  layout?: WallLayout;
  theme?: Partial<WallTheme>;
  paused?: boolean;
}

export interface AnnounceRequest {
  event: string;
  /** Null (or empty) clears the announcement. At most 280 characters. */
  text: string | null;
}

export interface ModerationServerToClient {
  'moderation:hello': (hello: ModerationHello) => void;
  'item:new': (item: Item) => void;
  'item:moderated': (notice: ModerationNotice) => void;
  'queue:counts': (payload: { event: string; counts: StatusCounts }) => void;
}

type ActionHandler = (request: ItemActionRequest, ack: Ack<Item>) => void;

export interface ModerationClientToServer {
  /** Joins the event's room and returns one page of its queue. */
  'queue:snapshot': (request: QueueRequest, ack: Ack<QueueSnapshot>) => void;
  'item:approve': ActionHandler;
  'item:reject': ActionHandler;
  'item:hide': ActionHandler;
  'item:pin': ActionHandler;
  'item:unpin': ActionHandler;
  /** Switches layout or theme, pauses or resumes the wall, live on every screen. */
  'wall:update': (request: WallUpdateRequest, ack: Ack<WallSettings>) => void;
  'wall:announce': (request: AnnounceRequest, ack: Ack<Announcement | null>) => void;
}
