/** Filter step: decides an item's first status from the event's rules. */
import type { EventRules, FilterDecision, SanitizedItem } from './types.js';

/**
 * Rules in order, the first that applies wins: a banned author is rejected; a blocklisted word or phrase in the
 * text, the author's name or a quoted post rejects (even from a trusted author: trust is about who, not what);
 * a trusted author is approved; under "trusted only" everyone else is rejected; otherwise the moderation mode
 * decides (`pre`: pending, `post`: approved, `hold`: pending until its delay runs out, which intake schedules).
 */
export function filter(item: SanitizedItem, rules: EventRules): FilterDecision {
  if (rules.bannedAuthors.has(item.authorKey)) {
    return { status: 'rejected', reasons: [{ rule: 'banned-author', detail: item.authorKey }] };
  }
  const blocked = blockedWord(item, rules);
  if (blocked !== null) return { status: 'rejected', reasons: [{ rule: 'blocklist', detail: blocked }] };
  if (rules.trustedAuthors.has(item.authorKey)) {
    return { status: 'approved', reasons: [{ rule: 'trusted-author', detail: item.authorKey }] };
  }
  if (rules.trustedOnly) return { status: 'rejected', reasons: [{ rule: 'trusted-only', detail: 'trusted only' }] };
  if (rules.mode === 'post') return { status: 'approved', reasons: [{ rule: 'mode', detail: 'post-moderation' }] };
  if (rules.mode === 'hold') return { status: 'pending', reasons: [{ rule: 'mode', detail: 'hold' }] };
  return { status: 'pending', reasons: [] };
}

function blockedWord(item: SanitizedItem, rules: EventRules): string | null {
  if (rules.blocklist.size === 0) return null;
  return (
    rules.blocklist.match(item.text) ??
    rules.blocklist.match(item.author.name) ??
    (item.context?.text === undefined ? null : rules.blocklist.match(item.context.text))
  );
}
