/** Authors banned or trusted by moderators, per event, on top of those listed in the configuration file. */
import type { Db } from './db.js';

const SELECT_RULES = 'SELECT author_key, rule FROM author_rules WHERE event = ?';
const UPSERT_RULE = `
INSERT INTO author_rules (event, author_key, rule, created_by, created_at) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (event, author_key) DO UPDATE SET rule = excluded.rule, created_by = excluded.created_by,
  created_at = excluded.created_at`;
const DELETE_RULE = 'DELETE FROM author_rules WHERE event = ? AND author_key = ?';

export type AuthorRule = 'banned' | 'trusted';

export function createRuleStore(db: Db) {
  const statements = {
    list: db.prepare<[string], { author_key: string; rule: AuthorRule }>(SELECT_RULES),
    upsert: db.prepare(UPSERT_RULE),
    remove: db.prepare(DELETE_RULE),
  };
  return {
    authors(event: string): { banned: string[]; trusted: string[] } {
      const result = { banned: [] as string[], trusted: [] as string[] };
      for (const row of statements.list.all(event)) result[row.rule].push(row.author_key);
      return result;
    },
    setAuthor(event: string, authorKey: string, rule: AuthorRule, by: string, now = Date.now()): void {
      statements.upsert.run(event, authorKey, rule, by, now);
    },
    clearAuthor: (event: string, authorKey: string): boolean => statements.remove.run(event, authorKey).changes > 0,
  };
}

export type RuleStore = ReturnType<typeof createRuleStore>;
