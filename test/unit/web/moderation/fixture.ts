/** Item literals for the console's tests: pending, received at `id` seconds, by a distinct author. */
import type { Item } from '../../../../server/protocol/items.js';

export function item(id: number, overrides: Partial<Item> = {}): Item {
  return {
    id,
    event: 'demo',
    source: 'web',
    url: null,
    author: { name: `Author ${id}` },
    text: `Message ${id}`,
    html: `<p>Message ${id}</p>`,
    media: [],
    lang: 'fr',
    context: null,
    createdAt: id * 1000,
    shownAt: null,
    pinned: false,
    sourceId: `web-${id}`,
    authorKey: `web:${id}`,
    contact: null,
    status: 'pending',
    receivedAt: id * 1000,
    moderatedBy: null,
    moderatedAt: null,
    reasons: [],
    flags: [],
    starredBy: null,
    holdUntil: null,
    ...overrides,
  };
}

/** The same item as the server sends it once moderated. */
export function moderated(id: number, status: Item['status'], by = 'Léa', at = 100_000 + id): Item {
  return item(id, { status, moderatedBy: by, moderatedAt: at });
}

export function ids(list: readonly { id: number }[]): number[] {
  return list.map((entry) => entry.id);
}
