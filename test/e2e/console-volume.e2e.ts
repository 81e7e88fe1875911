/**
 * The moderation console with a long queue, in Debian's chromium: it draws only the rows in view, and items that
 * arrive while a moderator reads leave the rows already drawn as they are (no re-render of the list per item) and
 * the selected row where it was.
 * Timings are the benchmark's business (bench/moderation); this checks what the page does.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appAndBrowser, signInToConsole } from './helpers/app.js';
import { screenshot } from './helpers/browser.js';

const EVENT = 'town-hall';
const PENDING = 1_000;
/** Few enough that most rows drawn before stay in view below them. */
const ARRIVING = 3;

const app = appAndBrowser();

async function queueMessages(from: number, count: number): Promise<void> {
  const outcomes = await Promise.all(
    Array.from({ length: count }, (_, index) =>
      app.server.app.intake.submit(EVENT, {
        format: 'web',
        payload: { name: `Personne ${from + index}`, message: `Question numéro ${from + index}` },
        meta: { idempotencyKey: `volume-${from + index}` },
      }),
    ),
  );
  expect(outcomes.every((outcome) => outcome.kind === 'stored')).toBe(true);
}

/** The tab's name, its count written as French writes numbers ("1 000"). */
const pendingTab = (count: number) => `En attente (${new Intl.NumberFormat('fr-FR').format(count)})`;

/** The rows in the page: the item each shows, and the item it showed when `markRows` ran, if it was there. */
const rows = (page: Page) =>
  page.locator('[role="row"][data-item-id]').evaluateAll((found) =>
    found.map((row) => ({
      id: row.getAttribute('data-item-id'),
      markedFor: row.getAttribute('data-murmure-mark'),
    })),
  );

const markRows = (page: Page) =>
  page.locator('[role="row"][data-item-id]').evaluateAll((found) => {
    for (const row of found) row.setAttribute('data-murmure-mark', row.getAttribute('data-item-id') ?? '');
  });

describe('a long queue', () => {
  it(
    'draws only the rows in view and keeps them, and the selection, as items arrive',
    { timeout: 60_000 },
    async () => {
      await queueMessages(1, PENDING);
      const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
      const page = await context.newPage();
      await signInToConsole(page, app.server.url);
      await page.getByRole('button', { name: pendingTab(PENDING) }).waitFor();
      await page.locator('[data-item-id][aria-selected="true"]').waitFor();

      const oldestFirst = (await rows(page))[0]?.id;
      // Newest first: each new item goes in at the top, above the rows already drawn.
      await page.getByLabel('Plus récents d’abord').check();
      await expect.poll(async () => (await rows(page))[0]?.id).not.toBe(oldestFirst);
      const before = await rows(page);
      expect(before.length).toBeGreaterThan(3);
      expect(before.length).toBeLessThan(40);
      await markRows(page);
      const selected = () => page.locator('[role="row"][aria-selected="true"]').getAttribute('data-item-id');
      const reading = await selected();

      await queueMessages(PENDING + 1, ARRIVING);
      await page.getByRole('button', { name: pendingTab(PENDING + ARRIVING) }).waitFor();
      await expect.poll(async () => (await rows(page)).map((row) => row.id)).toContain(String(PENDING + ARRIVING));
      const after = await rows(page);
      expect(after.length).toBeLessThan(40);
      // Rows drawn before and still in view are the same elements showing the same items: the new items were
      // drawn, the others only moved, not drawn again.
      const kept = after.filter((row) => row.markedFor !== null);
      expect(kept.length).toBeGreaterThanOrEqual(before.length - ARRIVING - 1);
      for (const row of kept) expect(row.id).toBe(row.markedFor);
      // The selected row is still the one the moderator was reading: a key pressed now acts on it, not on an arrival.
      expect(await selected()).toBe(reading);
      await screenshot(page, 'console-long-queue-1440x900.png');
      await context.close();
    },
  );
});
