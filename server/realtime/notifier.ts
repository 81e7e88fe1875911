import type { Item } from '../protocol/items.js';
import type { ModerationNotice } from '../protocol/socket.js';
import type { Announcement, WallSettings } from '../protocol/event.js';

/**
 * Everything the rest of the server may tell connected clients. Only realtime/ implements it, so only
 * realtime/ emits; it alone decides what a public client may see of an item.
 */
export interface Notifier {
  /** A new item reached the queue (any status): moderators only. */
  itemReceived(item: Item): void;
  /** A moderator changed an item; the wall follows when the change shows, hides or updates it. */
  itemModerated(notice: ModerationNotice): void;
  /** New wall settings; `resynchronise` also sends every wall a fresh snapshot (after a pause). */
  wallSettings(event: string, settings: WallSettings, options?: { resynchronise?: boolean }): void;
  wallAnnouncement(event: string, announcement: Announcement | null): void;
  /** Shows an approved item large on the event's walls. */
  itemSpotlight(item: Item, by: string): void;
}
