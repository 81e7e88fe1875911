/**
 * Purging an event's data (GDPR: the audience's messages and the tags of their numbers are kept no longer than
 * needed): on an admin's request, or automatically past the event's retention period. Uploaded photos go too,
 * unless another item still shows them.
 */
import { rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { PurgeReport } from '../protocol/moderation.js';
import type { EventRegistry } from '../events/registry.js';
import type { Store } from '../store/index.js';
import type { PurgeResult } from '../store/purge.js';
import type { Notifier } from '../realtime/notifier.js';
import type { Logger } from '../log.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export function createPurgeService(deps: {
  store: Store;
  events: EventRegistry;
  notifier: Notifier;
  uploadsDir: string;
  log: Logger;
  now?: () => number;
}) {
  const { store, events, notifier, uploadsDir, log, now = Date.now } = deps;

  async function finish(event: string, result: PurgeResult): Promise<PurgeReport> {
    // The store gives only the photos no remaining item shows.
    for (const url of result.uploads) {
      await store.uploads.remove(basename(url));
      // A photo of an earlier version may still be a file of the data folder.
      rmSync(join(uploadsDir, basename(url)), { force: true });
    }
    // Banned and trusted authors and the announcement may be gone: the registry reads them again.
    await events.refresh(event);
    notifier.wallSettings(event, events.wallSettings(event), { resynchronise: true });
    notifier.wallAnnouncement(event, events.announcement(event));
    return { items: result.items, logEntries: result.logEntries, mediaFiles: result.uploads.length };
  }

  return {
    /** Everything of the event, as an admin asked. */
    async event(event: string, by: string): Promise<PurgeReport> {
      const report = await finish(event, await store.purge.event(event));
      log.warn({ event, by, ...report }, 'event data purged');
      return report;
    },

    /** Items past each event's retention period; run periodically. */
    async expired(): Promise<void> {
      for (const event of events.allSlugs()) {
        const days = events.ruleBook.settings(event).retentionDays;
        if (days === null) continue;
        const result = await store.purge.olderThan(event, now() - days * DAY_MS);
        if (result.items === 0) continue;
        log.info({ event, days, ...(await finish(event, result)) }, 'items past the retention period purged');
      }
    },
  };
}

export type PurgeService = ReturnType<typeof createPurgeService>;
