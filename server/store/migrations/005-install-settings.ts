/**
 * Settings of the installation itself, chosen in the browser rather than in the configuration file: for now the
 * console's language picked at first set-up.
 */
export const INSTALL_SETTINGS = `
CREATE TABLE install_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;
`;
