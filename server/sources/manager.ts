/**
 * Starts and stops each event's sources at run time, and builds each one's context: the one place that hands
 * sources what they may use (intake, their memory, opt-outs, images). Every source gets its own AbortController;
 * stopping waits for the source to return, so nothing is left running. A push source's routes are mounted in the
 * route table while it runs. A source that throws is logged and marked failing; it never takes the server down.
 */
import type { Logger } from '../log.js';
import { memoryRateWindows, type RateWindows } from '../cluster/rate-windows.js';
import type { SourceConfig } from '../config/sources.js';
import type { RetractFn, ReviseFn, SubmitFn } from '../intake/intake.js';
import type { SourceKind } from '../protocol/items.js';
import type { Language } from '../protocol/event.js';
import type { SourceImages } from '../media/source-images.js';
import type { Source, SourceContext, SourceMemory, SourceRouteContext, SourceStatus, StateDetails } from './source.js';
import { createRouteTable } from './route-table.js';
import { createSourceMemories, type SourceMemoryRows } from './source-memory.js';
import { createBlueskySource } from './bluesky/index.js';
import { createDemoSource } from './demo.js';
import { createSmtpSource } from './email-smtp.js';
import { createImapSource } from './email-imap.js';
import { createXSource } from './x/index.js';
import { createMastodonSource } from './mastodon/index.js';
import { identityOf } from './identity.js';
import { failure, problemFromText } from './problem.js';
import { calmParts, calmState } from './offline.js';
import { createWebForm } from './web-form.js';
import { createTwilioSource } from './sms-twilio.js';
import { createGatewaySource } from './sms-gateway.js';

/** One factory per kind; the type makes a new kind without one a compile error. */
const FACTORIES: {
  [K in SourceConfig['kind']]: (config: Extract<SourceConfig, { kind: K }>) => Source;
} = {
  bluesky: createBlueskySource,
  demo: createDemoSource,
  'email-smtp': createSmtpSource,
  'email-imap': createImapSource,
  x: createXSource,
  mastodon: createMastodonSource,
  web: createWebForm,
  twilio: createTwilioSource,
  'sms-gateway': createGatewaySource,
};

interface Running {
  controller: AbortController;
  done: Promise<void>;
  /** What it was started with: a change of settings or hashtags restarts it. */
  fingerprint: string;
  /** Lets go of its memory once it stopped. */
  release(): void;
}

/** An event's sources as the manager runs them (server/events/catalog.ts gives them). */
export interface EventSources {
  slug: string;
  hashtags: string[];
  sources: { id: number; config: SourceConfig }[];
}

/** A sender's STOP and START, per event (server/moderation/opt-outs.ts). */
export interface OptOutRules {
  isOptedOut(event: string, authorKey: string): Promise<boolean>;
  optOut(event: string, authorKey: string, word: string): Promise<void>;
  optIn(event: string, authorKey: string): Promise<void>;
}

export interface SourceManagerDeps {
  submit: SubmitFn;
  revise: ReviseFn;
  retract: RetractFn;
  /** Where source memory is kept (the store's source_state), per event and kind. */
  memory: SourceMemoryRows;
  shownSourceIds: (event: string, source: SourceKind, limit?: number) => Promise<string[]>;
  /** Whether the event holds the item with this key. */
  has: (event: string, source: SourceKind, sourceId: string) => Promise<boolean>;
  optOuts: OptOutRules;
  /** The event's languages as its wall speaks them now. */
  languages: (event: string) => readonly Language[];
  /** The configuration's public address, if set. */
  publicUrl: string | undefined;
  contactTag: (kind: 'phone' | 'email', value: string) => string;
  /** Images sources receive or fetch (media/source-images.ts). */
  images: SourceImages;
  log: Logger;
  onStatus?: (status: SourceStatus) => void;
  /**
   * Several nodes: whether this node runs the sources that pull (it holds their lease, cluster/lease.ts). Push
   * sources answer on every node; the others only where this says so. Absent: one process runs everything.
   */
  mayPull?: () => boolean;
  /** Where push sources' limits count; this process's memory by default (one process). */
  rateWindows?: RateWindows;
  /** Several nodes: the states the other nodes report for an event's sources (the pulling ones run there). */
  remoteStatuses?: (event: string) => Promise<SourceStatus[]>;
}

