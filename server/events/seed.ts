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

/**
 * The hash of an event's declaration: as the file writes it when known (`declarations`, from `loadConfig`), so
 * that a default added or changed by a new release does not count as a change of the file and undo the console's
 * edits; else the parsed event (tests and callers that build the configuration themselves).
 */
function declarationHash(event: EventConfig, declarations: Readonly<Record<string, string>>): string {
  return createHash('sha256')
    .update(declarations[event.slug] ?? JSON.stringify(event))
    .digest('base64url');
}

export async function seedFromFile(
  fileEvents: readonly EventConfig[],
  deps: {
    store: Store;
    catalog: EventCatalog;
    log: Logger;
    now?: () => number;
    /** Each event as the file writes it, by slug (`loadConfig`'s `declarations`). */
    declarations?: Readonly<Record<string, string>>;
  },
): Promise<void> {
  const { store, catalog, log, now = Date.now, declarations = {} } = deps;
  const rows = new Map((await store.events.list()).map((row) => [row.slug, row]));
  for (const event of fileEvents) {
    const hash = declarationHash(event, declarations);
    const row = rows.get(event.slug);
    if (row?.file_hash === hash) continue;
    await catalog.writeFromFile(event, hash);
    log.info({ event: event.slug }, row ? 'event updated from the configuration file' : 'event added from the file');
  }
  const declared = new Set(fileEvents.map((event) => event.slug));
  for (const row of rows.values()) {
    if (row.origin !== 'file' || declared.has(row.slug) || row.archived_at !== null) continue;
    await store.events.setArchived(row.slug, now());
    log.info({ event: row.slug }, 'event no longer in the configuration file: archived');
  }
  await catalog.reload();
}
