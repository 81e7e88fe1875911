/**
 * The configuration file seeds the database: an event it declares is written when new, or when its declaration
 * changed since it was last written (its hash differs), so those who automate with the file keep control of
 * what they declare. Otherwise the database, and so the console, wins. An event that left the file is archived:
 * its items stay, its wall and sources stop.
 */
import { createHash } from 'node:crypto';
import type { EventConfig } from '../config/index.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/index.js';
import type { EventCatalog } from './catalog.js';

function declarationHash(event: EventConfig): string {
  return createHash('sha256').update(JSON.stringify(event)).digest('base64url');
}

export function seedFromFile(
  fileEvents: readonly EventConfig[],
  deps: { store: Store; catalog: EventCatalog; log: Logger; now?: () => number },
): void {
  const { store, catalog, log, now = Date.now } = deps;
  const rows = new Map(store.events.list().map((row) => [row.slug, row]));
  for (const event of fileEvents) {
    const hash = declarationHash(event);
    const row = rows.get(event.slug);
    if (row?.file_hash === hash) continue;
    catalog.writeFromFile(event, hash);
    log.info({ event: event.slug }, row ? 'event updated from the configuration file' : 'event added from the file');
  }
  const declared = new Set(fileEvents.map((event) => event.slug));
  for (const row of rows.values()) {
    if (row.origin !== 'file' || declared.has(row.slug) || row.archived_at !== null) continue;
    store.events.setArchived(row.slug, now());
    log.info({ event: row.slug }, 'event no longer in the configuration file: archived');
  }
  catalog.reload();
}
