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
import type { Store } from '../store/index.js';
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

export function createEventCatalog({ store, box, log, now = Date.now }: CatalogDeps) {
  let events = new Map<string, CatalogEvent>();
  const listeners: ((slug: string, change: CatalogChange) => void)[] = [];

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
  function reload(): void {
    const sourcesByEvent = new Map<string, CatalogSource[]>();
    for (const row of store.sources.all()) {
      const source = openSource(row);
      if (!source) continue;
      const list = sourcesByEvent.get(row.event) ?? [];
      list.push(source);
      sourcesByEvent.set(row.event, list);
    }
    const next = new Map<string, CatalogEvent>();
    for (const row of store.events.list()) {
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

  function changed(slug: string, change: CatalogChange): void {
    reload();
    for (const listener of listeners) listener(slug, change);
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

  function writeSource(id: number, config: SourceConfig): void {
    const { kind, enabled, ...rest } = config;
    const { settings, secrets } = splitSecrets(kind, rest);
    store.sources.update(id, enabled, JSON.stringify(settings), now());
    const sealed = Object.keys(secrets).length > 0 ? box.seal(JSON.stringify(secrets), secretsContext(id)) : null;
    store.sources.setSecrets(id, sealed);
  }

  function insertSource(event: string, config: SourceConfig, origin: EventOrigin): number {
    const id = store.sources.insert(
      { event, kind: config.kind, enabled: config.enabled, settings: '{}', origin },
      now(),
    );
    writeSource(id, config);
    return id;
  }

  return {
    reload,
    /** Called after every change, once the catalog reads the new state. */
    onChange(listener: (slug: string, change: CatalogChange) => void): void {
      listeners.push(listener);
    },
    all: (): CatalogEvent[] => [...events.values()],
    get: (slug: string): CatalogEvent | undefined => events.get(slug),
    source: sourceOf,

    /** A new event from the console; it starts with the web form on, like an event declared in the file. */
    createEvent(body: unknown): CatalogEvent {
      const config = parseEvent(body);
      if (store.events.exists(config.slug)) {
        throw new ConflictError(`An event "${config.slug}" exists already.`);
      }
      store.sources.transaction(() => {
        store.events.create(config.slug, config.title, settingsJson(config), now());
        insertSource(config.slug, sourceSchema.parse({ kind: 'web' }), 'console');
      });
      changed(config.slug, 'created');
      return eventOf(config.slug);
    },

    updateEvent(slug: string, body: unknown): CatalogEvent {
      const current = eventOf(slug).config;
      if (renames(body, current)) throw new InvalidSettingsError([SLUG_IS_FIXED]);
      const config = parseEvent(body, current);
      store.events.saveSettings(slug, config.title, settingsJson(config));
      changed(slug, 'settings');
      return eventOf(slug);
    },

    setArchived(slug: string, archived: boolean): CatalogEvent {
      eventOf(slug);
      store.events.setArchived(slug, archived ? now() : null);
      changed(slug, archived ? 'archived' : 'restored');
      return eventOf(slug);
    },

    addSource(slug: string, body: unknown): CatalogSource {
      eventOf(slug);
      const config = parseSource(slug, body);
      const id = store.sources.transaction(() => insertSource(slug, config, 'console'));
      changed(slug, 'sources');
      return sourceOf(slug, id);
    },

    updateSource(slug: string, id: number, body: unknown): CatalogSource {
      const config = parseSource(slug, body, sourceOf(slug, id));
      store.sources.transaction(() => writeSource(id, config));
      changed(slug, 'sources');
      return sourceOf(slug, id);
    },

    removeSource(slug: string, id: number): void {
      sourceOf(slug, id);
      store.sources.delete(id);
      changed(slug, 'sources');
    },

    /** A form's source, checked and completed with the saved secrets, without saving it (the Test button). */
    resolveSource(slug: string, body: unknown, id?: number): SourceConfig {
      return parseSource(slug, body, id === undefined ? undefined : sourceOf(slug, id));
    },

    /** Writes the file's declaration of an event (see seed.ts); the caller reloads once all are written. */
    writeFromFile(config: EventConfig, hash: string): void {
      store.sources.transaction(() => {
        store.events.seedFromFile(config.slug, config.title, settingsJson(config), hash, now());
        store.sources.deleteFromFile(config.slug);
        for (const source of config.sources) insertSource(config.slug, source, 'file');
      });
    },
  };
}

export type EventCatalog = ReturnType<typeof createEventCatalog>;
