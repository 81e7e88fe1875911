/**
 * Types flowing through the intake pipeline: normalize -> sanitize -> dedupe -> filter -> store -> notify.
 * The steps are plain functions; whatever they need to look up arrives in a context object.
 */
import type {
  Author,
  FilterReason,
  ItemContext,
  ItemFlag,
  ItemStatus,
  MaskedContact,
  Media,
  SourceKind,
} from '../protocol/items.js';
import type { ModerationMode } from '../protocol/event.js';

/** The wire formats the normalize step understands. */
export type PayloadFormat = 'x' | 'mastodon' | 'jetstream' | 'twilio' | 'sms-gateway' | 'email' | 'web';

/** What a source hands to the pipeline: one message in its own wire format, untouched. */
export interface RawPayload {
  format: PayloadFormat;
  payload: unknown;
  /**
   * Format-specific facts the payload itself does not carry, e.g. `instance` (the Mastodon base URL the status
   * was read from), `profiles` for Jetstream, `idempotencyKey` for the web form.
   */
  meta?: Record<string, unknown>;
}

/** Lookups the normalize step needs; injected so normalizers stay pure. */
export interface NormalizeContext {
  /** Short non-reversible tag for a phone number or email address (keyed hash), e.g. `sms-3fa92c`. */
  contactTag(kind: 'phone' | 'email', value: string): string;
  now(): number;
  /**
   * The media proxy path for an outside image embedded in an item's HTML (Mastodon custom emoji), so the page
   * never loads from the outside host directly. Without it such images are dropped.
   */
  proxyImage?(url: string): string;
}

/** Links to build for hashtags and mentions found in plain text; `{tag}` / `{handle}` are replaced. */
export interface LinkTemplates {
  hashtag: string | null;
  mention: string | null;
}

/** A source message turned into the item model's shape, before any cleaning. */
export interface NormalizedItem {
  source: SourceKind;
  /**
   * Canonical id, the same however the post reached us: X post id (the original for a retweet), Mastodon status
   * `uri` (not the per-instance `id`), Bluesky `at://` URI, Twilio MessageSid, email Message-ID, web idempotency key.
   */
  sourceId: string;
  url: string | null;
  author: Author;
  /** `${source}:${stable author id}`; for SMS and email the contact tag, never the number or address. */
  authorKey: string;
  contact: MaskedContact | null;
  /** Plain text as the source gave it (for HTML sources, the HTML turned into text). */
  text: string;
  /** The source's own HTML (Mastodon content, email HTML), to be sanitized; null for plain-text sources. */
  html: string | null;
  links: LinkTemplates;
  media: Media[];
  lang: string | null;
  context: ItemContext | null;
  flags: ItemFlag[];
  /** Hashtags the post carries, lower-case, without `#`. */
  hashtags: string[];
  createdAt: number;
}

/** After the sanitize step: `html` is safe to put in a page, `text` is capped and clean. */
export interface SanitizedItem extends Omit<NormalizedItem, 'html'> {
  html: string;
}

/** Compiled blocklist: returns the first blocked word or phrase found, or null. */
export interface Blocklist {
  match(text: string): string | null;
  readonly size: number;
}

/** Per-event rules the filter step applies. */
export interface EventRules {
  mode: ModerationMode;
  /** Only trusted authors pass; everyone else is rejected with that reason (a hijacked hashtag). */
  trustedOnly?: boolean;
  blocklist: Blocklist;
  bannedAuthors: ReadonlySet<string>;
  trustedAuthors: ReadonlySet<string>;
}

export interface FilterDecision {
  status: ItemStatus;
  reasons: FilterReason[];
}

/** A payload that cannot be turned into an item. Logged with its source and skipped. */
export class MalformedPayloadError extends Error {
  override readonly name = 'MalformedPayloadError';
  constructor(
    readonly format: PayloadFormat,
    message: string,
  ) {
    super(`${format}: ${message}`);
  }
}

/** Thrown for a payload that is well-formed but not an item (a delete, a like, an auto-reply...). */
export class IgnoredPayloadError extends Error {
  override readonly name = 'IgnoredPayloadError';
  constructor(
    readonly format: PayloadFormat,
    readonly why: string,
  ) {
    super(`${format}: ignored (${why})`);
  }
}
