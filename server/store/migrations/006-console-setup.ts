/**
 * Events and their sources kept in the database, so an admin can create and change them from the console. The
 * configuration file still declares events: they seed these rows, and `file_hash` tells when the file changed.
 */
export const CONSOLE_SETUP = `
-- The event's settings as in the configuration file, without its sources (JSON; null for a row written before
-- this migration, filled from the file at the next start).
ALTER TABLE events ADD COLUMN settings TEXT;
-- Hash of the file's declaration the row was last seeded from (null: created in the console).
ALTER TABLE events ADD COLUMN file_hash TEXT;
-- An archived event keeps its items but has no wall, web view or running source.
ALTER TABLE events ADD COLUMN archived_at INTEGER;

CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  event TEXT NOT NULL REFERENCES events (slug),
  kind TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  -- The source's settings as in the file, every secret left out (JSON).
  settings TEXT NOT NULL,
  -- The secret fields, sealed with AES-256-GCM (server/security/secrets.ts) and bound to this row; null: none.
  secrets TEXT,
  origin TEXT NOT NULL CHECK (origin IN ('file', 'console')),
  position INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX sources_by_event ON sources (event, position);
`;
