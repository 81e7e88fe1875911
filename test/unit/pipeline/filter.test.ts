import { describe, expect, it } from 'vitest';
import { createBlocklist } from '../../../server/pipeline/blocklist.js';
import { filter } from '../../../server/pipeline/filter.js';
import type { EventRules, SanitizedItem } from '../../../server/pipeline/types.js';
import { sanitizedItem } from '../builders.js';

const item: SanitizedItem = sanitizedItem({
  sourceId: 'k',
  author: { name: 'Léa' },
  authorKey: 'web:lea',
  text: 'Bonne soirée',
});

function rules(overrides: Partial<EventRules> = {}): EventRules {
  return {
    mode: 'pre',
    blocklist: createBlocklist(['crétin'], { useDefault: false }),
    bannedAuthors: new Set(),
    trustedAuthors: new Set(),
    ...overrides,
  };
}

describe('filter', () => {
  it('leaves an item pending in pre-moderation', () => {
    expect(filter(item, rules())).toEqual({ status: 'pending', reasons: [] });
  });

  it('approves an item in post-moderation', () => {
    expect(filter(item, rules({ mode: 'post' }))).toEqual({
      status: 'approved',
      reasons: [{ rule: 'mode', detail: 'post-moderation' }],
    });
  });

  it('approves a trusted author', () => {
    expect(filter(item, rules({ trustedAuthors: new Set(['web:lea']) }))).toEqual({
      status: 'approved',
      reasons: [{ rule: 'trusted-author', detail: 'web:lea' }],
    });
  });

  it('rejects a blocklisted word in the text, the author name or a quoted post', () => {
    const expected = { status: 'rejected', reasons: [{ rule: 'blocklist', detail: 'crétin' }] };
    expect(filter({ ...item, text: 'Quel Crétin' }, rules({ mode: 'post' }))).toEqual(expected);
    expect(filter({ ...item, author: { name: 'Le Crétin' } }, rules())).toEqual(expected);
    expect(filter({ ...item, context: { kind: 'quote', text: 'crétin' } }, rules())).toEqual(expected);
  });

  it('lets the blocklist beat trust', () => {
    const decision = filter({ ...item, text: 'crétin' }, rules({ trustedAuthors: new Set(['web:lea']) }));
    expect(decision.status).toBe('rejected');
    expect(decision.reasons[0]?.rule).toBe('blocklist');
  });

  it('lets a ban beat everything', () => {
    const decision = filter(
      { ...item, text: 'crétin' },
      rules({ mode: 'post', bannedAuthors: new Set(['web:lea']), trustedAuthors: new Set(['web:lea']) }),
    );
    expect(decision).toEqual({ status: 'rejected', reasons: [{ rule: 'banned-author', detail: 'web:lea' }] });
  });
});

describe('filter: trusted only and hold', () => {
  it('rejects everyone but trusted authors when the hashtag is hijacked', () => {
    expect(filter(item, rules({ trustedOnly: true }))).toEqual({
      status: 'rejected',
      reasons: [{ rule: 'trusted-only', detail: 'trusted only' }],
    });
    expect(filter(item, rules({ trustedOnly: true, trustedAuthors: new Set(['web:lea']) })).status).toBe('approved');
  });

  it('keeps an item pending with a hold reason in hold mode', () => {
    expect(filter(item, rules({ mode: 'hold' }))).toEqual({
      status: 'pending',
      reasons: [{ rule: 'mode', detail: 'hold' }],
    });
  });
});
