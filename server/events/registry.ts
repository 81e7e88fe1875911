/**
 * What the server knows about each event at run time: its public description, its wall settings (configured,
 * then live overrides) and its compiled moderation rules. Rules are compiled once and rebuilt only on change,
 * because the filter step consults them for every item. Events come from the catalog (the database, seeded from
 * the file); an archived event is known (its data can be exported) but not live.
 */
import { createHash } from 'node:crypto';
import type { EventConfig } from '../config/index.js';
import type { PublicAddress, PublicAddressService } from './public-address.js';
import type { EventCatalog } from './catalog.js';
import type { SourceConfig } from '../config/sources.js';
import type { Announcement, Participation, PublicEvent, WallSettings, WallTheme } from '../protocol/event.js';
import type { EventRules } from '../pipeline/types.js';
import { createRuleBook } from './rule-book.js';
import type { Store } from '../store/index.js';
import { formatPhoneNumber } from '../config/phone-number.js';

/** What moderators changed live on an event's wall. */
interface StoredWall {
  overrides: Partial<WallSettings>;
  announcement: Announcement | null;
}

/** An event created since the last load has nothing stored yet. */
const NOTHING_STORED: StoredWall = { overrides: {}, announcement: null };

/**
 * Reads are synchronous, over what `load()` and `refresh(slug)` read from the store (at start, after each write
 * made here, and when the store changed behind the registry's back): every approval asks whether the wall is
 * paused, and every wall snapshot carries the event.
 */
