/**
 * The web view follows its visitor, in Debian's chromium: an English browser opens a French-first event in English;
 * a choice made with the language switch survives a reload. The room's wall keeps the event's language.
 */
import { describe, expect, it } from 'vitest';
import { appAndBrowser } from './helpers/app.js';

const app = appAndBrowser();

describe('web view language', () => {
  it('opens in the browser’s language, then keeps the visitor’s choice across reloads', async () => {
    const context = await app.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
    const page = await context.newPage();
    // The test event's languages are the default, French first.
    await page.goto(`${app.server.url}/e/town-hall`);
    await page.getByRole('group').getByRole('button', { name: 'English' }).waitFor();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');

    await page.getByRole('button', { name: 'Français' }).click();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('fr');
    await page.reload();
    await page.getByRole('button', { name: 'Français' }).waitFor();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.getByRole('button', { name: 'Français' }).getAttribute('aria-pressed')).toBe('true');

    // The full-screen wall is the room's: it stays in the event's language whatever this browser prefers or chose.
    const wall = await context.newPage();
    await wall.goto(`${app.server.url}/w/town-hall`);
    await wall.locator('[data-connected="true"]').waitFor();
    expect(await wall.getAttribute('html', 'lang')).toBe('fr');
    await context.close();
  });

  it('follows the event’s default when it does not offer the browser’s language', async () => {
    const context = await app.browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    await page.goto(`${app.server.url}/e/town-hall`);
    await page.getByRole('button', { name: 'Français' }).waitFor();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('fr');
    await context.close();
  });
});
