/**
 * An event's wall background becomes optional: null follows the theme's mode. Until now every event stored the
 * old default, `#0f172a`, whether anyone chose it or not (the console's form was pre-filled with it), so a wall
 * switched to light kept a navy background. That colour is exactly the dark mode's own background, so turning it
 * into null changes nothing on a dark wall and lets a light one be light. A colour anyone actually picked (any
 * other value) stays; so do the moderators' live overrides, which exist only when a moderator set them.
 */
export const AUTOMATIC_BACKGROUND = `
UPDATE events
SET settings = json_set(settings, '$.wall.theme.background', json('null'))
WHERE settings IS NOT NULL
  AND json_valid(settings)
  AND lower(json_extract(settings, '$.wall.theme.background')) = '#0f172a';
`;
