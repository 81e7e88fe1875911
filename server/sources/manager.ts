/**
 * Starts and stops each event's sources at run time. Every source gets its own AbortController; stopping waits
 * for the source to return, so nothing is left running. A source that throws is logged and marked failing; it
 * never takes the server down.
 */
import type { Logger } from '../log.js';
import type { SourceConfig } from '../config/sources.js';
import type { RetractFn, ReviseFn, SubmitFn } from '../intake/intake.js';
import type { SourceStateStore } from '../store/source-state.js';
import type { SourceKind } from '../protocol/items.js';
import type { StoredUpload } from '../media/uploads.js';
import type { Source, SourceContext, SourceMemory, SourceStatus, StateDetails } from './source.js';
import { createBlueskySource } from './bluesky/index.js';
import { createDemoSource } from './demo.js';
import { createSmtpSource } from './email-smtp.js';
import { createImapSource } from './email-imap.js';
import { createXSource } from './x/index.js';
import { createMastodonSource } from './mastodon/index.js';
import { identityOf } from './identity.js';
import { failure, problemFromText } from './problem.js';
import { calmParts, calmState } from './offline.js';

/** Push sources are HTTP routes (web form, SMS webhooks): always live while enabled. */
const PUSH_KINDS = ['web', 'twilio', 'sms-gateway'] as const;
type PushKind = (typeof PUSH_KINDS)[number];
const PUSH_SOURCES: ReadonlySet<SourceConfig['kind']> = new Set(PUSH_KINDS);

/** Every other kind runs as a pull source; the type makes a new kind without a factory a compile error. */
const PULL_SOURCES: {
  [K in Exclude<SourceConfig['kind'], PushKind>]: (config: Extract<SourceConfig, { kind: K }>) => Source;
} = {
  bluesky: createBlueskySource,
  demo: createDemoSource,
  'email-smtp': createSmtpSource,
  'email-imap': createImapSource,
  x: createXSource,
  mastodon: createMastodonSource,
};

interface Running {
  controller: AbortController;
  done: Promise<void>;
  /** What it was started with: a change of settings or hashtags restarts it. */
  fingerprint: string;
}

/** An event's sources as the manager runs them (server/events/catalog.ts gives them). */
export interface EventSources {
  slug: string;
  hashtags: string[];
  sources: { id: number; config: SourceConfig }[];
}

export interface SourceManagerDeps {
  submit: SubmitFn;
  revise: ReviseFn;
  retract: RetractFn;
  memory: SourceStateStore;
  shownSourceIds: (event: string, source: SourceKind, limit?: number) => string[];
  log: Logger;
  onStatus?: (status: SourceStatus) => void;
  /** Stores images sources receive themselves (email attachments); see SourceContext.saveImage. */
  saveImage?: (data: Buffer) => Promise<StoredUpload>;
}

