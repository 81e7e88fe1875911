/**
 * What one node tells the others so that what they keep in memory follows a change made on it: an event edited in
 * the console, a rule, the public address, a wall's snapshot gone stale. Clients are reached by the adapter; this
 * is between servers only (`serverSideEmit` goes to every other node, never back to the sender). With one process
 * there is no one to tell, and publishing does nothing.
 */
import type { Server } from 'socket.io';
import type { CatalogChange } from '../events/catalog.js';
import type { Logger } from '../log.js';

export type ClusterNews =
  | { kind: 'event'; slug: string; change: CatalogChange }
  | { kind: 'rules'; slug: string }
  | { kind: 'wall'; slug: string; refresh: boolean }
  | { kind: 'address' };

const CHANNEL = 'murmure:news';

export interface ClusterBus {
  publish(news: ClusterNews): void;
  /** `handler` hears what the other nodes publish. */
  subscribe(handler: (news: ClusterNews) => void | Promise<void>): void;
}

export function createClusterBus(io: Server | null, log: Logger): ClusterBus {
  if (!io) return { publish: () => undefined, subscribe: () => undefined };
  return {
    publish(news) {
      io.serverSideEmit(CHANNEL, news);
    },
    subscribe(handler) {
      io.on(CHANNEL, (news: ClusterNews) => {
        Promise.resolve(handler(news)).catch((error: unknown) =>
          log.error({ err: error, news }, 'a change made on another node could not be followed here'),
        );
      });
    },
  };
}
