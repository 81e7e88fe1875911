/** The configuration file's schema: a few server settings and the events, each with its sources and wall. */
import { z } from 'zod';
import { sourceSchema } from './sources.js';
import { phoneCountriesSetting } from '../pipeline/text/phone-countries.js';
import { BLOCKLIST_LANGUAGES } from '../pipeline/blocklist-languages.js';

export const hexColour = z.string().regex(/^#[0-9a-fA-F]{3,8}$/, 'must be a hex colour such as #1d4ed8');
const language = z.enum(['fr', 'en']);

/**
 * A theme image (logo, background): https only. The whole room sees it, through the media proxy: over plain http
 * anyone on the way (the venue network) could swap it, and other schemes (javascript:, data:, file:) are not images
 * to fetch at all. The console's live changes take the same rule (moderation/wall-control.ts).
 */
export const themeImageUrl = z.url({ protocol: /^https$/, error: 'must be an https:// URL' });

const theme = z.strictObject({
  mode: z.enum(['dark', 'light']).default('dark'),
  accent: hexColour.default('#38bdf8'),
  /** The colour behind the cards; null (the default) follows the mode: dark navy, or light grey. */
  background: hexColour.nullable().default(null),
  logoUrl: themeImageUrl.nullable().default(null),
  backgroundImageUrl: themeImageUrl.nullable().default(null),
  fontScale: z.number().min(0.5).max(3).default(1),
  transparent: z.boolean().default(false),
});

const wall = z.strictObject({
  layout: z.enum(['mosaic', 'spotlight', 'ticker']).default('mosaic'),
  theme: theme.prefault({}),
  /** Interface languages; the first is the default. */
  languages: z.array(language).min(1).default(['fr', 'en']),
});

const moderation = z.strictObject({
  /**
   * pre: nothing shows before a moderator approves it (the default); post: shows at once, moderators retract;
   * hold: shows after `holdSeconds` unless a moderator rejected it first.
   */
  mode: z.enum(['pre', 'post', 'hold']).default('pre'),
  holdSeconds: z.number().int().min(5).max(3600).default(30),
  /** Only trusted authors reach the wall; for when a hashtag is hijacked. */
  trustedOnly: z.boolean().default(false),
  /** Items accepted per source and per hour before the rest wait in the queue. */
  hourlyCapPerSource: z.number().int().min(1).nullable().default(null),
  /** Days after which the event's items are purged automatically. */
  retentionDays: z.number().int().min(1).nullable().default(null),
  /** Words of the default list that this event does not block. */
  allowedWords: z.array(z.string().min(1)).default([]),
  /** Use the bundled lists of offensive words. */
  defaultBlocklist: z.boolean().default(true),
  /**
   * Which languages' bundled lists (fr, en, es, de, it, pt, ar: Arabic script and Arabizi); by default the wall's
   * languages.
   */
  blocklists: z.array(z.enum(BLOCKLIST_LANGUAGES)).optional(),
  /** Extra words or phrases whose items are rejected with the word as the reason. */
  blockedWords: z.array(z.string().min(1)).default([]),
  /** Author keys (`x:12345`, `mastodon:https://instance/@user`) rejected on arrival. */
  bannedAuthors: z.array(z.string().min(1)).default([]),
  /** Author keys approved on arrival. */
  trustedAuthors: z.array(z.string().min(1)).default([]),
  /**
   * Countries (`FR`, `BE`…) whose national formats decide short phone numbers in private messages; by default
   * those of the wall's languages (server/pipeline/text/phone-countries.ts).
   */
  phoneCountries: phoneCountriesSetting,
});

const slug = z
  .string()
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/,
    'must be lowercase letters, digits and dashes (e.g. "town-hall-2026")',
  );

const hashtag = z
  .string()
  .transform((tag) => tag.replace(/^#/, ''))
  .pipe(z.string().regex(/^[\p{L}\p{N}_]{1,100}$/u, 'must be a hashtag made of letters, digits and _'));

export const eventSchema = z.strictObject({
  slug,
  title: z.string().min(1, 'must not be empty').max(200),
  hashtags: z.array(hashtag).default([]),
  moderation: moderation.prefault({}),
  wall: wall.prefault({}),
  sources: z.array(sourceSchema).prefault([{ kind: 'web' }]),
});

const media = z.strictObject({
  /** Largest image the proxy fetches or a visitor uploads, in bytes. */
  maxBytes: z
    .number()
    .int()
    .min(64 * 1024)
    .default(8 * 1024 * 1024),
  timeoutSeconds: z.number().min(1).max(120).default(10),
  /** The cache in the data folder is trimmed, oldest first, past this size. */
  cacheMegabytes: z.number().int().min(10).default(500),
  /**
   * Lets the proxy fetch from loopback and private addresses. Off by default, so a crafted post cannot make the
   * server probe the venue's network; turn on for a self-hosted instance on the same network, or for tests.
   */
  allowPrivateNetworks: z.boolean().default(false),
});

export const configSchema = z
  .strictObject({
    /** Port to listen on; overridden by PORT and --port. */
    port: z.number().int().min(0).max(65535).default(8080),
    host: z.string().default('0.0.0.0'),
    /** Where the database and media cache live; overridden by MURMURE_DATA_DIR and --data. */
    dataDir: z.string().default('./data'),
    /** The address people reach the server at (QR codes, webhooks behind a proxy). */
    publicUrl: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
    /** Express `trust proxy` setting: true behind one reverse proxy, so rate limits see the real client. */
    trustProxy: z.union([z.boolean(), z.number().int().min(0), z.string()]).default(false),
    /** The image proxy and cache: every image on the wall comes through the server. */
    media: media.prefault({}),
    /** May be empty: events can be created in the console instead (they seed the database, see events/seed.ts). */
    events: z.array(eventSchema).default([]),
  })
  .superRefine(
    (config, ctx) => {
      // Runs even when other fields are invalid (see `when`), so duplicates are listed with every other problem.
      const events: unknown[] = Array.isArray(config.events) ? config.events : [];
      const seen = new Set<string>();
      events.forEach((event, index) => {
        const slug = (event as { slug?: unknown } | null)?.slug;
        if (typeof slug !== 'string') return;
        if (seen.has(slug)) {
          ctx.addIssue({ code: 'custom', path: ['events', index, 'slug'], message: `"${slug}" is used twice` });
        }
        seen.add(slug);
      });
    },
    { when: () => true },
  );

export type Config = z.infer<typeof configSchema>;
export type EventConfig = z.infer<typeof eventSchema>;
export type ConfigInput = z.input<typeof configSchema>;
