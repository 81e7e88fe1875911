/**
 * The tables as the query layer (Kysely) sees them, the same on both engines: text JSON columns, epoch
 * milliseconds as integers, 0/1 flags. The schema itself is in migrations/ (SQLite) and postgres-schema.ts.
 */
import type { Generated } from 'kysely';
import type { ItemStatus } from '../../protocol/items.js';

export interface ItemsTable {
  id: Generated<number>;
  event: string;
  source: string;
  source_id: string;
  url: string | null;
  author_name: string;
  author_handle: string | null;
  author_avatar: string | null;
  author_url: string | null;
  author_key: string;
  contact_tag: string | null;
  contact_masked: string | null;
  text: string;
  html: string;
  media: Generated<string>;
  lang: string | null;
  context: string | null;
  flags: Generated<string>;
  hashtags: Generated<string>;
  reasons: Generated<string>;
  status: ItemStatus;
  pinned: Generated<0 | 1>;
  created_at: number;
  received_at: number;
  shown_at: number | null;
  moderated_by: string | null;
  moderated_at: number | null;
  starred_by: string | null;
  hold_until: number | null;
  approved_version: string | null;
}

export interface ModerationLogTable {
  id: Generated<number>;
  item_id: number;
  event: string;
  actor: string;
  action: string;
  before_status: string | null;
  after_status: string;
  detail: string | null;
  at: number;
}

export interface EventsTable {
  slug: string;
  title: string;
  origin: 'file' | 'console';
  wall_overrides: string | null;
  created_at: number;
  announcement: string | null;
  rules: string | null;
  settings: string | null;
  file_hash: string | null;
  archived_at: number | null;
}

export interface AuthorRulesTable {
  event: string;
  author_key: string;
  rule: 'banned' | 'trusted';
  created_by: string;
  created_at: number;
  label: Generated<string>;
}

export interface ModeratorsTable {
  id: Generated<number>;
  name: string;
  password_hash: string;
  role: 'admin' | 'moderator';
  created_at: number;
}

export interface SessionsTable {
  token_hash: string;
  moderator_id: number;
  created_at: number;
  expires_at: number;
}

export interface SourceStateTable {
  event: string;
  kind: string;
  key: string;
  value: string;
  updated_at: number;
}

export interface SourcesTable {
  id: Generated<number>;
  event: string;
  kind: string;
  enabled: Generated<0 | 1>;
  settings: string;
  secrets: string | null;
  origin: 'file' | 'console';
  position: number;
  created_at: number;
  updated_at: number;
}

export interface InstallSettingsTable {
  key: string;
  value: string;
  updated_at: number;
}

export interface LeasesTable {
  name: string;
  holder: string;
  token: number;
  expires_at: number;
}

export interface RateWindowsTable {
  key: string;
  count: number;
  ends_at: number;
}

export interface UploadsTable {
  name: string;
  content_type: string;
  data: Buffer;
  created_at: number;
}

export interface Tables {
  items: ItemsTable;
  moderation_log: ModerationLogTable;
  events: EventsTable;
  author_rules: AuthorRulesTable;
  moderators: ModeratorsTable;
  sessions: SessionsTable;
  source_state: SourceStateTable;
  sources: SourcesTable;
  install_settings: InstallSettingsTable;
  leases: LeasesTable;
  rate_windows: RateWindowsTable;
  uploads: UploadsTable;
}

/**
 * Every table an installation keeps, parents before children: the order `db copy` writes them in. Leases and rate
 * windows are the running cluster's, not the installation's: they are not copied.
 */
export const TABLE_ORDER = [
  'events',
  'moderators',
  'sessions',
  'install_settings',
  'sources',
  'source_state',
  'author_rules',
  'items',
  'moderation_log',
  'uploads',
] as const satisfies readonly (keyof Tables)[];
