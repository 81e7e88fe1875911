/** Settings of the installation chosen in the browser (the console's language...), as small strings by key. */
import type { Db } from './db.js';

const SELECT_VALUE = 'SELECT value FROM install_settings WHERE key = ?';
const DELETE_VALUE = 'DELETE FROM install_settings WHERE key = ?';
const UPSERT_VALUE = `
INSERT INTO install_settings (key, value, updated_at) VALUES (?, ?, ?)
ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`;

/** The keys in use, so a typo is a type error rather than a setting that silently never reads back. */
export type InstallSettingKey = 'console.language' | 'public.url';

export function createInstallSettingsStore(db: Db) {
  const statements = {
    select: db.prepare<[string], string>(SELECT_VALUE).pluck(),
    upsert: db.prepare(UPSERT_VALUE),
    delete: db.prepare(DELETE_VALUE),
  };
  return {
    get: (key: InstallSettingKey): string | null => statements.select.get(key) ?? null,
    set(key: InstallSettingKey, value: string, now = Date.now()): void {
      statements.upsert.run(key, value, now);
    },
    remove(key: InstallSettingKey): void {
      statements.delete.run(key);
    },
  };
}

export type InstallSettingsStore = ReturnType<typeof createInstallSettingsStore>;
