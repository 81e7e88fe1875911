import type { Item, PublicItem } from '../protocol/items.js';

/**
 * The public projection of an item, field by field, and the only one: the wall, the web view and the public API
 * all get their items from here, so anything added to `Item` later (contact tags, reasons, moderator names)
 * stays off them unless it is added here on purpose.
 */
export function toPublicItem(item: Item): PublicItem {
  // While an author's edit waits for a moderator, the public keeps seeing what was approved.
  const shown = item.status === 'pending' && item.approvedVersion ? item.approvedVersion : item;
  return {
    id: item.id,
    event: item.event,
    source: item.source,
    url: item.url,
    author: item.author,
    text: shown.text,
    html: shown.html,
    media: shown.media,
    lang: item.lang,
    context: shown.context,
    createdAt: item.createdAt,
    shownAt: item.shownAt,
    pinned: item.pinned,
  };
}

/** Whether the item is on the event's walls: approved, or approved and since edited with the edit not yet judged. */
export function isOnWall(item: Pick<Item, 'status' | 'approvedVersion'>): boolean {
  return item.status === 'approved' || (item.status === 'pending' && item.approvedVersion !== undefined);
}
