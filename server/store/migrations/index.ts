import { INITIAL_SCHEMA } from './001-initial.js';
import { ANNOUNCEMENTS } from './002-announcements.js';
import { MODERATION_TOOLS } from './003-moderation-tools.js';
import { SOURCE_SYNC } from './004-source-sync.js';
import { INSTALL_SETTINGS } from './005-install-settings.js';
import { CONSOLE_SETUP } from './006-console-setup.js';
import { STATUS_CHECK } from './007-status-check.js';
import { AUTOMATIC_BACKGROUND } from './008-automatic-background.js';
import { HTTPS_THEME_IMAGES } from './009-https-theme-images.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** In order; each runs once, in its own transaction, and bumps `PRAGMA user_version`. Never edit a shipped one. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial schema', sql: INITIAL_SCHEMA },
  { version: 2, name: 'wall announcements', sql: ANNOUNCEMENTS },
  { version: 3, name: 'moderation tools', sql: MODERATION_TOOLS },
  { version: 4, name: 'source sync', sql: SOURCE_SYNC },
  { version: 5, name: 'install settings', sql: INSTALL_SETTINGS },
  { version: 6, name: 'events and sources set up in the console', sql: CONSOLE_SETUP },
  { version: 7, name: 'status check without a temporary index', sql: STATUS_CHECK },
  { version: 8, name: 'wall background that follows the mode', sql: AUTOMATIC_BACKGROUND },
  { version: 9, name: 'theme images over https', sql: HTTPS_THEME_IMAGES },
];