export function createSourceManager(deps: SourceManagerDeps) {
  const running = new Map<string, Running>();
  const statuses = new Map<string, SourceStatus>();
  const syncing = new Map<string, Promise<void>>();
  const routes = createRouteTable();
  const memories = createSourceMemories(deps.memory, deps.log);
  const rateWindows = deps.rateWindows ?? memoryRateWindows();

  function report(status: SourceStatus): void {
    const previous = statuses.get(status.id);
    statuses.set(status.id, status);
    if (previous?.state !== status.state || previous?.lastError !== status.lastError) {
      const log = status.state === 'failing' ? deps.log.warn : deps.log.info;
      log.call(deps.log, { source: status.id, state: status.state, lastError: status.lastError }, 'source state');
    }
    deps.onStatus?.(status);
  }

  async function startOne(
    eventSources: EventSources,
    id: string,
    config: SourceConfig,
    fingerprint: string,
  ): Promise<void> {
    const event = eventSources.slug;
    const base = { id, event, kind: config.kind, identity: identityOf(config, eventSources.hashtags) };
    if (!config.enabled) {
      routes.unmount(id);
      return report({ ...base, state: 'stopped' });
    }
    // What the source remembers is read before it starts: it reads it synchronously (source-memory.ts).
    const { memory, release } = await memories.open(event, config.kind);
    const source = (FACTORIES[config.kind] as (c: SourceConfig) => Source)(config);
    // On a node without the lease a pulling source does not run: another node runs it and reports its state.
    const pulls = source.run !== undefined && (deps.mayPull?.() ?? true);
    const controller = new AbortController();
    const ctx = contextOf(eventSources, id, memory, controller.signal, (state, details) =>
      report({ ...base, ...stateOf(id, state, details) }),
    );
    if (source.routes) routes.mount(event, id, source.routes(ctx));
    else routes.unmount(id);
    // Push sources are live while they are mounted; one that also runs says so itself.
    if (pulls) ctx.setState('connecting');
    else if (source.routes) ctx.setState('live');
    else statuses.delete(id);
    const done = ((pulls ? source.run?.(ctx) : undefined) ?? Promise.resolve()).catch((error: unknown) => {
      ctx.log.error({ err: error }, 'source stopped on an unexpected error');
      ctx.setState('failing', failure(error instanceof Error ? error.message : String(error), { error }));
    });
    running.set(id, { controller, done, fingerprint, release });
  }

  /** A state as the console sees it: a known failure calmed to offline when the network is away (offline.ts). */
  function stateOf(id: string, state: SourceStatus['state'], details: StateDetails = {}) {
    const { lastItemAt } = statuses.get(id) ?? {};
    // Words without their code (a source not yet reporting one) are read, so the console can still say them.
    const problem = details.problem ?? (details.lastError ? problemFromText(details.lastError) : undefined);
    const shown = calmState(state, problem, details.lastError);
    const parts = shown === 'offline' && details.parts ? { parts: calmParts(details.parts) } : {};
    const rest = { ...details, ...parts, ...(problem ? { problem } : {}) };
    return { ...(lastItemAt ? { lastItemAt } : {}), state: shown, ...rest };
  }

  function contextOf(
    eventSources: EventSources,
    id: string,
    memory: SourceMemory,
    signal: AbortSignal,
    setState: SourceContext['setState'],
  ): SourceRouteContext {
    const event = eventSources.slug;
    const submit = async (raw: Parameters<SubmitFn>[1]) => {
      const outcome = await deps.submit(event, raw, id);
      if (outcome.kind === 'stored') statuses.set(id, { ...statuses.get(id)!, lastItemAt: Date.now() });
      return outcome;
    };
    return {
      event,
      hashtags: eventSources.hashtags,
      submit,
      revise: (raw) => deps.revise(event, raw, id),
      retract: (source, sourceId, why) => deps.retract(event, source, sourceId, why),
      shownSourceIds: (source, limit) => deps.shownSourceIds(event, source, limit),
      memory,
      setState,
      log: deps.log.child({ source: id }),
      signal,
      languages: () => deps.languages(event),
      publicUrl: deps.publicUrl,
      contactTag: deps.contactTag,
      has: (source, sourceId) => deps.has(event, source, sourceId),
      isOptedOut: (authorKey) => deps.optOuts.isOptedOut(event, authorKey),
      optOut: (authorKey, word) => deps.optOuts.optOut(event, authorKey, word),
      optIn: (authorKey) => deps.optOuts.optIn(event, authorKey),
      maxImageBytes: deps.images.maxBytes,
      saveImage: deps.images.save,
      saveImageFrom: deps.images.saveFrom,
      rateWindows,
    };
  }

  /**
   * Stops the matching sources and waits for them. Their routes go too, except those of sources `replaced` says
   * start again at once (a changed source): its old routes answer until the new ones take their place.
   */
  async function stopMatching(predicate: (id: string) => boolean, replaced = (_id: string) => false): Promise<void> {
    const stopping = [...running.entries()].filter(([id]) => predicate(id));
    for (const [id, { controller }] of stopping) {
      controller.abort();
      if (!replaced(id)) routes.unmount(id);
    }
    await Promise.all(stopping.map(([, { done }]) => done));
    for (const [id, { release }] of stopping) {
      release();
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
        { config, fingerprint: JSON.stringify([config, event?.hashtags, deps.mayPull?.() ?? true]) },
      ]),
    );
    const inEvent = (id: string) => id.startsWith(`${slug}/`);
    const changed = (id: string) => inEvent(id) && running.get(id)?.fingerprint !== wanted.get(id)?.fingerprint;
    await stopMatching(changed, (id) => wanted.has(id));
    for (const id of [...statuses.keys()]) {
      if (inEvent(id) && !wanted.has(id)) {
        statuses.delete(id);
        routes.unmount(id);
      }
    }
    if (!event) return;
    for (const [id, { config, fingerprint }] of wanted) {
      if (!running.has(id)) await startOne(event, id, config, fingerprint);
    }
  }

  return {
    /** The routes of the running push sources, which the HTTP layer serves. */
    routes,
    syncEvent,
    // A source may be starting (reading its memory): the changes under way end first.
    stopEvent: async (slug: string): Promise<void> => {
      await syncing.get(slug)?.catch(() => undefined);
      await stopMatching((id) => id.startsWith(`${slug}/`));
    },
    stopAll: async (): Promise<void> => {
      await Promise.allSettled(syncing.values());
      await stopMatching(() => true);
    },
    /** Resolves once what the sources wrote to their memory is in the store (before it closes). */
    memorySaved: (): Promise<void> => memories.settled(),
    statuses: (event?: string): SourceStatus[] =>
      [...statuses.values()].filter((status) => event === undefined || status.event === event),
    /** The event's sources as the whole cluster runs them: this node's states, and the others' for the rest. */
    async clusterStatuses(event: string): Promise<SourceStatus[]> {
      const here = [...statuses.values()].filter((status) => status.event === event);
      if (!deps.remoteStatuses) return here;
      const known = new Set(here.map((status) => status.id));
      const there = (await deps.remoteStatuses(event)).filter((status) => !known.has(status.id));
      return [...here, ...new Map(there.map((status) => [status.id, status])).values()];
    },
  };
}

export type SourceManager = ReturnType<typeof createSourceManager>;
