/**
 * The moderation console's protocol beyond item actions: presence, focus, rules, audit, source health and
 * accounts. Imported with `import type` by the console.
 */
import type { ModerationMode } from './event.js';
import type { ItemStatus } from './items.js';
import type { Moderator } from './socket.js';

/** Who is in an event's console now, and which item each one has open (so two people do not act on it). */
export interface Presence {
  event: string;
  online: { name: string; role: Moderator['role']; focus: number | null }[];
}

export interface AuthorRuleView {
  authorKey: string;
  /** The author's display name when the rule was made, for people to read. */
  label: string;
  by: string;
  at: number;
}

/**
 * The languages of the packaged blocklists: French, English, Spanish, German, Italian, Portuguese, and Arabic (in
 * Arabic script and in Latin letters, Arabizi).
 */
export type BlocklistLanguage = 'fr' | 'en' | 'es' | 'de' | 'it' | 'pt' | 'ar';

/** An event's moderation rules as moderators see and edit them; a change applies to the next item. */
export interface RulesView {
  event: string;
  /** pre: nothing shows before approval; post: shows at once; hold: shows after `holdSeconds` unless rejected. */
  mode: ModerationMode;
  holdSeconds: number;
  /** When a hashtag is hijacked: only trusted authors reach the wall, others are rejected with that reason. */
  trustedOnly: boolean;
  defaultBlocklist: boolean;
  /** Which languages' default lists block, when `defaultBlocklist` is on (by default the wall's languages). */
  blocklists: BlocklistLanguage[];
  /** Words and phrases added to the list for this event. */
  blockedWords: string[];
  /** Words of the default list that this event does not block. */
  allowedWords: string[];
  bannedAuthors: AuthorRuleView[];
  trustedAuthors: AuthorRuleView[];
  /** Items accepted per source per hour; past it they wait in the queue flagged. Null: no cap. */
  hourlyCapPerSource: number | null;
  /** Days after which the event's items, media and contact tags are purged automatically. Null: kept. */
  retentionDays: number | null;
}

/** What a purge removed. */
export interface PurgeReport {
  items: number;
  logEntries: number;
  mediaFiles: number;
}

export type RulesUpdate = Partial<Omit<RulesView, 'event' | 'bannedAuthors' | 'trustedAuthors'>> & { event: string };

export interface AuthorRuleRequest {
  event: string;
  authorKey: string;
  /** banned: rejected on arrival; trusted: approved on arrival; null: neither. */
  rule: 'banned' | 'trusted' | null;
  label?: string;
}

export interface AuditEntry {
  id: number;
  itemId: number;
  actor: string;
  action: string;
  before: ItemStatus | null;
  after: ItemStatus;
  detail: string | null;
  at: number;
  /** The start of the item's text, so the log reads without opening each item. */
  excerpt: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  next: string | null;
}

/** `offline`: this machine is off the network (no route, no DNS); the source retries quietly, nothing to fix. */
export type SourceState =
  'connecting' | 'live' | 'polling' | 'backfilling' | 'rate-limited' | 'offline' | 'failing' | 'finished' | 'stopped';

/**
 * What names a source for people (`SMS +33 6 12 34 56 78`, `Mastodon : mastodon.social`): its kind and the public
 * settings that tell two of a kind apart. An SMS number or a mail address here is the event's own receiving one,
 * published by the organiser, never a sender's.
 */
export type SourceIdentity =
  | { kind: 'twilio' | 'sms-gateway'; number: string }
  | { kind: 'mastodon'; hosts: string[] }
  | { kind: 'x' | 'bluesky'; hashtags: string[] }
  | { kind: 'email-smtp' | 'email-imap'; addresses: string[] }
  | { kind: 'web' | 'demo' };

/**
 * Why a source is failing or waiting, as a stable code and its parameters: the console says it in its own
 * language, and shows the raw words (`lastError`) only as a detail for the admin.
 */
export type SourceProblem =
  /** The service's address does not resolve, or nothing answers there (ENOTFOUND, ECONNREFUSED). */
  | { code: 'unreachable'; host?: string }
  /** This machine has no network (no DNS answer at all, no route). */
  | { code: 'no_network' }
  /** The service took too long to answer. */
  | { code: 'timeout'; host?: string }
  /** The connection was cut or went silent; the source reconnects. */
  | { code: 'connection_lost'; host?: string }
  /** The token, password or key was refused (HTTP 401, or 403 on the token). */
  | { code: 'unauthorized'; host?: string }
  /** The account is known but not allowed this (X's access tier without the stream). */
  | { code: 'forbidden' }
  /** Too many requests; `until` when it may resume (epoch ms). */
  | { code: 'rate_limited'; until?: number }
  /** The service answered with an error of its own (HTTP 5xx, an unexpected status). */
  | { code: 'server_error'; status?: number; host?: string }
  /** The event has no hashtag for a network source to follow. */
  | { code: 'no_hashtag' }
  /** The mail receiver cannot listen: the port is taken, or needs privileges. */
  | { code: 'port_in_use'; port?: number }
  | { code: 'port_denied'; port?: number }
  /** Anything else: the console shows `detail` as it is. */
  | { code: 'other'; detail: string };

export type SourceProblemCode = SourceProblem['code'];

/** One part of a source that runs on its own (a Mastodon instance), with its own state. */
export interface SourcePart {
  /** The host, e.g. `mastodon.social`. */
  name: string;
  state: SourceState;
  until?: number;
  problem?: SourceProblem;
}

export interface SourceHealth {
  /** `${event}/${row id}:${kind}`: a key for the console, never shown (people read `identity`). */
  id: string;
  event: string;
  kind: string;
  /** What the console names the source by. */
  identity: SourceIdentity;
  state: SourceState;
  until?: number;
  /** The last error as the service or the system said it, for the admin (shown as a detail). */
  lastError?: string;
  /** The last error as a code the console translates. */
  problem?: SourceProblem;
  /** More about the state, e.g. where a mail receiver listens. */
  detail?: string;
  /** Each part's own state (each Mastodon instance). */
  parts?: SourcePart[];
  lastItemAt?: number;
  /** Items received in the last minute, by source kind of item. */
  itemsPerMinute: number;
}

export interface ModeratorAccount extends Moderator {
  online: boolean;
}

export interface AccountRequest {
  name: string;
  role?: Moderator['role'];
  /** Generated (and returned once) when absent. */
  password?: string;
}

export interface AccountCreated {
  moderator: Moderator;
  /** Only when the server generated it. */
  password: string | null;
}
