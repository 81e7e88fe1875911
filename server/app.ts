/**
 * createApp wires the parts together and returns them; it never listens itself (main.ts and the tests do).
 * start() prepares the store and starts the sources; stop() undoes everything in reverse order.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config/index.js';
import type { Logger } from './log.js';
import { openStore, type Store } from './store/index.js';
import { isPostgresUrl } from './store/engine/open.js';
import { createEventRegistry, type EventRegistry } from './events/registry.js';
import { createEventCatalog, type CatalogChange, type EventCatalog } from './events/catalog.js';
import { seedFromFile } from './events/seed.js';
import { createPublicAddress, type PublicAddressService } from './events/public-address.js';
import { createSecretBox } from './security/secrets.js';
import { loadServerKeys } from './security/server-keys.js';
import { createSessions } from './auth/sessions.js';
import { ensureAdmin, type FirstStart } from './auth/bootstrap.js';
import { createFirstRun } from './auth/first-run.js';
import { createContactTagger } from './security/key-file.js';
import { createIntake, type Intake } from './intake/intake.js';
import { createModerationActions, type ModerationActions } from './moderation/actions.js';
import { createWallControl } from './moderation/wall-control.js';
import { createAccounts } from './moderation/accounts.js';
import { createPurgeService, type PurgeService } from './moderation/purge.js';
import { startModerationJobs, type JobIntervals } from './moderation/jobs.js';
import { createMediaSigner } from './media/signer.js';
import { createUploadStore } from './media/uploads.js';
import { createSourceImages } from './media/source-images.js';
import { createOptOuts } from './moderation/opt-outs.js';
import { createRealtime, type Realtime } from './realtime/index.js';
import { createHttpApp } from './http/index.js';
import { createOriginPolicy } from './http/origin.js';
import { createSourceManager, type EventSources, type SourceManager } from './sources/manager.js';
import { attachPostgresAdapter } from './cluster/adapter.js';
import { createClusterNode } from './cluster/node.js';
import { runUnderLease, type LeaseRunner, type LeaseTiming } from './cluster/lease.js';
import { databaseRateWindows } from './cluster/rate-windows.js';
import { oneNodeAtATime } from './cluster/start-lock.js';

export const DATABASE_FILE = 'murmure.db';

export interface AppOptions {
  log: Logger;
  /**
   * Where the data is: a postgres:// URL for several nodes (`--database`, `DATABASE_URL`); by default the SQLite
   * file in the data folder.
   */
  database?: string;
  /** Password for the first admin, created at once; without it, set-up happens in the browser with a token. */
  adminPassword?: string;
  /** Folder of the built Svelte apps; defaults to dist/client beside the code. */
  clientDir?: string;
  now?: () => number;
  /** Each event as the configuration file writes it, by slug (`loadConfig`'s `declarations`). */
  declarations?: Readonly<Record<string, string>>;
  /** How often held items and the retention period are checked (tests shorten them). */
  jobIntervals?: JobIntervals;
  /** Several nodes: how long a lease lasts and how often it is looked at (tests shorten them). */
  leaseTiming?: LeaseTiming;
  /** Several nodes: how long a stopping node answers /healthz 503 before it closes its sockets. */
  drainMs?: number;
}

/** Two of HAProxy's health checks a second apart (README › Running several nodes), and a margin. */
const DRAIN_MS = 3_000;

export interface App {
  httpServer: HttpServer;
  store: Store;
  /** Events and sources as stored (seeded from the file, edited in the console). */
  catalog: EventCatalog;
  events: EventRegistry;
  /** The address links and QR codes are made of: the file's, else the console's choice. */
  publicAddress: PublicAddressService;
  intake: Intake;
  actions: ModerationActions;
  purge: PurgeService;
  realtime: Realtime;
  sources: SourceManager;
  /**
   * Prepares the store and starts the sources. Returns the admin account when it was just created with the preset
   * password, or the one-time set-up token when no admin exists yet (main.ts prints it).
   */
  start(): Promise<FirstStart>;
  /** Stops sources, disconnects clients, closes the HTTP server, then the database. Safe to call twice. */
  stop(): Promise<void>;
}

/** dist/client beside dist/server when built; the same folder from server/ when run from source (npm run dev). */
function defaultClientDir(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const built = resolve(here, '..', 'client');
  return existsSync(built) ? built : resolve(here, '..', 'dist', 'client');
}

