/** Item literals for the web apps' unit tests. */
import type { Item, PublicItem } from '../../../server/protocol/items.js';

/** A public item shown at `shownAt` (defaults to the id, so higher ids are newer). */
export function publicItem(id: number, overrides: Partial<PublicItem> = {}): PublicItem {
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
    shownAt: id * 1000,
    pinned: false,
    ...overrides,
  };
}

/** A moderator's item received at `id` seconds. */
export function item(id: number, overrides: Partial<Item> = {}): Item {
  return {
    ...publicItem(id),
    shownAt: null,
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

export function ids(list: readonly { id: number }[]): number[] {
  return list.map((entry) => entry.id);
}
