import type { Item, PublicItem } from '../protocol/items.js';

/**
 * The public projection of an item, field by field, and the only one: the wall, the web view and the public API
 * all get their items from here, so anything added to `Item` later (contact tags, reasons, moderator names)
 * stays off them unless it is added here on purpose.
 */
export function toPublicItem(item: Item): PublicItem {
  return {
    id: item.id,
    event: item.event,
    source: item.source,
    url: item.url,
    author: item.author,
    text: item.text,
    html: item.html,
    media: item.media,
    lang: item.lang,
    context: item.context,
    createdAt: item.createdAt,
    shownAt: item.shownAt,
    pinned: item.pinned,
  };
}
