/**
 * Theme images (`logoUrl`, `backgroundImageUrl`) are `https:` only from now on, so an event stored with an
 * `http:` one would no longer load at all. The same address over https is what nearly every site serves; the media
 * proxy fetches it, and if it fails the wall simply shows no logo, as it does for any image that does not load.
 */
const upgrade = (field: string) => `
UPDATE events
SET settings = json_set(settings, '$.wall.theme.${field}',
  'https://' || substr(json_extract(settings, '$.wall.theme.${field}'), 8))
WHERE settings IS NOT NULL
  AND json_valid(settings)
  AND lower(substr(json_extract(settings, '$.wall.theme.${field}'), 1, 7)) = 'http://';
`;

export const HTTPS_THEME_IMAGES = upgrade('logoUrl') + upgrade('backgroundImageUrl');
