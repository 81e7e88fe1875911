/** Builders shared by unit tests: a minimal valid item, with only what a test cares about overridden. */
import type { SanitizedItem } from '../../server/pipeline/types.js';

export function sanitizedItem(overrides: Partial<SanitizedItem> = {}): SanitizedItem {
  const text = overrides.text ?? 'text';
  return {
    source: 'web',
    sourceId: 'id',
    url: null,
    author: { name: 'A' },
    authorKey: 'web:a',
    contact: null,
    text,
    html: text,
    links: { hashtag: null, mention: null },
    media: [],
    lang: null,
    context: null,
    flags: [],
    hashtags: [],
    createdAt: 0,
    ...overrides,
  };
}
