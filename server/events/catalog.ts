/**
 * Every event and its sources, as stored in the database (seeded from the configuration file, edited in the
 * console). Forms are checked with the configuration file's own schemas, so the console cannot save what the
 * file would refuse. Secrets are sealed in the database and opened only here, in memory, for the sources.
 */
import type { EventConfig } from '../config/index.js';
import { eventSchema } from '../config/schema.js';
import { sourceSchema, sourceSchemaFor, type SourceConfig } from '../config/sources.js';
import { eventPhoneCountry } from '../config/phone-number.js';
import { joinSecrets, keepSavedSecrets, splitSecrets, type Settings } from '../config/secret-fields.js';
import { fieldErrors } from '../config/field-errors.js';
import { ConflictError, InvalidSettingsError, NotFoundError } from '../errors.js';
import type { Logger } from '../log.js';
import type { EventOrigin } from '../protocol/admin.js';
import type { SecretBox } from '../security/secrets.js';
import type { SourceWrite, Store } from '../store/index.js';
import type { SourceRow } from '../store/sources.js';
import { eventCandidate, renames, settingsJson } from './event-input.js';

export interface CatalogSource {
  id: number;
  origin: EventOrigin;
  /** Validated, secrets included: what the source runs with. */
  config: SourceConfig;
  /** The settings without secrets, and which secrets are set (what an admin sees). */
  shown: Settings;
  secretsSet: string[];
}

export interface CatalogEvent {
  slug: string;
  origin: EventOrigin;
  archivedAt: number | null;
  /** The event's settings with its valid, enabled-or-not sources, as the rest of the server reads an event. */
  config: EventConfig;
  sources: CatalogSource[];
}

export type CatalogChange = 'created' | 'settings' | 'sources' | 'archived' | 'restored';

export interface CatalogDeps {
  store: Store;
  box: SecretBox;
  log: Logger;
  now?: () => number;
}

const SLUG_IS_FIXED = {
  field: 'slug',
  message: {
    en: 'cannot change once the event exists: its links and QR codes are already out',
    fr: 'ne peut plus changer une fois l’événement créé\u00a0: ses liens et QR codes circulent déjà',
  },
};

/** Where a source's secrets are bound: a sealed blob copied to another row does not open there. */
const secretsContext = (id: number) => `sources/${id}/secrets`;

/** Told of a change once the catalog reads it; the change resolves after every listener. */
export type CatalogListener = (slug: string, change: CatalogChange) => void | Promise<void>;

/**
 * The catalog keeps every event and source in memory, read from the store by `reload()` (at start, and after each
 * of its own writes): the server reads events on every request and item, and they are a handful of rows.
 */
