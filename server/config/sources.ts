/**
 * Settings of each source kind, as written in the configuration file. Every upstream URL is a setting, so a
 * self-hosted instance (or a test's fake server on 127.0.0.1) can stand in for the public service.
 */
import type { CountryCode } from 'libphonenumber-js';
import { z } from 'zod';
import { phoneNumberSetting } from './phone-number.js';

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });
const wsUrl = z.url({ protocol: /^wss?$/, error: 'must be a ws:// or wss:// URL' });
const secret = z.string().min(1, 'must not be empty (use "${ENV_VAR}" to read it from the environment)');
const seconds = (min: number, fallback: number) => z.number().int().min(min).default(fallback);

/** X (Twitter) API v2: the filtered stream where the access tier allows it, recent search otherwise. */
export const xSource = z.strictObject({
  kind: z.literal('x'),
  enabled: z.boolean().default(true),
  /** App-only bearer token from the X developer portal. */
  bearerToken: secret,
  /** API root; `https://api.x.com` unless testing or proxying. */
  apiBase: httpUrl.default('https://api.x.com'),
  /** `auto` tries the stream and falls back to search when the tier has no stream access. */
  mode: z.enum(['auto', 'stream', 'search']).default('auto'),
  /** Seconds between two recent searches when polling (search mode, or auto without stream access). */
  pollSeconds: seconds(1, 30),
  /** Seconds between two checks that approved posts still exist on X (deleted ones leave the wall); 0 turns it off. */
  recheckSeconds: seconds(0, 300),
  /** On an event's very first start, how far back recent search looks (minutes); later starts resume where they left. */
  backfillMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60 - 5)
    .default(60),
});

export const mastodonInstance = z.strictObject({
  /** Base URL of the instance, e.g. `https://mastodon.social`. */
  url: httpUrl,
  /** A user access token enables the streaming API (Mastodon >= 4.2 requires one); without it the tag timeline is polled. */
  token: secret.optional(),
  /** The streaming server, when not the one the instance announces (`configuration.urls.streaming` of `/api/v2/instance`). */
  streamingUrl: wsUrl.optional(),
});

/** Mastodon: the hashtag read from several instances, since a hashtag federates unevenly. */
export const mastodonSource = z.strictObject({
  kind: z.literal('mastodon'),
  enabled: z.boolean().default(true),
  instances: z
    .array(mastodonInstance)
    .min(1, 'list at least one instance')
    .refine(
      (instances) => new Set(instances.map((instance) => URL.parse(instance.url)?.host)).size === instances.length,
      {
        message: 'lists the same instance twice',
      },
    ),
  /**
   * Seconds between two polls of an instance's tag timeline (without a token, or while its stream is down). The public
   * rate limit is 300 requests per 5 minutes per IP: 10-15 s per instance stays well under it. Fractions are for tests.
   */
  pollSeconds: z.number().min(0.05, 'must be at least 0.05 seconds (12 suits the public rate limit)').default(12),
  /**
   * Seconds between two checks that the statuses on the wall still exist and are unchanged, on instances read
   * without a token (a stream reports deletes and edits itself). 0 turns it off.
   */
  recheckSeconds: seconds(0, 300),
});

/** Bluesky through a Jetstream firehose, with profiles from the public AppView. */
export const blueskySource = z.strictObject({
  kind: z.literal('bluesky'),
  enabled: z.boolean().default(true),
  /** A Jetstream v1 `/subscribe` endpoint (any public instance, or your own); no account needed. */
  jetstreamUrl: wsUrl.default('wss://jetstream2.us-east.bsky.network/subscribe'),
  /** The public AppView, for authors' names and avatars and the posts an item quotes or answers. */
  appviewUrl: httpUrl.default('https://public.api.bsky.app'),
  /** Where post images are served from (`/img/feed_fullsize/plain/{did}/{cid}@jpeg`). */
  cdnUrl: httpUrl.default('https://cdn.bsky.app'),
  /** Where post videos are served from (`/watch/{did}/{cid}/playlist.m3u8`). */
  videoUrl: httpUrl.default('https://video.bsky.app'),
  /** How often the stream position is saved (a restart resumes from it); fractions are for tests. */
  cursorSaveSeconds: z.number().min(0.05, 'must be at least 0.05').max(60, 'must be at most 60').default(5),
  /** How long an author's name and avatar are kept before being read again. */
  profileCacheMinutes: z.number().min(0).max(1440, 'must be at most 1440 (a day)').default(60),
  /** The longest a post waits for its author's profile; past it, the post goes in without. */
  lookupTimeoutSeconds: z.number().min(0.1, 'must be at least 0.1').max(30, 'must be at most 30').default(3),
});

