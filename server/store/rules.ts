/** Authors banned or trusted by moderators, per event, on top of those listed in the configuration file. */
import type { Engine } from './engine/open.js';
import type { AuthorRuleView } from '../protocol/moderation.js';

export type AuthorRule = 'banned' | 'trusted';

export function createRuleStore(engine: Engine) {
  const { db } = engine;
  return {
    async authors(event: string): Promise<{ banned: AuthorRuleView[]; trusted: AuthorRuleView[] }> {
      const rows = await db
        .selectFrom('author_rules')
        .select(['author_key', 'rule', 'label', 'created_by', 'created_at'])
        .where('event', '=', event)
        // Rules made in the same millisecond in one order on both engines.
        .orderBy('created_at')
        .orderBy('author_key')
        .execute();
      const result = { banned: [] as AuthorRuleView[], trusted: [] as AuthorRuleView[] };
      for (const row of rows) {
        result[row.rule].push({ authorKey: row.author_key, label: row.label, by: row.created_by, at: row.created_at });
      }
      return result;
    },
    /** One upsert: two moderators ruling on the same author at once leave one rule, the last written. */
    async setAuthor(
      event: string,
      authorKey: string,
      rule: AuthorRule,
      by: string,
      now = Date.now(),
      label = '',
    ): Promise<void> {
      await db
        .insertInto('author_rules')
        .values({ event, author_key: authorKey, rule, created_by: by, created_at: now, label })
        .onConflict((conflict) =>
          conflict.columns(['event', 'author_key']).doUpdateSet((eb) => ({
            rule: eb.ref('excluded.rule'),
            created_by: eb.ref('excluded.created_by'),
            created_at: eb.ref('excluded.created_at'),
            label: eb.ref('excluded.label'),
          })),
        )
        .execute();
    },
    async clearAuthor(event: string, authorKey: string): Promise<boolean> {
      const result = await db
        .deleteFrom('author_rules')
        .where('event', '=', event)
        .where('author_key', '=', authorKey)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

export type RuleStore = ReturnType<typeof createRuleStore>;