export function createEventRegistry(
  publicAddress: Pick<PublicAddressService, 'current'>,
  catalog: EventCatalog,
  store: Store,
  presentUrl: (url: string) => string = (url) => url,
) {
  const ruleBook = createRuleBook((slug) => configOf(slug), store);

  function configOf(slug: string): EventConfig {
    const event = catalog.get(slug);
    if (!event) throw new Error(`unknown event ${slug}`);
    return event.config;
  }

  const live = () => catalog.all().filter((event) => event.archivedAt === null);

  const stored = new Map<string, StoredWall>();
  const wallCache = new Map<string, WallSettings>();
  const storedOf = (slug: string): StoredWall => stored.get(slug) ?? NOTHING_STORED;

  /** Reads the event's live changes and rules again from the store. */
  async function refresh(slug: string): Promise<void> {
    const [overrides, announcement] = await Promise.all([
      store.events.wallOverrides(slug),
      store.events.announcement(slug),
      ruleBook.load(slug),
    ]);
    stored.set(slug, { overrides, announcement });
    wallCache.delete(slug);
  }

  function wallSettings(slug: string): WallSettings {
    let settings = wallCache.get(slug);
    if (!settings) {
      settings = readWallSettings(slug);
      wallCache.set(slug, settings);
    }
    return settings;
  }

  function readWallSettings(slug: string): WallSettings {
    const event = configOf(slug);
    const { overrides } = storedOf(slug);
    const settings: WallSettings = { ...event.wall, paused: false, ...overrides };
    const theme = { ...event.wall.theme, ...overrides.theme };
    const image = (url: string | null) => (url ? presentUrl(url) : null);
    return {
      ...settings,
      theme: { ...theme, logoUrl: image(theme.logoUrl), backgroundImageUrl: image(theme.backgroundImageUrl) },
    };
  }

  /**
   * Applies a moderator's live change over the current overrides and returns the resulting settings. The store
   * merges it over the overrides as they are in the database, so another moderator's change at the same moment
   * (on this node or another) is kept too.
   */
  async function updateWall(
    slug: string,
    change: Omit<Partial<WallSettings>, 'theme'> & { theme?: Partial<WallTheme> },
  ): Promise<WallSettings> {
    await store.events.changeWallOverrides(slug, (current) => ({
      ...current,
      ...change,
      theme: { ...current.theme, ...change.theme } as WallTheme,
    }));
    await refresh(slug);
    return wallSettings(slug);
  }

  return {
    /** Reads what the store holds for every event (at start, once the catalog is loaded). */
    async load(): Promise<void> {
      await Promise.all(catalog.all().map((event) => refresh(event.slug)));
    },
    refresh,
    /** Live events (not archived), oldest first. */
    slugs: (): string[] => live().map((event) => event.slug),
    /** The event `/` and a wall without a slug show: the first live one ('' when every event is archived). */
    defaultSlug: (): string => live()[0]?.slug ?? '',
    /** Every event, archived ones too (retention still applies to their data). */
    allSlugs: (): string[] => catalog.all().map((event) => event.slug),
    /** Whether the event is live. */
    has: (slug: string): boolean => catalog.get(slug)?.archivedAt === null,
    /** Whether the event exists at all, archived or not (its data can still be exported or purged). */
    exists: (slug: string): boolean => catalog.get(slug) !== undefined,
    config: configOf,
    /** The event's enabled source of `kind` (the first one), or undefined. */
    enabledSource: <K extends SourceConfig['kind']>(slug: string, kind: K) => enabled(configOf(slug), kind),
    wallSettings,
    updateWall,

    publicEvent(slug: string): PublicEvent {
      const event = configOf(slug);
      return {
        slug,
        title: event.title,
        hashtags: event.hashtags,
        mode: ruleBook.settings(slug).mode,
        wall: wallSettings(slug),
        participation: participation(event, publicAddress.current()),
        announcement: storedOf(slug).announcement,
      };
    },

    /** The announcement the event's walls show, or null. */
    announcement: (slug: string): Announcement | null => storedOf(slug).announcement,
    async setAnnouncement(slug: string, announcement: Announcement | null): Promise<void> {
      await store.events.setAnnouncement(slug, announcement);
      await refresh(slug);
    },

    /** Compiled rules for the filter step. */
    rules: (slug: string): EventRules => ruleBook.compiled(slug),
    /** Viewing and changing the rules (the console). */
    ruleBook,
    /**
     * Compiles the event's rules now (blocklist and all), so its first item does not wait 150–600 µs for them:
     * at start, and after a change of the event.
     */
    warm: (slug: string): void => void ruleBook.compiled(slug),

    /**
     * The event's settings changed (console form or file): cached wall settings and rules are rebuilt, and the
     * console's own live changes to what the form sets (layout, theme, mode) give way to the form's values.
     */
    async settingsChanged(slug: string): Promise<void> {
      await store.events.changeWallOverrides(slug, ({ paused }) => (paused === undefined ? {} : { paused }));
      await store.events.changeRuleOverrides(
        slug,
        ({ mode: _mode, holdSeconds: _hold, retentionDays: _days, ...rules }) => rules,
      );
      await refresh(slug);
    },
  };
}

export type EventRegistry = ReturnType<typeof createEventRegistry>;

function enabled<K extends SourceConfig['kind']>(event: EventConfig, kind: K) {
  return event.sources.find((s): s is Extract<SourceConfig, { kind: K }> => s.kind === kind && s.enabled);
}

function participation(event: EventConfig, address: PublicAddress | null): Participation {
  const stored = enabled(event, 'twilio')?.phoneNumber ?? enabled(event, 'sms-gateway')?.phoneNumber ?? null;
  // Stored in E.164 (+33612345678): the room reads it grouped.
  const sms = stored === null ? null : formatPhoneNumber(stored);
  const email = enabled(event, 'email-smtp')?.addresses[0] ?? enabled(event, 'email-imap')?.address ?? null;
  // A loopback address is no address for the room: the wall falls back to its own, or shows none.
  const reachable = address !== null && address.kind !== 'loopback';
  const webUrl = reachable ? new URL(`/e/${event.slug}`, address.url).toString() : null;
  // The address in the QR code's path: a new address is a new image, which an open wall then loads.
  const version = createHash('sha256')
    .update(address?.url ?? '')
    .digest('base64url')
    .slice(0, 8);
  return {
    hashtags: event.hashtags,
    sms,
    email,
    webUrl,
    addressKind: address?.kind ?? null,
    qrCodePath: `/api/events/${event.slug}/qr.svg?v=${version}`,
  };
}
