/** Authors banned or trusted by moderators, per event, on top of those listed in the configuration file. */
import type { Db } from './db.js';
import type { AuthorRuleView } from '../protocol/moderation.js';

const SELECT_RULES =
  'SELECT author_key, rule, label, created_by, created_at FROM author_rules WHERE event = ? ORDER BY created_at';
const UPSERT_RULE = `
INSERT INTO author_rules (event, author_key, rule, created_by, created_at, label) VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (event, author_key) DO UPDATE SET rule = excluded.rule, created_by = excluded.created_by,
  created_at = excluded.created_at, label = excluded.label`;
const DELETE_RULE = 'DELETE FROM author_rules WHERE event = ? AND author_key = ?';

export type AuthorRule = 'banned' | 'trusted';

export function createRuleStore(db: Db) {
  const statements = {
    list: db.prepare<
      [string],
      { author_key: string; rule: AuthorRule; label: string; created_by: string; created_at: number }
    >(SELECT_RULES),
    upsert: db.prepare(UPSERT_RULE),
    remove: db.prepare(DELETE_RULE),
  };
  return {
    authors(event: string): { banned: AuthorRuleView[]; trusted: AuthorRuleView[] } {
      const result = { banned: [] as AuthorRuleView[], trusted: [] as AuthorRuleView[] };
      for (const row of statements.list.all(event)) {
        result[row.rule].push({ authorKey: row.author_key, label: row.label, by: row.created_by, at: row.created_at });
      }
      return result;
    },
    setAuthor(event: string, authorKey: string, rule: AuthorRule, by: string, now = Date.now(), label = ''): void {
      statements.upsert.run(event, authorKey, rule, by, now, label);
    },
    clearAuthor: (event: string, authorKey: string): boolean => statements.remove.run(event, authorKey).changes > 0,
  };
}

export type RuleStore = ReturnType<typeof createRuleStore>;
