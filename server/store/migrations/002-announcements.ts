/** The moderators' announcement shown on an event's wall (JSON: text, at, by; null when none). */
export const ANNOUNCEMENTS = `
ALTER TABLE events ADD COLUMN announcement TEXT;
`;
