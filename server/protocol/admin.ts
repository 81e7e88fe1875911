/**
 * The admin's set-up API under /api/admin: events and their sources, edited from the console. Shapes only, shared
 * with the Svelte apps. A form sends the same shape an event or a source has in the configuration file, and the
 * server checks it with the same schema, so a field error's path names the form field.
 */
import type { AddressKind } from './public-address.js';
import type { Language, ModerationMode, WallLayout, WallTheme } from './event.js';

/** Where an event was declared: in the configuration file (which seeded it) or in the console. */
export type EventOrigin = 'file' | 'console';

/** An event's own settings as the event form edits them (its sources have their own forms). */
export interface EventSettings {
  slug: string;
  title: string;
  /** Without '#'. */
  hashtags: string[];
  moderation: {
    mode: ModerationMode;
    /** Hold mode: seconds before a pending item shows by itself (5-3600). */
    holdSeconds: number;
    /** Days after which the event's items are purged; null keeps them. */
    retentionDays: number | null;
  };
  wall: { layout: WallLayout; languages: Language[]; theme: WallTheme };
}

/** The links an organiser hands out, absolute when the server knows its public address. */
export interface EventLinks {
  wall: string;
  webView: string;
  console: string;
  /** SVG QR code of each link, served by the server. */
  qr: { wall: string; webView: string; console: string };
}

export interface AdminEvent {
  settings: EventSettings;
  origin: EventOrigin;
  /** Epoch ms; an archived event keeps its data but has no wall, web view or running source. */
  archivedAt: number | null;
  links: EventLinks;
  sources: AdminSource[];
}

/** GET /api/admin/events */
export interface AdminEventsResponse {
  events: AdminEvent[];
}

/** Every kind of source a form exists for. */
export type SourceKindName =
  'x' | 'mastodon' | 'bluesky' | 'twilio' | 'sms-gateway' | 'email-smtp' | 'email-imap' | 'web' | 'demo';

/**
 * A source as the API returns it: its settings in the configuration file's shape, with every secret left out
 * (never sent back once saved). `secretsSet` names the secret fields that hold a value, by path: `bearerToken`,
 * `authToken`, `secret`, `password`, `accessToken`, or `instances.<index>.token` for a Mastodon instance.
 */
export interface AdminSource {
  id: number;
  kind: SourceKindName;
  enabled: boolean;
  settings: Record<string, unknown>;
  secretsSet: string[];
  origin: EventOrigin;
  /**
   * What to paste elsewhere: the webhook URL for Twilio and an SMS gateway, the SMTP address to write to. A webhook
   * says who can reach it: a gateway on the internet needs a `public` one.
   */
  endpoints: { label: 'webhook' | 'smtp'; value: string; reach?: AddressKind }[];
}

/**
 * Body of POST /api/admin/events/:slug/sources and PUT …/sources/:id: `{ kind, enabled, ...settings }` as in the
 * file. On PUT, a secret field left out (or sent as "") keeps the saved value; a Mastodon instance keeps its token
 * while its URL stays the same.
 */
export type SourceInput = { kind: SourceKindName; enabled?: boolean } & Record<string, unknown>;

/** A field's error in both interface languages; `field` is its dotted path in the form (`wall.theme.accent`). */
export interface AdminFieldError {
  field: string;
  message: { en: string; fr: string };
}

/** 400 answer of a form: every problem at once. */
export interface AdminValidationError {
  error: { code: 'invalid'; message: string; fields: AdminFieldError[] };
}

/**
 * POST /api/admin/sources/test with a SourceInput (and `id` to use that source's saved secrets): a real check
 * against the service. `ok` false carries the service's own words in `detail` (e.g. X's 401 "Unauthorized").
 */
export interface SourceTestResult {
  ok: boolean;
  /** One line in plain words, English and French. */
  summary: { en: string; fr: string };
  /** The exact error or response, as the service gave it (never a secret). */
  detail?: string;
  /**
   * Facts found on the way: X access tier, instance version, mailbox message count… A `value` that is a string is
   * shown as is in both languages: data (a number, an address, a version, a URL, a name, a command line) or the
   * service's own words. Words of Murmure's own come in both languages.
   */
  facts?: { label: { en: string; fr: string }; value: string | { en: string; fr: string } }[];
}
