/**
 * An event's moderation rules: the configuration file's, overridden by what moderators changed in the console
 * (stored), compiled once for the filter step and rebuilt on every change, so a change applies to the next item.
 */
import type { EventConfig } from '../config/index.js';
import type { BlocklistLanguage, RulesUpdate, RulesView } from '../protocol/moderation.js';
import type { EventRules } from '../pipeline/types.js';
import { createBlocklist } from '../pipeline/blocklist.js';
import type { Store } from '../store/index.js';
import type { RuleOverrides } from '../store/events.js';
import type { AuthorRuleView } from '../protocol/moderation.js';

/** What the console stored for an event's rules. */
interface StoredRules {
  overrides: Partial<RuleOverrides>;
  authors: { banned: AuthorRuleView[]; trusted: AuthorRuleView[] };
}

/** An event created since the last load has nothing stored yet. */
const NOTHING_STORED: StoredRules = { overrides: {}, authors: { banned: [], trusted: [] } };

/**
 * Reads are synchronous, over what `load(slug)` read from the store (at start, after each write made here, and when
 * told the store changed behind its back): intake reads the rules for every item, and the filter step is pure.
 */
export function createRuleBook(configOf: (slug: string) => EventConfig, store: Store) {
  const stored = new Map<string, StoredRules>();
  const compiled = new Map<string, EventRules>();
  /** Told of every change, whoever made it (a console, an SMS opt-out), so every open console follows. */
  const listeners: ((rules: RulesView) => void)[] = [];
  const changed = (slug: string): RulesView => {
    const rules = view(slug);
    for (const listener of listeners) listener(rules);
    return rules;
  };
  const cachedSettings = new Map<string, RuleOverrides>();

  /** Cached: intake reads them for every item. */
  function settings(slug: string): RuleOverrides {
    let found = cachedSettings.get(slug);
    if (!found) {
      found = readSettings(slug);
      cachedSettings.set(slug, found);
    }
    return found;
  }

  function readSettings(slug: string): RuleOverrides {
    const { moderation, wall } = configOf(slug);
    const configured: RuleOverrides = {
      mode: moderation.mode,
      holdSeconds: moderation.holdSeconds,
      trustedOnly: moderation.trustedOnly,
      defaultBlocklist: moderation.defaultBlocklist,
      // French and English as before, whatever the wall speaks: the audience of a wall in English writes French too.
      blocklists: moderation.blocklists ?? [...new Set<BlocklistLanguage>(['fr', 'en', ...wall.languages])],
      blockedWords: moderation.blockedWords,
      allowedWords: moderation.allowedWords,
      hourlyCapPerSource: moderation.hourlyCapPerSource,
      retentionDays: moderation.retentionDays,
    };
    return { ...configured, ...storedOf(slug).overrides };
  }

  function storedOf(slug: string): StoredRules {
    return stored.get(slug) ?? NOTHING_STORED;
  }

  /** Reads the event's stored rules again; the next item is filtered with them. */
  async function load(slug: string): Promise<void> {
    const [overrides, authors] = await Promise.all([store.events.ruleOverrides(slug), store.rules.authors(slug)]);
    stored.set(slug, { overrides, authors });
    compiled.delete(slug);
    cachedSettings.delete(slug);
  }

  function view(slug: string): RulesView {
    const moderation = configOf(slug).moderation;
    const fromConsole = storedOf(slug).authors;
    const fromFile = (keys: string[]) =>
      keys.map((authorKey) => ({ authorKey, label: authorKey, by: 'config', at: 0 }));
    return {
      event: slug,
      ...settings(slug),
      bannedAuthors: [...fromFile(moderation.bannedAuthors), ...fromConsole.banned],
      trustedAuthors: [...fromFile(moderation.trustedAuthors), ...fromConsole.trusted],
    };
  }

  function compile(slug: string): EventRules {
    const rules = view(slug);
    return {
      mode: rules.mode,
      trustedOnly: rules.trustedOnly,
      blocklist: createBlocklist(rules.blockedWords, {
        useDefault: rules.defaultBlocklist,
        languages: rules.blocklists,
        allowed: rules.allowedWords,
      }),
      bannedAuthors: new Set(rules.bannedAuthors.map((a) => a.authorKey)),
      trustedAuthors: new Set(rules.trustedAuthors.map((a) => a.authorKey)),
    };
  }

  return {
    load,
    view,
    settings,
    compiled(slug: string): EventRules {
      let rules = compiled.get(slug);
      if (!rules) {
        rules = compile(slug);
        compiled.set(slug, rules);
      }
      return rules;
    },
    /** The event's configuration changed: rules are rebuilt from it at the next read. */
    invalidate(slug: string): void {
      compiled.delete(slug);
      cachedSettings.delete(slug);
    },

    async update(change: RulesUpdate): Promise<RulesView> {
      const { event, ...fields } = change;
      // Merged over the rules as they are in the database: another moderator's change at the same moment stays.
      await store.events.changeRuleOverrides(event, (current) => ({ ...current, ...fields }));
      await load(event);
      return changed(event);
    },

    async setAuthor(
      event: string,
      authorKey: string,
      rule: 'banned' | 'trusted' | null,
      by: string,
      label = '',
    ): Promise<RulesView> {
      if (rule) await store.rules.setAuthor(event, authorKey, rule, by, Date.now(), label);
      else await store.rules.clearAuthor(event, authorKey);
      await load(event);
      return changed(event);
    },

    onChange(listener: (rules: RulesView) => void): void {
      listeners.push(listener);
    },
  };
}

export type RuleBook = ReturnType<typeof createRuleBook>;
