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

/** An event's moderation rules as moderators see and edit them; a change applies to the next item. */
export interface RulesView {
  event: string;
  /** pre: nothing shows before approval; post: shows at once; hold: shows after `holdSeconds` unless rejected. */
  mode: ModerationMode;
  holdSeconds: number;
  /** When a hashtag is hijacked: only trusted authors reach the wall, others are rejected with that reason. */
  trustedOnly: boolean;
  defaultBlocklist: boolean;
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

export type SourceState =
  'connecting' | 'live' | 'polling' | 'backfilling' | 'rate-limited' | 'failing' | 'finished' | 'stopped';

export interface SourceHealth {
  id: string;
  event: string;
  kind: string;
  state: SourceState;
  until?: number;
  lastError?: string;
  /** More about the state, e.g. each Mastodon instance's own. */
  detail?: string;
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
