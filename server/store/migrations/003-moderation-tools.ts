/** Stars "for later", hold mode's deadline, rules edited in the console, labels on author rules. */
export const MODERATION_TOOLS = `
ALTER TABLE items ADD COLUMN starred_by TEXT;
ALTER TABLE items ADD COLUMN hold_until INTEGER;
CREATE INDEX items_on_hold ON items (hold_until) WHERE status = 'pending' AND hold_until IS NOT NULL;
-- Rules changed in the console, over the configured ones (JSON, null = as configured).
ALTER TABLE events ADD COLUMN rules TEXT;
ALTER TABLE author_rules ADD COLUMN label TEXT NOT NULL DEFAULT '';
`;
