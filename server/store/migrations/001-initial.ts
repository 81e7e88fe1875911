/** The first schema: events, items, the append-only moderation log, moderators and their sessions, author rules. */
export const INITIAL_SCHEMA = `
CREATE TABLE events (
  slug TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  origin TEXT NOT NULL CHECK (origin IN ('file', 'console')),
  -- Wall settings changed live by moderators, over the configured ones (JSON, null = as configured).
  wall_overrides TEXT,
  created_at INTEGER NOT NULL
);

CREATE TABLE items (
  id INTEGER PRIMARY KEY,
  event TEXT NOT NULL REFERENCES events (slug),
  source TEXT NOT NULL,
  source_id TEXT NOT NULL,
  url TEXT,
  author_name TEXT NOT NULL,
  author_handle TEXT,
  author_avatar TEXT,
  author_url TEXT,
  author_key TEXT NOT NULL,
  -- Only moderators see these, and only a keyed hash and a masked form: never a number or address.
  contact_tag TEXT,
  contact_masked TEXT,
  text TEXT NOT NULL,
  html TEXT NOT NULL,
  media TEXT NOT NULL DEFAULT '[]',
  lang TEXT,
  context TEXT,
  flags TEXT NOT NULL DEFAULT '[]',
  hashtags TEXT NOT NULL DEFAULT '[]',
  reasons TEXT NOT NULL DEFAULT '[]',
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'hidden')),
  pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
  created_at INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  shown_at INTEGER,
  moderated_by TEXT,
  moderated_at INTEGER,
  UNIQUE (event, source, source_id)
);

-- The moderation queue: one status of one event, oldest first.
CREATE INDEX items_by_status ON items (event, status, received_at, id);
-- The public feed: approved items of one event, newest shown first.
CREATE INDEX items_by_shown ON items (event, shown_at, id) WHERE status = 'approved';

CREATE TABLE moderation_log (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL,
  event TEXT NOT NULL,
  -- A moderator's name, or "filter" for the decision taken on arrival.
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  before_status TEXT,
  after_status TEXT NOT NULL,
  detail TEXT,
  at INTEGER NOT NULL
);
CREATE INDEX moderation_log_by_event ON moderation_log (event, at);
CREATE INDEX moderation_log_by_item ON moderation_log (item_id);

-- Entries are never rewritten; only purging an event's data removes them.
CREATE TRIGGER moderation_log_append_only BEFORE UPDATE ON moderation_log
BEGIN
  SELECT RAISE(ABORT, 'moderation_log is append-only');
END;

CREATE TABLE moderators (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'moderator')),
  created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
  -- SHA-256 of the cookie's token: a copied database does not give working sessions.
  token_hash TEXT PRIMARY KEY,
  moderator_id INTEGER NOT NULL REFERENCES moderators (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);

CREATE TABLE author_rules (
  event TEXT NOT NULL REFERENCES events (slug),
  author_key TEXT NOT NULL,
  rule TEXT NOT NULL CHECK (rule IN ('banned', 'trusted')),
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (event, author_key)
);
`;