const smsReply = z.strictObject({
  fr: z.string().max(300).default('Merci\u00a0! Votre message sera affiché après modération.'),
  en: z.string().max(300).default('Thank you! Your message will be shown after moderation.'),
});

/** Messages accepted from one phone number; over either limit nothing is stored. */
const smsRateLimit = z.strictObject({
  perMinute: z.number().int().min(1).max(600).default(5),
  perHour: z.number().int().min(1).max(10_000).default(30),
});

/** Twilio inbound SMS/MMS webhook at `/hooks/:slug/sms/twilio`; `country` reads a national number (see below). */
const twilioSourceFor = (country?: CountryCode) =>
  z.strictObject({
    kind: z.literal('twilio'),
    enabled: z.boolean().default(true),
    /** The number shown on the wall: international, or national in the event's country; stored in E.164. */
    phoneNumber: phoneNumberSetting(country),
    accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must look like AC followed by 32 hexadecimal digits'),
    /** Checks the `X-Twilio-Signature` of every webhook request, and fetches MMS images. */
    authToken: secret,
    /**
     * Base URL Twilio posts to (`https://wall.example.org`, or with a path prefix), when it differs from the
     * server's `publicUrl`; without either, the URL the request arrived at (honouring `trustProxy`).
     */
    publicUrl: httpUrl.optional(),
    /** Only MMS image URLs on this origin are fetched, with the account's credentials. */
    apiBase: httpUrl.default('https://api.twilio.com'),
    /** The TwiML acknowledgement, per language of the event; an empty text is not sent. */
    reply: smsReply.prefault({}),
    rateLimit: smsRateLimit.prefault({}),
  });

export const twilioSource = twilioSourceFor();

/** Any SMS gateway (Vonage fields accepted) posting JSON or a form to `/hooks/:slug/sms/gateway`. */
const smsGatewaySourceFor = (country?: CountryCode) =>
  z.strictObject({
    kind: z.literal('sms-gateway'),
    enabled: z.boolean().default(true),
    phoneNumber: phoneNumberSetting(country),
    /** Sent by the gateway in the `X-Murmure-Secret` header (or a `secret` query parameter). */
    secret: secret,
    rateLimit: smsRateLimit.prefault({}),
  });

export const smsGatewaySource = smsGatewaySourceFor();

const megabytes = (n: number) => n * 1024 * 1024;
const mailSize = z
  .number()
  .int()
  .min(1024, 'must be at least 1024 bytes')
  .max(megabytes(50), 'must be at most 50 MB (52428800 bytes)')
  .default(megabytes(10));

/**
 * The built-in SMTP receiver. Events that name the same host and port share one listener, which routes each
 * recipient to the event owning the address.
 */
export const smtpSource = z.strictObject({
  kind: z.literal('email-smtp'),
  enabled: z.boolean().default(true),
  /** Addresses this event receives; mail for any other address is refused at RCPT TO (the server never relays). */
  addresses: z
    .array(z.email('must be an email address'))
    .min(1, 'list at least one address')
    .refine((list) => new Set(list.map((a) => a.toLowerCase())).size === list.length, 'lists the same address twice'),
  /** Interface to listen on: `0.0.0.0` to receive from the internet, `127.0.0.1` behind a local mail server. */
  host: z.string().min(1).default('0.0.0.0'),
  /** 2525 needs no privileges (forward port 25 to it); 0 takes any free port, shown in the source's status. */
  port: z.number().int().min(0).max(65535).default(2525),
  /** Largest message accepted, in bytes, attachments included (advertised with SIZE; larger ones get 552). */
  maxBytes: mailSize,
  /** A certificate and its key (PEM files) enable STARTTLS; without them mail arrives in clear text. */
  tls: z.strictObject({ certFile: z.string().min(1), keyFile: z.string().min(1) }).optional(),
});

