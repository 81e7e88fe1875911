/**
 * The item model, shared by the server and the Svelte apps (imported with `import type` only).
 * Times are epoch milliseconds: compact on the wire and trivially comparable.
 */

/** Where an item came from. SMS covers Twilio and generic gateways; email covers SMTP and IMAP. */
export type SourceKind = 'x' | 'mastodon' | 'bluesky' | 'sms' | 'email' | 'web';

export const SOURCE_KINDS: readonly SourceKind[] = ['x', 'mastodon', 'bluesky', 'sms', 'email', 'web'];

/** pending: waiting for a moderator; approved: on the wall; rejected: never shown; hidden: retracted after approval. */
export type ItemStatus = 'pending' | 'approved' | 'rejected' | 'hidden';

export const ITEM_STATUSES: readonly ItemStatus[] = ['pending', 'approved', 'rejected', 'hidden'];

/** Who wrote an item, as it may be displayed. Never holds a phone number or an email address. */
export interface Author {
  /** Display name; for SMS without a "Name:" prefix this is "SMS". */
  name: string;
  /** Handle on the network (`@user@instance`, `@user`, `user.bsky.social`), when there is one. */
  handle?: string;
  avatarUrl?: string;
  profileUrl?: string;
}

export type MediaType = 'image' | 'video' | 'gif';

export interface Media {
  type: MediaType;
  url: string;
  /** A still image for videos and GIFs. */
  previewUrl?: string;
  /** Alternative text written by the author, for screen readers. */
  alt?: string;
  width?: number;
  height?: number;
  /** Size in bytes, when the source says. */
  bytes?: number;
}

/** Why the filter step decided what it did, shown to moderators. */
export interface FilterReason {
  rule:
    'blocklist' | 'banned-author' | 'trusted-author' | 'trusted-only' | 'mode' | 'hourly-cap' | 'edited' | 'deleted';
  detail: string;
}

/** Labels a moderator should see before approving (content warning, sensitive media...). */
export type ItemFlag =
  'sensitive' | 'content-warning' | 'edited-after-approval' | 'deleted-at-source' | 'reply' | 'quote';

/** A post quoted by, or replied to by, the item: kept as context, never as a separate item. */
export interface ItemContext {
  kind: 'quote' | 'reply';
  author?: Author;
  text?: string;
  url?: string;
}

/** The fields of an item that may be shown to the public (wall, web view, public API). */
export interface PublicItem {
  id: number;
  event: string;
  source: SourceKind;
  /** Link to the original post, when it has one. */
  url: string | null;
  author: Author;
  /** Plain text, for text fitting, search and accessibility. */
  text: string;
  /** Sanitized HTML: only the allow-listed tags, links made safe. */
  html: string;
  media: Media[];
  /** BCP 47 language tag, when known. */
  lang: string | null;
  context: ItemContext | null;
  createdAt: number;
  /** When it first went on the wall; the order of the public feed. */
  shownAt: number | null;
  pinned: boolean;
}

/** A contact that only moderators see, in a masked form, so they can ban a number without reading it. */
export interface MaskedContact {
  /** Short, non-reversible tag (`sms-3fa92c`), the same for every message from one number or address. */
  tag: string;
  /** E.g. `+33 6 •• •• •• 78` or `j•••@example.org`. */
  masked: string;
}

/** The public content of an item as a moderator approved it. */
export interface ItemVersion {
  text: string;
  html: string;
  media: Media[];
  context: ItemContext | null;
}

/** An item as moderators see it. */
export interface Item extends PublicItem {
  sourceId: string;
  /** Stable key used for banning and trusting an author (`x:12345`, `sms:sms-3fa92c`). */
  authorKey: string;
  contact: MaskedContact | null;
  status: ItemStatus;
  receivedAt: number;
  moderatedBy: string | null;
  moderatedAt: number | null;
  reasons: FilterReason[];
  flags: ItemFlag[];
  /** A moderator starred it "for later" (shared by the team). */
  starredBy: string | null;
  /** In hold mode: when it goes on the wall unless a moderator acts first. */
  holdUntil: number | null;
  /**
   * Set while an edit by the author of an approved item waits in the queue: the version the wall keeps showing
   * until a moderator approves the edit (or rejects it, which takes the item off the wall).
   */
  approvedVersion?: ItemVersion;
}
