/**
 * What pull sources remember between runs (cursors, since ids, instance-local ids), and edits at the source:
 * an approved item edited by its author waits in the queue while the wall keeps the version that was approved.
 */
export const SOURCE_SYNC = `
CREATE TABLE source_state (
  event TEXT NOT NULL,
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (event, kind, key)
) WITHOUT ROWID;
-- The public content (JSON: text, html, media, context) as approved, while an edit of it waits for a moderator.
ALTER TABLE items ADD COLUMN approved_version TEXT;
DROP INDEX items_by_shown;
CREATE INDEX items_on_wall ON items (event, shown_at, id)
  WHERE status = 'approved' OR (status = 'pending' AND approved_version IS NOT NULL);
`;
