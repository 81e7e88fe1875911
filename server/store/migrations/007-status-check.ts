/**
 * The same `items` table, with its status CHECK written as comparisons. SQLite evaluates `status IN (…)` of four
 * values in a CHECK by building a temporary index of them at every insert and update: about a fifth of an
 * insert's time (bench/intake). A CHECK cannot be altered, so the table is rebuilt as SQLite documents
 * (create, copy, drop, rename), its columns and indexes unchanged; nothing references `items`.
 */
const COLUMNS = `id, event, source, source_id, url, author_name, author_handle, author_avatar, author_url, author_key,
  contact_tag, contact_masked, text, html, media, lang, context, flags, hashtags, reasons, status, pinned,
  created_at, received_at, shown_at, moderated_by, moderated_at, starred_by, hold_until, approved_version`;

export const STATUS_CHECK = `
CREATE TABLE items_rebuilt (
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
  status TEXT NOT NULL
    CHECK (status = 'pending' OR status = 'approved' OR status = 'rejected' OR status = 'hidden'),
  pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
  created_at INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  shown_at INTEGER,
  moderated_by TEXT,
  moderated_at INTEGER,
  starred_by TEXT,
  hold_until INTEGER,
  -- The public content (JSON: text, html, media, context) as approved, while an edit of it waits for a moderator.
  approved_version TEXT,
  UNIQUE (event, source, source_id)
);
INSERT INTO items_rebuilt (${COLUMNS}) SELECT ${COLUMNS} FROM items;
DROP TABLE items;
ALTER TABLE items_rebuilt RENAME TO items;

-- The moderation queue: one status of one event, oldest first.
CREATE INDEX items_by_status ON items (event, status, received_at, id);
CREATE INDEX items_on_hold ON items (hold_until) WHERE status = 'pending' AND hold_until IS NOT NULL;
-- The wall and the public feed: approved items, and approved ones whose edit waits for a moderator.
CREATE INDEX items_on_wall ON items (event, shown_at, id)
  WHERE status = 'approved' OR (status = 'pending' AND approved_version IS NOT NULL);
`;
