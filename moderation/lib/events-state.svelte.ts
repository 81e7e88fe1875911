/**
 * The admin's set-up screens: every event (archived ones too) with its sources, which screen is open, and the
 * calls that change them. The open screen lives here rather than in the component, so it survives the console
 * switching layout when the first event appears.
 */
import type {
  AdminEvent,
  AdminFieldError,
  AdminSource,
  EventSettings,
  SourceInput,
  SourceTestResult,
} from '../../server/protocol/admin.js';
import type { Language } from '../../server/protocol/event.js';
import {
  createEvent,
  createSource,
  deleteSource,
  listEvents,
  saveEvent,
  saveSource,
  setArchived,
  testSource,
  type AdminFailure,
  type AdminResult,
  type SourceTestRequest,
} from './events-api.js';
import { eventsMessages, type EventsMessages } from './i18n-events.js';
import type { ConsoleLink } from './link.js';

/** `event` with a null slug is the new-event form; `links` follows a save. */
export type EventsScreen =
  | { name: 'list' }
  | { name: 'event'; slug: string | null }
  | { name: 'links'; slug: string }
  | { name: 'sources'; slug: string };

/** A form's answer: null when saved, else the field errors to show (empty when a toast said why). */
export type FormOutcome = AdminFieldError[] | null;

export class EventsAdminState {
  list = $state.raw<AdminEvent[]>([]);
  loaded = $state(false);
  screen = $state.raw<EventsScreen>({ name: 'list' });
  saving = $state(false);
  readonly #link: ConsoleLink;
  readonly #lang: () => Language;

  constructor(link: ConsoleLink, lang: () => Language) {
    this.#link = link;
    this.#lang = lang;
  }

  get #t(): EventsMessages {
    return eventsMessages[this.#lang()];
  }

  async load(): Promise<void> {
    const result = await listEvents();
    if (!result.ok) return this.#link.fail(result);
    this.list = result.data.events;
    this.loaded = true;
  }

  open(screen: EventsScreen): void {
    this.screen = screen;
  }

  find(slug: string): AdminEvent | undefined {
    return this.list.find((event) => event.settings.slug === slug);
  }

  /** Creates (slug null) or saves an event; on success its links show. */
  async saveEvent(slug: string | null, settings: Partial<EventSettings>): Promise<FormOutcome> {
    const result = await this.#saving(slug === null ? createEvent(settings) : saveEvent(slug, settings));
    if (!result.ok) return this.#refused(result, settings.slug ?? '');
    this.#put(result.data);
    const { title, slug: saved } = result.data.settings;
    this.#link.toast(slug === null ? this.#t.form.created(title) : this.#t.form.saved(title), 'done');
    this.screen = { name: 'links', slug: saved };
    return null;
  }

  async setArchived(slug: string, archived: boolean): Promise<void> {
    const result = await this.#saving(setArchived(slug, archived));
    if (!result.ok) return this.#link.fail(result);
    this.#put(result.data);
    const { title } = result.data.settings;
    this.#link.toast(archived ? this.#t.archivedToast(title) : this.#t.restoredToast(title), 'done');
  }

  /** Adds (id null) or saves a source of the event. */
  async saveSource(slug: string, id: number | null, input: SourceInput): Promise<FormOutcome> {
    const result = await this.#saving(id === null ? createSource(slug, input) : saveSource(slug, id, input));
    if (!result.ok) return this.#refused(result, '');
    this.#putSource(slug, result.data);
    return null;
  }

  async removeSource(slug: string, source: AdminSource, name: string): Promise<void> {
    const result = await this.#saving(deleteSource(slug, source.id));
    if (!result.ok) return this.#link.fail(result);
    this.#update(slug, (event) => ({ ...event, sources: event.sources.filter((entry) => entry.id !== source.id) }));
    this.#link.toast(this.#t.sourcesPanel.removed(name), 'done');
  }

  /** A real check of the source; failures to reach the server come back as a result to show, not a toast. */
  async testSource(request: SourceTestRequest): Promise<AdminResult<SourceTestResult>> {
    const result = await testSource(request);
    if (!result.ok && result.code === 'unauthorized') this.#link.fail(result);
    return result;
  }

  reset(): void {
    this.list = [];
    this.loaded = false;
    this.screen = { name: 'list' };
  }

  #refused(failure: AdminFailure, slug: string): FormOutcome {
    if (failure.fields.length > 0) return failure.fields;
    // The only conflict a form meets: another event already has this short name.
    if (failure.code === 'conflict' && slug !== '') {
      return [{ field: 'slug', message: { en: slugTaken('en'), fr: slugTaken('fr') } }];
    }
    this.#link.fail(failure);
    return [];
  }

  #put(saved: AdminEvent): void {
    const known = this.list.some((event) => event.settings.slug === saved.settings.slug);
    this.list = known
      ? this.list.map((event) => (event.settings.slug === saved.settings.slug ? saved : event))
      : [...this.list, saved];
  }

  #putSource(slug: string, saved: AdminSource): void {
    this.#update(slug, (event) => {
      const known = event.sources.some((source) => source.id === saved.id);
      const sources = known
        ? event.sources.map((source) => (source.id === saved.id ? saved : source))
        : [...event.sources, saved];
      return { ...event, sources };
    });
  }

  #update(slug: string, change: (event: AdminEvent) => AdminEvent): void {
    this.list = this.list.map((event) => (event.settings.slug === slug ? change(event) : event));
  }

  async #saving<T>(promise: Promise<T>): Promise<T> {
    this.saving = true;
    try {
      return await promise;
    } finally {
      this.saving = false;
    }
  }
}

function slugTaken(lang: Language): string {
  return eventsMessages[lang].form.slugTaken;
}
