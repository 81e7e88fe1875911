/**
 * Typed socket.io event maps for the two namespaces, both directions, and the ack shape.
 * Every client request is answered by a `Response<T>`, never by a thrown error.
 */
import type { Item, ItemStatus, PublicItem, SourceKind } from './items.js';
import type {
  AccountCreated,
  AccountRequest,
  AuditPage,
  AuthorRuleRequest,
  ModeratorAccount,
  Presence,
  RulesUpdate,
  RulesView,
  SourceHealth,
} from './moderation.js';
import type { Announcement, PublicEvent, WallLayout, WallSettings, WallTheme } from './event.js';

export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  /** A form's settings failed the schema; the answer lists each field's problem. */
  | 'invalid'
  | 'rate_limited'
  | 'payload_too_large'
  /** An HTTP body of a type or encoding the route does not take. */
  | 'unsupported_media_type'
  | 'bad_gateway'
  | 'internal';

/**
 * Why a request was refused, precisely enough for the console to say it in its own language: `key` is stable, the
 * other fields are its parameters. `message` keeps the server's English words, for logs and scripts.
 */
export type Reason =
  /** The item moved on since the moderator saw it: `status` is where it is now, `by` who moved it. */
  | { key: 'item_moved'; status: ItemStatus; by: string | null }
  /** Someone changed the item between the check and the write. */
  | { key: 'changed_meanwhile' }
  | { key: 'already_pinned'; by: string | null }
  | { key: 'not_pinned' }
  | { key: 'nothing_to_undo' }
  /** Only an item on the wall can be put in the spotlight. */
  | { key: 'not_on_wall'; status: ItemStatus }
  | { key: 'no_item'; id: number }
  | { key: 'no_event'; event: string }
  /** A page cursor the server does not know (an old page after a restart). */
  | { key: 'unknown_cursor' }
  /** The request's shape was refused; `fields` names the parts. */
  | { key: 'invalid_request'; fields: string[] }
  | { key: 'session_ended' }
  | { key: 'server_failed' }
  | { key: 'admins_only' }
  | { key: 'account_exists'; name: string }
  | { key: 'no_account'; name: string }
  | { key: 'own_account' }
  | { key: 'last_admin' };

export type ReasonKey = Reason['key'];

export type Failure = { ok: false; code: ErrorCode; message: string; reason?: Reason };

export type Response<T> = { ok: true; data: T } | Failure;

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
  /** A moderator put this item in the spotlight: show it large for a while, whatever the layout. */
  'wall:spotlight': (item: PublicItem) => void;
  'wall:error': (error: { code: ErrorCode; message: string }) => void;
  /**
   * The event was archived: the screen clears and says the event has ended. It stays connected, so the wall comes
   * back by itself (a `wall:snapshot`) if an admin restores the event.
   */
  'wall:ended': () => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the wall only listens
export interface WallClientToServer {}

// ---- /moderation (signed-in moderators) ----

export type ModerationAction = 'approve' | 'reject' | 'hide' | 'pin' | 'unpin';

/** What a moderation notice reports: an action, its undoing, a star, or a held item's delay running out. */
/** `source-edit` / `source-delete`: the author edited or deleted the post on their network. */
export type NoticeAction =
  ModerationAction | 'undo' | 'star' | 'unstar' | 'hold-expired' | 'source-edit' | 'source-delete';

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
  /** Only this source. */
  source?: SourceKind;
  /** Only items whose text or author contains this, case- and accent-insensitive. */
  search?: string;
  /** Only items starred "for later". */
  starred?: boolean;
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
  action: NoticeAction;
  by: string;
  before: ItemStatus;
  after: ItemStatus;
  /** Whether the item was on the wall before the change (an approved item, or one whose edit was waiting). */
  wasOnWall: boolean;
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
  'moderation:presence': (presence: Presence) => void;
  /** The event's wall settings or announcement changed (by any moderator): its new public description. */
  'event:updated': (event: PublicEvent) => void;
  /** An admin created, edited, archived or restored an event: every live event, as in the hello. */
  'events:changed': (events: PublicEvent[]) => void;
  'rules:changed': (rules: RulesView) => void;
  'source:status': (health: SourceHealth) => void;
}

type ItemAction = { payload: ItemActionRequest; reply: Item };

/**
 * Every `/moderation` request: what the console sends and what the data of its ack is. The event map below, the
 * server's handler table and schemas (server/realtime/) and the console's `request` are all derived from it, so a
 * request added here is a compile error wherever it is not handled yet.
 */
export interface ModerationRequests {
  /** Joins the event's room and returns one page of its queue. */
  'queue:snapshot': { payload: QueueRequest; reply: QueueSnapshot };
  'item:approve': ItemAction;
  'item:reject': ItemAction;
  'item:hide': ItemAction;
  'item:pin': ItemAction;
  'item:unpin': ItemAction;
  /** Switches layout or theme, pauses or resumes the wall, live on every screen. */
  'wall:update': { payload: WallUpdateRequest; reply: WallSettings };
  'wall:announce': { payload: AnnounceRequest; reply: Announcement | null };
  /** Reverts the moderator's own last action on this item, if nobody changed it since. */
  'item:undo': { payload: { id: number }; reply: Item };
  'item:star': { payload: { id: number; starred: boolean }; reply: Item };
  'item:spotlight': { payload: { id: number }; reply: Item };
  /** Tells the others which item this moderator has open (null: none). */
  'item:focus': { payload: { event: string; id: number | null }; reply: null };
  'rules:get': { payload: { event: string }; reply: RulesView };
  'rules:update': { payload: RulesUpdate; reply: RulesView };
  'rules:author': { payload: AuthorRuleRequest; reply: RulesView };
  /** The bundled French and English list, for the blocklist editor. */
  'rules:defaultWords': { payload: { event: string }; reply: string[] };
  'audit:list': { payload: { event: string; cursor?: string; limit?: number }; reply: AuditPage };
  'sources:list': { payload: { event: string }; reply: SourceHealth[] };
  /** Admins only. */
  'moderators:list': { payload: Record<string, never>; reply: ModeratorAccount[] };
  'moderators:add': { payload: AccountRequest; reply: AccountCreated };
  'moderators:remove': { payload: { name: string }; reply: null };
  'moderators:password': { payload: AccountRequest; reply: AccountCreated };
}

export type RequestName = keyof ModerationRequests;
/*
 * Payloads and replies as maps of their own: `Replies[K]` of a generic `K` is checked as strictly as one name,
 * where `ModerationRequests[K]['reply']` would accept the reply of any request.
 */
type Payloads = { [K in RequestName]: ModerationRequests[K]['payload'] };
type Replies = { [K in RequestName]: ModerationRequests[K]['reply'] };
/** What a request sends. */
export type RequestPayload<K extends RequestName> = Payloads[K];
/** The data of a request's successful ack. */
export type RequestReply<K extends RequestName> = Replies[K];

/** The same requests as socket.io's event map: the payload, then the ack callback. */
export type ModerationClientToServer = {
  [K in RequestName]: (payload: RequestPayload<K>, ack: Ack<RequestReply<K>>) => void;
};