export function createEventCatalog({ store, box, log, now = Date.now }: CatalogDeps) {
  let events = new Map<string, CatalogEvent>();
  const listeners: CatalogListener[] = [];

  function openSource(row: SourceRow): CatalogSource | null {
    const where = { event: row.event, source: row.id, kind: row.kind };
    let secrets: Record<string, string> = {};
    try {
      if (row.secrets) secrets = JSON.parse(box.open(row.secrets, secretsContext(row.id))) as Record<string, string>;
    } catch (error) {
      log.error({ ...where, err: error instanceof Error ? error.message : String(error) }, 'source secrets unreadable');
    }
    const shown = JSON.parse(row.settings) as Settings;
    const full = { ...joinSecrets(row.kind, shown, secrets), kind: row.kind, enabled: row.enabled === 1 };
    const parsed = sourceSchema.safeParse(full);
    if (!parsed.success) {
      // Settings that no longer pass (a stricter version, an unreadable secret): the source stays off, and says why.
      const problems = fieldErrors(parsed.error).map((f) => `${f.field}: ${f.message.en}`);
      log.error({ ...where, problems }, 'source settings invalid; the source is not started');
      return null;
    }
    return { id: row.id, origin: row.origin, config: parsed.data, shown, secretsSet: Object.keys(secrets) };
  }

  /** Reads everything again from the store (a handful of rows: simpler than patching the map). */
  async function reload(): Promise<void> {
    const [sourceRows, eventRows] = await Promise.all([store.sources.all(), store.events.list()]);
    const sourcesByEvent = new Map<string, CatalogSource[]>();
    for (const row of sourceRows) {
      const source = openSource(row);
      if (!source) continue;
      const list = sourcesByEvent.get(row.event) ?? [];
      list.push(source);
      sourcesByEvent.set(row.event, list);
    }
    const next = new Map<string, CatalogEvent>();
    for (const row of eventRows) {
      const parsed = eventSchema.safeParse({ ...(JSON.parse(row.settings) as object), sources: [] });
      if (!parsed.success) {
        log.error({ event: row.slug, problems: fieldErrors(parsed.error) }, 'event settings invalid; event skipped');
        continue;
      }
      const sources = sourcesByEvent.get(row.slug) ?? [];
      next.set(row.slug, {
        slug: row.slug,
        origin: row.origin,
        archivedAt: row.archived_at,
        config: { ...parsed.data, sources: sources.map((s) => s.config) },
        sources,
      });
    }
    events = next;
  }

  async function changed(slug: string, change: CatalogChange): Promise<void> {
    await reload();
    for (const listener of listeners) await listener(slug, change);
  }

  function eventOf(slug: string): CatalogEvent {
    const event = events.get(slug);
    if (!event) throw new NotFoundError(`No event "${slug}".`);
    return event;
  }

  function sourceOf(slug: string, id: number): CatalogSource {
    const source = eventOf(slug).sources.find((s) => s.id === id);
    if (!source) throw new NotFoundError(`No source ${id} in event "${slug}".`);
    return source;
  }

  function parseEvent(body: unknown, current?: EventConfig): EventConfig {
    const parsed = eventSchema.safeParse(eventCandidate(body, current), { reportInput: true });
    if (!parsed.success) throw new InvalidSettingsError(fieldErrors(parsed.error));
    return parsed.data;
  }

  /**
   * A source form's settings, with the saved secrets for any left empty, checked by the file's schema; a phone
   * number may be national, in the event's country (`06 12 34 56 78` for a French event).
   */
  function parseSource(slug: string, body: unknown, saved?: CatalogSource): SourceConfig {
    const input = (typeof body === 'object' && body !== null ? body : {}) as Settings;
    const kind = saved?.config.kind ?? input.kind;
    const merged = saved
      ? keepSavedSecrets(String(kind), { ...input, kind }, saved.config as unknown as Settings)
      : input;
    const schema = sourceSchemaFor(eventPhoneCountry(eventOf(slug).config));
    const parsed = schema.safeParse(merged, { reportInput: true });
    if (!parsed.success) throw new InvalidSettingsError(fieldErrors(parsed.error));
    return parsed.data;
  }

  /** A source as the store writes it: its settings without secrets, and its secrets sealed for its row. */
  function toWrite(config: SourceConfig): SourceWrite {
    const { kind, enabled, ...rest } = config;
    const { settings, secrets } = splitSecrets(kind, rest);
    const sealed = Object.keys(secrets).length > 0 ? JSON.stringify(secrets) : null;
    return {
      kind,
      enabled,
      settings: JSON.stringify(settings),
      seal: (id) => (sealed === null ? null : box.seal(sealed, secretsContext(id))),
    };
  }

  return {
    reload,
    /** Called after every change, once the catalog reads the new state; the change waits for it. */
    onChange(listener: CatalogListener): void {
      listeners.push(listener);
    },
    all: (): CatalogEvent[] => [...events.values()],
    get: (slug: string): CatalogEvent | undefined => events.get(slug),
    source: sourceOf,

    /** A new event from the console; it starts with the web form on, like an event declared in the file. */
    async createEvent(body: unknown): Promise<CatalogEvent> {
      const config = parseEvent(body);
      if (await store.events.exists(config.slug)) {
        throw new ConflictError(`An event "${config.slug}" exists already.`);
      }
      const web = toWrite(sourceSchema.parse({ kind: 'web' }));
      await store.events.create(config.slug, config.title, settingsJson(config), [web], now());
      await changed(config.slug, 'created');
      return eventOf(config.slug);
    },

    async updateEvent(slug: string, body: unknown): Promise<CatalogEvent> {
      const current = eventOf(slug).config;
      if (renames(body, current)) throw new InvalidSettingsError([SLUG_IS_FIXED]);
      const config = parseEvent(body, current);
      await store.events.saveSettings(slug, config.title, settingsJson(config));
      await changed(slug, 'settings');
      return eventOf(slug);
    },

    async setArchived(slug: string, archived: boolean): Promise<CatalogEvent> {
      eventOf(slug);
      await store.events.setArchived(slug, archived ? now() : null);
      await changed(slug, archived ? 'archived' : 'restored');
      return eventOf(slug);
    },

    async addSource(slug: string, body: unknown): Promise<CatalogSource> {
      eventOf(slug);
      const config = parseSource(slug, body);
      const id = await store.sources.insert(slug, toWrite(config), now());
      await changed(slug, 'sources');
      return sourceOf(slug, id);
    },

    async updateSource(slug: string, id: number, body: unknown): Promise<CatalogSource> {
      const config = parseSource(slug, body, sourceOf(slug, id));
      const write = toWrite(config);
      await store.sources.update(id, write.enabled, write.settings, write.seal(id), now());
      await changed(slug, 'sources');
      return sourceOf(slug, id);
    },

    async removeSource(slug: string, id: number): Promise<void> {
      sourceOf(slug, id);
      await store.sources.delete(id);
      await changed(slug, 'sources');
    },

    /** A form's source, checked and completed with the saved secrets, without saving it (the Test button). */
    resolveSource(slug: string, body: unknown, id?: number): SourceConfig {
      return parseSource(slug, body, id === undefined ? undefined : sourceOf(slug, id));
    },

    /** Writes the file's declaration of an event (see seed.ts); the caller reloads once all are written. */
    async writeFromFile(config: EventConfig, hash: string): Promise<void> {
      const sources = config.sources.map(toWrite);
      await store.events.seedFromFile(config.slug, config.title, settingsJson(config), hash, sources, now());
    },
  };
}

export type EventCatalog = ReturnType<typeof createEventCatalog>;
