/** Settings of the installation chosen in the browser (the console's language...), as small strings by key. */
import type { Engine } from './engine/open.js';

/** The keys in use, so a typo is a type error rather than a setting that silently never reads back. */
export type InstallSettingKey = 'console.language' | 'public.url';

export function createInstallSettingsStore(engine: Engine) {
  const { db } = engine;
  return {
    async get(key: InstallSettingKey): Promise<string | null> {
      const row = await db.selectFrom('install_settings').select('value').where('key', '=', key).executeTakeFirst();
      return row?.value ?? null;
    },
    /** One upsert: two admins (or two nodes) setting the same key at once leave one of the two values. */
    async set(key: InstallSettingKey, value: string, now = Date.now()): Promise<void> {
      await db
        .insertInto('install_settings')
        .values({ key, value, updated_at: now })
        .onConflict((conflict) =>
          conflict.column('key').doUpdateSet((eb) => ({
            value: eb.ref('excluded.value'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    },
    async remove(key: InstallSettingKey): Promise<void> {
      await db.deleteFrom('install_settings').where('key', '=', key).execute();
    },
  };
}

export type InstallSettingsStore = ReturnType<typeof createInstallSettingsStore>;
