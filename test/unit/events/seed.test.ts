/**
 * The file's events are written again only when the file's declaration changes, not when a new release changes a
 * default: a console edit to an event declared in the file survives an upgrade.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventSchema } from '../../../server/config/schema.js';
import { createEventCatalog } from '../../../server/events/catalog.js';
import { seedFromFile } from '../../../server/events/seed.js';
import { silentLogger } from '../../../server/log.js';
import { createSecretBox } from '../../../server/security/secrets.js';
import { openStore, type Store } from '../../../server/store/index.js';

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'murmure-seed-'));
  store = await openStore(join(dir, 'murmure.db'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const written = { slug: 'town-hall', title: 'Town hall', hashtags: ['TownHall'] };

async function seed(event: ReturnType<typeof eventSchema.parse>, declaration: object) {
  const catalog = createEventCatalog({ store, box: createSecretBox(Buffer.alloc(32, 7)), log: silentLogger() });
  await seedFromFile([event], {
    store,
    catalog,
    log: silentLogger(),
    declarations: { [event.slug]: JSON.stringify(declaration) },
  });
  return catalog;
}

describe('seedFromFile', () => {
  it('keeps a console edit when only a default changed, and takes the file again when the file changed', async () => {
    const first = await seed(eventSchema.parse(written), written);
    await first.updateEvent('town-hall', { ...written, title: 'Grand débat (edited in the console)' });

    // The same declaration, parsed by a release whose defaults differ: nothing the file says has changed.
    const newDefaults = eventSchema.parse({ ...written, moderation: { holdSeconds: 45 } });
    const upgraded = await seed(newDefaults, written);
    expect(upgraded.get('town-hall')?.config.title).toBe('Grand débat (edited in the console)');

    const changed = { ...written, title: 'Town hall, second day' };
    const reseeded = await seed(eventSchema.parse(changed), changed);
    expect(reseeded.get('town-hall')?.config.title).toBe('Town hall, second day');
  });
});
