/**
 * The moderation console in Debian's chromium: a queue of 20 items worked with the keyboard only, while a wall
 * in a second browser context shows exactly the approved ones.
 */
import { describe, expect, it } from 'vitest';
import { submit } from '../integration/helpers/clients.js';
import { appAndBrowser, signInToConsole } from './helpers/app.js';
import { screenshot } from './helpers/browser.js';

const app = appAndBrowser();

describe('keyboard moderation', () => {
  it('works a queue of 20 with the keyboard only and the wall shows exactly the approved ones', async () => {
    for (let i = 1; i <= 20; i++)
      await submit(app.server.url, 'town-hall', { name: `Personne ${i}`, message: `Question numéro ${i}` });
    const approved = new Set([1, 2, 4, 7, 8, 11, 15, 16, 19]);

    const consoleContext = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
    const page = await consoleContext.newPage();
    await signInToConsole(page, app.server.url);
    await page.getByRole('button', { name: /Pending \(20\)/ }).waitFor();
    await page.locator('[data-item-id][aria-selected="true"]').waitFor();

    for (let i = 1; i <= 20; i++) {
      await expect.poll(() => page.locator('[aria-selected="true"]').innerText()).toContain(`Question numéro ${i}`);
      await page.keyboard.press(approved.has(i) ? 'a' : 'r');
      await page.getByRole('button', { name: new RegExp(`Pending \\(${20 - i}\\)`) }).waitFor();
    }
    await page.getByRole('button', { name: /Approved \(9\)/ }).waitFor();
    await page.getByRole('button', { name: /Rejected \(11\)/ }).waitFor();

    // u undoes the last action: the last rejected item comes back to the queue.
    await page.keyboard.press('u');
    await page.getByRole('button', { name: /Pending \(1\)/ }).waitFor();
    await page.keyboard.press('r');
    await page.getByRole('button', { name: /Pending \(0\)/ }).waitFor();
    await page.keyboard.press('?');
    await page.getByRole('dialog').waitFor();
    await screenshot(page, 'console-help-1440x900.png');
    await page.keyboard.press('Escape');

    const wallContext = await app.browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const wall = await wallContext.newPage();
    await wall.goto(`${app.server.url}/w/town-hall?lang=en`);
    await wall.locator('[data-layout="mosaic"][data-connected="true"]').waitFor();
    await expect
      .poll(
        async () => {
          const ids = await wall
            .locator('[data-item-id]')
            .evaluateAll((cards) => cards.map((c) => c.textContent ?? ''));
          return [
            ...new Set(ids.flatMap((text) => [...text.matchAll(/Question numéro (\d+)/g)].map((m) => Number(m[1])))),
          ].sort((a, b) => a - b);
        },
        { timeout: 10_000 },
      )
      .toEqual([...approved].sort((a, b) => a - b));
    await page.getByRole('button', { name: /Approved \(9\)/ }).click();
    await screenshot(page, 'console-approved-1440x900.png');
    await consoleContext.close();
    await wallContext.close();
  });
});
