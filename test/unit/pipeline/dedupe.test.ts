import { describe, expect, it } from 'vitest';
import { canonicalSourceId, dedupe } from '../../../server/pipeline/dedupe.js';
import type { SourceKind } from '../../../server/protocol/items.js';
import type { SanitizedItem } from '../../../server/pipeline/types.js';
import { sanitizedItem } from '../builders.js';

function item(source: SourceKind, sourceId: string): SanitizedItem {
  return sanitizedItem({ source, sourceId, authorKey: `${source}:a`, text: 't' });
}

function store(...keys: string[]) {
  const seen = new Set(keys);
  return { seen: async (source: SourceKind, sourceId: string) => seen.has(`${source} ${sourceId}`) };
}

describe('dedupe', () => {
  it('passes a new item through unchanged', async () => {
    const fresh = item('x', '123');
    expect(await dedupe(fresh, store())).toEqual({ kind: 'new', item: fresh });
  });

  it('reports a known id as a duplicate, per source', async () => {
    expect(await dedupe(item('x', '123'), store('x 123'))).toEqual({ kind: 'duplicate', source: 'x', sourceId: '123' });
    expect((await dedupe(item('bluesky', '123'), store('x 123'))).kind).toBe('new');
  });

  it('compares ids case-sensitively', async () => {
    expect((await dedupe(item('sms', 'SMabc'), store('sms SMABC'))).kind).toBe('new');
    expect((await dedupe(item('email', '<A@example.org>'), store('email <a@example.org>'))).kind).toBe('new');
  });

  it('lower-cases the host of a Mastodon URI, and only the host', async () => {
    const uri = 'HTTPS://Mastodon.Social/users/Trwnh/statuses/1';
    expect(canonicalSourceId('mastodon', uri)).toBe('https://mastodon.social/users/Trwnh/statuses/1');
    expect(canonicalSourceId('x', 'AbC')).toBe('AbC');
    expect(canonicalSourceId('mastodon', 'https://mastodon.social/users/Trwnh/statuses/1')).toBe(
      'https://mastodon.social/users/Trwnh/statuses/1',
    );
    expect(canonicalSourceId('mastodon', 'https://Ünïcode.Example/users/A/statuses/2')).toBe(
      'https://ünïcode.example/users/A/statuses/2',
    );
    const result = await dedupe(
      item('mastodon', uri),
      store('mastodon https://mastodon.social/users/Trwnh/statuses/1'),
    );
    expect(result).toEqual({
      kind: 'duplicate',
      source: 'mastodon',
      sourceId: 'https://mastodon.social/users/Trwnh/statuses/1',
    });
  });

  it('returns the canonical id to store', async () => {
    const result = await dedupe(item('mastodon', 'https://Example.ORG/users/a/statuses/1'), store());
    expect(result.kind === 'new' && result.item.sourceId).toBe('https://example.org/users/a/statuses/1');
  });
});