export async function createApp(config: Config, options: AppOptions): Promise<App> {
  const { log } = options;
  const now = options.now ?? Date.now;
  const dataDir = resolve(config.dataDir);
  const database = options.database ?? join(dataDir, DATABASE_FILE);
  // Several nodes must share their keys, and do not share a disk: there they come from the environment.
  const keys = loadServerKeys(dataDir, isPostgresUrl(database));
  const key = keys.master;
  const media = createMediaSigner(key);
  const store = await openStore(database, { presentUrl: media.path });
  // Photos of earlier versions stay in this folder; new ones go to the database, which every node reads.
  const uploadsDir = join(dataDir, 'media', 'uploads');
  const uploads = createUploadStore(uploadsDir, store.uploads);
  const catalog = createEventCatalog({ store, box: createSecretBox(keys.secrets), log, now });
  const publicAddress = createPublicAddress({ configured: config.publicUrl, settings: store.installSettings });
  const events = createEventRegistry(publicAddress, catalog, store, media.path);
  const sessions = createSessions(store.moderators);
  const firstRun = createFirstRun(store.moderators, store.installSettings);
  const contactTag = createContactTagger(key);
  // Which pages may use a moderator's session: the console's HTTP routes and its socket check the same list.
  // The public address set in the console counts as much as the file's: the console is opened there too.
  const origins = createOriginPolicy({
    trustProxy: config.trustProxy,
    addresses: () => [config.publicUrl, publicAddress.current()?.url],
  });
  // Express must be the server's request listener before socket.io attaches: socket.io then answers its own
  // /socket.io/ requests (long-polling) and hands every other request to express.
  const httpServer = createServer((req, res) => httpApp(req, res));
  // These services notify through realtime, and realtime calls them: the getter closes the loop once both exist.
  const clustered = store.engine.kind === 'postgres';
  const realtime = createRealtime(httpServer, {
    store,
    events,
    sessions,
    services: () => ({ actions, wallControl, accounts, sources }),
    origins,
    log,
    clustered,
  });
  // Several nodes: broadcasts reach every node's clients through the database.
  const adapter = clustered ? await attachPostgresAdapter(realtime.io, database, log) : null;
  const node = clustered ? createClusterNode(realtime.io, log) : null;
  // Limits count for the whole cluster; one process counts in memory.
  const rateWindows = clustered ? databaseRateWindows(store.engine) : undefined;
  const actions = createModerationActions(store, realtime.notifier, now);
  const wallControl = createWallControl(store, events, realtime.notifier, now);
  const accounts = createAccounts(store.moderators, realtime.presence.onlineNames);
  const purge = createPurgeService({ store, events, notifier: realtime.notifier, uploadsDir, log, now });
  const intake = createIntake({
    store,
    events,
    notifier: realtime.notifier,
    log,
    contactTag,
    proxyImage: media.path,
    now,
  });
  const sources = createSourceManager({
    submit: intake.submit,
    revise: intake.revise,
    retract: intake.retract,
    memory: store.sourceState,
    shownSourceIds: store.items.shownSourceIds,
    has: async (event, source, sourceId) => store.items.exists(event, source, sourceId),
    optOuts: createOptOuts({ store, events, intake, log }),
    languages: (slug) => events.wallSettings(slug).languages,
    publicUrl: config.publicUrl,
    contactTag,
    images: createSourceImages(uploads, {
      maxBytes: config.media.maxBytes,
      timeoutMs: config.media.timeoutSeconds * 1000,
    }),
    log,
    onStatus: realtime.sourceStatus,
    ...(node ? { mayPull: () => node.leading, remoteStatuses: node.remoteStatuses } : {}),
  });
  node?.answerStatuses((event) => sources.statuses(event));

  /** What the source manager should run for an event: nothing once archived. */
  function sourcesOf(slug: string): EventSources | null {
    const event = catalog.get(slug);
    if (!event || event.archivedAt !== null) return null;
    const running = event.sources.map(({ id, config }) => ({ id, config }));
    return { slug, hashtags: event.config.hashtags, sources: running };
  }
  function syncSources(slug: string): Promise<void> {
    return sources.syncEvent(slug, sourcesOf(slug)).catch((error: unknown) => {
      log.error({ event: slug, err: error }, 'sources of the event could not be updated');
    });
  }
  // A change in the console applies at once: sources start, stop or restart; walls and consoles follow.
  catalog.onChange(async (slug: string, change: CatalogChange) => {
    try {
      // What the registry keeps of the event follows first, so walls and consoles get it as it now is.
      if (change === 'settings') await events.settingsChanged(slug);
      else await events.refresh(slug);
    } catch (error) {
      log.error({ event: slug, err: error }, 'the live settings of the event could not be read again');
    }
    void syncSources(slug);
    realtime.eventChanged(slug, change);
    if (change !== 'archived') events.warm(slug);
    realtime.bus.publish({ kind: 'event', slug, change });
  });
  // A change made on another node: this node reads it, and runs or stops what it runs of the event. Its clients
  // were told by the node that made it.
  realtime.bus.subscribe(async (news) => {
    if (news.kind === 'event') {
      await catalog.reload();
      if (catalog.get(news.slug)) await events.refresh(news.slug);
      realtime.forget(news.slug);
      await syncSources(news.slug);
    } else if (news.kind === 'address') {
      await publicAddress.load();
      for (const slug of events.slugs()) realtime.forget(slug);
    }
  });

  // Every open wall shows the new address and QR code at once.
  publicAddress.onChange(() => {
    realtime.publicAddressChanged();
    realtime.bus.publish({ kind: 'address' });
  });

  const clientDir = options.clientDir ?? defaultClientDir();
  const httpApp = createHttpApp({
    config,
    store,
    catalog,
    events,
    intake,
    sessions,
    firstRun,
    log,
    clientDir,
    media,
    uploads,
    purge,
    sourceRoutes: sources.routes,
    origins,
    publicAddress,
    ...(rateWindows ? { rateWindows } : {}),
    draining: () => draining,
  });

  let jobs: { stop(): Promise<void> } | null = null;
  let stopped: Promise<void> | null = null;
  let draining = false;
  /**
   * Work done once per cluster: the sources that pull and the timed jobs. One process does it all; on several
   * nodes, the node holding the lease does, and another takes over within 13 s of its death.
   */
  function startOncePerCluster(): LeaseRunner | null {
    const startJobs = () => startModerationJobs({ store, actions, purge, log, now }, options.jobIntervals);
    if (!node) {
      jobs = startJobs();
      return null;
    }
    return runUnderLease(
      store.engine,
      'once-per-cluster',
      node.id,
      {
        start(signal) {
          node.leading = true;
          jobs = startJobs();
          void syncAllSources();
          signal.addEventListener('abort', () => {
            node.leading = false;
            const stopping = jobs;
            jobs = null;
            void stopping?.stop().then(syncAllSources);
          });
        },
      },
      log,
      options.leaseTiming,
    );
  }
  const syncAllSources = () => Promise.all(catalog.all().map((event) => syncSources(event.slug)));
  let lease: LeaseRunner | null = null;

  async function stopOnce(): Promise<void> {
    if (node) {
      // The proxy sees /healthz fail and sends this node nothing new; then its clients are moved.
      draining = true;
      await new Promise((resolve) => setTimeout(resolve, options.drainMs ?? DRAIN_MS));
    }
    await lease?.stop();
    await jobs?.stop();
    await sources.stopAll();
    // A stopped source may still wait for the answer to its last items, and then save its cursor.
    await intake.drain();
    httpServer.closeIdleConnections();
    await realtime.close(); // also closes the HTTP server
    await intake.drain(); // what the last webhooks brought
    await sources.memorySaved();
    rateWindows?.stop();
    await adapter?.close();
    await store.close();
    log.info('stopped');
  }

  return {
    httpServer,
    store,
    catalog,
    events,
    publicAddress,
    intake,
    actions,
    purge,
    realtime,
    sources,
    async start() {
      // The store is read here, not in createApp: it answers asynchronously.
      // Nodes starting together seed and make the first admin one after the other.
      const firstStart = await oneNodeAtATime(store.engine, async () => {
        await seedFromFile(config.events, {
          store,
          catalog,
          log,
          now,
          ...(options.declarations ? { declarations: options.declarations } : {}),
        });
        return ensureAdmin(store.moderators, firstRun, options.adminPassword);
      });
      await Promise.all([publicAddress.load(), events.load()]);
      for (const slug of events.slugs()) events.warm(slug);
      // Push sources answer on every node at once; the pulling ones wait for the lease where there are several.
      await syncAllSources();
      lease = startOncePerCluster();
      return firstStart;
    },
    stop() {
      stopped ??= stopOnce();
      return stopped;
    },
  };
}
