/**
 * What each source kind's form shows, field by field, as the configuration file names them
 * (server/config/sources.ts): the input type, the schema's default pre-filled on a new source, whether it is a
 * secret, and whether it folds under "Advanced" (poll intervals, addresses of self-hosted services). The words
 * (label, help, where to find a credential) are in i18n-source-kinds-*.ts, keyed by the same paths.
 */
import type { SourceKindName } from '../../server/protocol/admin.js';
import type { SourceKind } from '../../server/protocol/items.js';

export type FieldType = 'text' | 'url' | 'email' | 'tel' | 'number' | 'secret' | 'boolean' | 'select' | 'list';

export interface FieldSpec {
  /** Dotted path in the source's settings, as the server names it in a field error. */
  path: string;
  type: FieldType;
  /** Pre-filled on a new source: the schema's default, so the organiser sees what applies. */
  initial?: string | boolean;
  /** Choices of a `select`, as stored. */
  options?: readonly string[];
  /** Folded under "Advanced": rarely changed, or only for a self-hosted service. */
  advanced?: boolean;
  /** Sent even when empty (an empty SMS reply means "send none"), where other empty fields are left out. */
  keepEmpty?: boolean;
  /** A secret the console can make up (the SMS gateway's shared secret). */
  generate?: boolean;
  /** Step of a number input; 1 unless fractions make sense. */
  step?: number;
}

export interface KindSpec {
  kind: SourceKindName;
  /** The glyph and colour the queue uses for what this source brings. */
  badge: SourceKind;
  fields: readonly FieldSpec[];
  /** Mastodon's list of instances, each with a URL, an optional token and a streaming URL. */
  instances?: boolean;
}

const rateLimit: FieldSpec[] = [
  { path: 'rateLimit.perMinute', type: 'number', initial: '5', advanced: true },
  { path: 'rateLimit.perHour', type: 'number', initial: '30', advanced: true },
];

const mailSize: FieldSpec = { path: 'maxBytes', type: 'number', initial: String(10 * 1024 * 1024), advanced: true };

/** In the order the "Add a source" choice lists them. */
export const KIND_SPECS: readonly KindSpec[] = [
  {
    kind: 'x',
    badge: 'x',
    fields: [
      { path: 'bearerToken', type: 'secret' },
      { path: 'mode', type: 'select', options: ['auto', 'stream', 'search'], initial: 'auto', advanced: true },
      { path: 'pollSeconds', type: 'number', initial: '30', advanced: true },
      { path: 'recheckSeconds', type: 'number', initial: '300', advanced: true },
      { path: 'backfillMinutes', type: 'number', initial: '60', advanced: true },
      { path: 'apiBase', type: 'url', initial: 'https://api.x.com', advanced: true },
    ],
  },
  {
    kind: 'mastodon',
    badge: 'mastodon',
    instances: true,
    fields: [
      { path: 'pollSeconds', type: 'number', initial: '12', advanced: true, step: 0.05 },
      { path: 'recheckSeconds', type: 'number', initial: '300', advanced: true },
    ],
  },
  {
    kind: 'bluesky',
    badge: 'bluesky',
    fields: [
      { path: 'jetstreamUrl', type: 'url', initial: 'wss://jetstream2.us-east.bsky.network/subscribe', advanced: true },
      { path: 'appviewUrl', type: 'url', initial: 'https://public.api.bsky.app', advanced: true },
      { path: 'cdnUrl', type: 'url', initial: 'https://cdn.bsky.app', advanced: true },
      { path: 'videoUrl', type: 'url', initial: 'https://video.bsky.app', advanced: true },
      { path: 'lookupTimeoutSeconds', type: 'number', initial: '3', advanced: true, step: 0.1 },
    ],
  },
  {
    kind: 'twilio',
    badge: 'sms',
    fields: [
      { path: 'phoneNumber', type: 'tel' },
      { path: 'accountSid', type: 'text' },
      { path: 'authToken', type: 'secret' },
      {
        path: 'reply.fr',
        type: 'text',
        initial: 'Merci\u00a0! Votre message sera affiché après modération.',
        keepEmpty: true,
      },
      {
        path: 'reply.en',
        type: 'text',
        initial: 'Thank you! Your message will be shown after moderation.',
        keepEmpty: true,
      },
      ...rateLimit,
      { path: 'publicUrl', type: 'url', advanced: true },
      { path: 'apiBase', type: 'url', initial: 'https://api.twilio.com', advanced: true },
    ],
  },
  {
    kind: 'sms-gateway',
    badge: 'sms',
    fields: [{ path: 'phoneNumber', type: 'tel' }, { path: 'secret', type: 'secret', generate: true }, ...rateLimit],
  },
  {
    kind: 'email-imap',
    badge: 'email',
    fields: [
      { path: 'address', type: 'email' },
      { path: 'host', type: 'text' },
      { path: 'user', type: 'text' },
      { path: 'password', type: 'secret' },
      { path: 'port', type: 'number', initial: '993', advanced: true },
      { path: 'secure', type: 'boolean', initial: true, advanced: true },
      { path: 'accessToken', type: 'secret', advanced: true },
      { path: 'mailbox', type: 'text', initial: 'INBOX', advanced: true },
      { path: 'moveTo', type: 'text', advanced: true },
      { path: 'idle', type: 'boolean', initial: true, advanced: true },
      { path: 'pollSeconds', type: 'number', initial: '60', advanced: true, step: 0.05 },
      mailSize,
    ],
  },
  {
    kind: 'email-smtp',
    badge: 'email',
    fields: [
      { path: 'addresses', type: 'list' },
      { path: 'port', type: 'number', initial: '2525' },
      { path: 'host', type: 'text', initial: '0.0.0.0', advanced: true },
      mailSize,
      { path: 'tls.certFile', type: 'text', advanced: true },
      { path: 'tls.keyFile', type: 'text', advanced: true },
    ],
  },
  {
    kind: 'web',
    badge: 'web',
    fields: [
      { path: 'maxLength', type: 'number', initial: '500' },
      { path: 'perMinute', type: 'number', initial: '5' },
    ],
  },
  {
    kind: 'demo',
    badge: 'web',
    fields: [{ path: 'intervalSeconds', type: 'number', initial: '4', step: 0.05 }],
  },
];

export function kindSpec(kind: SourceKindName): KindSpec {
  const spec = KIND_SPECS.find((candidate) => candidate.kind === kind);
  if (!spec) throw new Error(`No form for source kind "${kind}"`);
  return spec;
}

/** Paths of the secret fields of a kind (Mastodon's tokens are per instance: `instances.<n>.token`). */
export function secretPaths(spec: KindSpec): string[] {
  return spec.fields.filter((field) => field.type === 'secret').map((field) => field.path);
}