/** An IMAP mailbox, the practical path on a venue laptop: IDLE, or polling where the server has no IDLE. */
export const imapSource = z
  .strictObject({
    kind: z.literal('email-imap'),
    enabled: z.boolean().default(true),
    /** The address shown on the wall. */
    address: z.email('must be an email address'),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(993),
    /** TLS from the start (port 993); false connects in clear and upgrades with STARTTLS when the server offers it. */
    secure: z.boolean().default(true),
    user: z.string().min(1),
    password: secret.optional(),
    /** An OAuth2 access token (XOAUTH2), e.g. for Gmail or Microsoft 365, instead of a password. */
    accessToken: secret.optional(),
    mailbox: z.string().min(1).default('INBOX'),
    /** A folder to move processed messages to (created if missing); without it they are only marked \Seen. */
    moveTo: z.string().min(1).optional(),
    /** Wait for new mail with IDLE (instant); false checks every `pollSeconds` instead. */
    idle: z.boolean().default(true),
    /** Seconds between two checks without IDLE, and as a safety net while idling. Fractions are for tests. */
    pollSeconds: z.number().min(0.05).default(60),
    /** Larger messages are not downloaded: they stay unread in the mailbox for a person to look at. */
    maxBytes: mailSize,
  })
  .refine((imap) => (imap.password === undefined) !== (imap.accessToken === undefined), {
    message: 'needs either a password or an OAuth2 accessToken (not both)',
    path: ['password'],
  })
  .refine((imap) => imap.moveTo === undefined || imap.moveTo !== imap.mailbox, {
    message: 'must differ from mailbox',
    path: ['moveTo'],
  });

/** The public web form on the web view (on by default). */
export const webSource = z.strictObject({
  kind: z.literal('web'),
  enabled: z.boolean().default(true),
  /** Longest message accepted, in characters. */
  maxLength: z.number().int().min(20).max(2000).default(500),
  /** Messages accepted per minute from one address. */
  perMinute: z.number().int().min(1).max(600).default(5),
});

/** Replays bundled sample items of every source kind through the real pipeline. */
export const demoSource = z.strictObject({
  kind: z.literal('demo'),
  enabled: z.boolean().default(true),
  intervalSeconds: z.number().min(0.05).default(4),
});

const KIND_ERROR = 'kind must be one of x, mastodon, bluesky, twilio, sms-gateway, email-smtp, email-imap, web, demo';

function sourceSchemaOf(country?: CountryCode) {
  return z.discriminatedUnion(
    'kind',
    [
      xSource,
      mastodonSource,
      blueskySource,
      twilioSourceFor(country),
      smsGatewaySourceFor(country),
      smtpSource,
      imapSource,
      webSource,
      demoSource,
    ],
    { error: KIND_ERROR },
  );
}

/** A source as the configuration file declares it: phone numbers in international format. */
export const sourceSchema = sourceSchemaOf();

const byCountry = new Map<CountryCode, typeof sourceSchema>();

/**
 * A source of an event whose national phone numbers are read in `country` (see config/phone-number.ts:
 * eventPhoneCountry): what the console's forms are checked with.
 */
export function sourceSchemaFor(country: CountryCode | undefined): typeof sourceSchema {
  if (country === undefined) return sourceSchema;
  let schema = byCountry.get(country);
  if (!schema) {
    schema = sourceSchemaOf(country);
    byCountry.set(country, schema);
  }
  return schema;
}

export type SourceConfig = z.infer<typeof sourceSchema>;
export type SourceConfigKind = SourceConfig['kind'];