export function createSourceManager(deps: SourceManagerDeps) {
  const running = new Map<string, Running>();
  const statuses = new Map<string, SourceStatus>();
  const syncing = new Map<string, Promise<void>>();

  function report(status: SourceStatus): void {
    const previous = statuses.get(status.id);
    statuses.set(status.id, status);
    if (previous?.state !== status.state || previous?.lastError !== status.lastError) {
      const log = status.state === 'failing' ? deps.log.warn : deps.log.info;
      log.call(deps.log, { source: status.id, state: status.state, lastError: status.lastError }, 'source state');
    }
    deps.onStatus?.(status);
  }

  function memoryOf(event: string, kind: string): SourceMemory {
    return {
      get: (key) => deps.memory.get(event, kind, key),
      set: (key, value) => deps.memory.set(event, kind, key, value),
      delete: (key) => deps.memory.delete(event, kind, key),
      forgetOlder: (prefix, before) => deps.memory.forgetOlder(event, kind, prefix, before),
    };
  }

  function startOne(eventSources: EventSources, id: string, config: SourceConfig, fingerprint: string): void {
    const event = eventSources.slug;
    const base = { id, event, kind: config.kind, identity: identityOf(config, eventSources.hashtags) };
    if (!config.enabled) return report({ ...base, state: 'stopped' });
    if (PUSH_SOURCES.has(config.kind)) return report({ ...base, state: 'live' });
    const factory = PULL_SOURCES[config.kind as keyof typeof PULL_SOURCES] as (c: SourceConfig) => Source;
    const controller = new AbortController();
    const log = deps.log.child({ source: id });
    const setState: SourceContext['setState'] = (state, details: StateDetails = {}) => {
      const { lastItemAt } = statuses.get(id) ?? {};
      // Words without their code (a source not yet reporting one) are read, so the console can still say them.
      const problem = details.problem ?? (details.lastError ? problemFromText(details.lastError) : undefined);
      const shown = calmState(state, problem, details.lastError);
      const parts = shown === 'offline' && details.parts ? { parts: calmParts(details.parts) } : {};
      const rest = { ...details, ...parts, ...(problem ? { problem } : {}) };
      report({ ...base, ...(lastItemAt ? { lastItemAt } : {}), state: shown, ...rest });
    };
    const submit = async (raw: Parameters<SubmitFn>[1]) => {
      const outcome = await deps.submit(event, raw, id);
      if (outcome.kind === 'stored') statuses.set(id, { ...statuses.get(id)!, lastItemAt: Date.now() });
      return outcome;
    };
    setState('connecting');
    const ctx: SourceContext = {
      event,
      hashtags: eventSources.hashtags,
      submit,
      revise: (raw) => deps.revise(event, raw, id),
      retract: (source, sourceId, why) => deps.retract(event, source, sourceId, why),
      shownSourceIds: (source, limit) => deps.shownSourceIds(event, source, limit),
      memory: memoryOf(event, config.kind),
      setState,
      log,
      ...(deps.saveImage ? { saveImage: deps.saveImage } : {}),
      signal: controller.signal,
    };
    const done = factory(config)
      .run(ctx)
      .catch((error: unknown) => {
        log.error({ err: error }, 'source stopped on an unexpected error');
        setState('failing', failure(error instanceof Error ? error.message : String(error), { error }));
      });
    running.set(id, { controller, done, fingerprint });
  }

  async function stopMatching(predicate: (id: string) => boolean): Promise<void> {
    const stopping = [...running.entries()].filter(([id]) => predicate(id));
    for (const [, { controller }] of stopping) controller.abort();
    await Promise.all(stopping.map(([, { done }]) => done));
    for (const [id] of stopping) {
      running.delete(id);
      const status = statuses.get(id);
      if (status && status.state !== 'finished') report({ ...status, state: 'stopped' });
    }
  }

  /**
   * Brings an event's running sources in line with `event`: removed or changed ones stop (and are awaited), new
   * or changed ones start, the others keep running untouched. `null` stops them all (an archived event).
   */
  function syncEvent(slug: string, event: EventSources | null): Promise<void> {
    // One change of an event at a time: two quick edits must not both start the same source.
    const previous = syncing.get(slug) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => applyEvent(slug, event));
    syncing.set(slug, next);
    const forget = () => {
      if (syncing.get(slug) === next) syncing.delete(slug);
    };
    next.then(forget, forget);
    return next;
  }

  async function applyEvent(slug: string, event: EventSources | null): Promise<void> {
    const wanted = new Map(
      (event?.sources ?? []).map(({ id, config }) => [
        `${slug}/${id}:${config.kind}`,
        { config, fingerprint: JSON.stringify([config, event?.hashtags]) },
      ]),
    );
    const inEvent = (id: string) => id.startsWith(`${slug}/`);
    await stopMatching((id) => inEvent(id) && running.get(id)?.fingerprint !== wanted.get(id)?.fingerprint);
    for (const id of [...statuses.keys()]) if (inEvent(id) && !wanted.has(id)) statuses.delete(id);
    if (!event) return;
    for (const [id, { config, fingerprint }] of wanted) {
      if (!running.has(id)) startOne(event, id, config, fingerprint);
    }
  }

  return {
    syncEvent,
    stopEvent: (slug: string): Promise<void> => stopMatching((id) => id.startsWith(`${slug}/`)),
    stopAll: (): Promise<void> => stopMatching(() => true),
    statuses: (event?: string): SourceStatus[] =>
      [...statuses.values()].filter((status) => event === undefined || status.event === event),
  };
}

export type SourceManager = ReturnType<typeof createSourceManager>;
