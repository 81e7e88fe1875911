/**
 * The set-up page in Debian's chromium: two problems show at once, each next to its field and in the page's
 * language, and each goes as soon as its field is fixed, the other staying until its own is.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appAndBrowser } from './helpers/app.js';
import { screenshot } from './helpers/browser.js';

const app = appAndBrowser({ adminPassword: null });

/** The field's error as a screen reader reaches it (aria-describedby), or null while the field is valid. */
async function errorOf(page: Page, label: string): Promise<string | null> {
  const input = page.getByLabel(label, { exact: true });
  if ((await input.getAttribute('aria-invalid')) !== 'true') return null;
  const id = await input.getAttribute('aria-describedby');
  return page.locator(`[id="${id}"]`).innerText();
}

describe('set-up page errors', () => {
  it('shows two problems at once and clears each as soon as its field is fixed', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`${app.server.url}/moderation/setup#token=${app.server.setupToken}`);
    await page.getByRole('heading', { name: 'Première configuration' }).waitFor();

    await page.getByLabel('Nom de l’administrateur').fill('a');
    await page.getByLabel('Mot de passe', { exact: true }).fill('court');
    await page.getByLabel('Confirmez le mot de passe').fill('court');
    await page.getByRole('button', { name: 'Créer le compte administrateur' }).click();
    await expect.poll(() => errorOf(page, 'Nom de l’administrateur')).toBe('Au moins 2 caractères.');
    expect(await errorOf(page, 'Mot de passe')).toBe('Au moins 10 caractères.');
    await screenshot(page, 'setup-two-errors-fr-1280x900.png');

    // Fixing the name takes its error away while typing; the password's stays.
    await page.getByLabel('Nom de l’administrateur').fill('Organisatrice');
    await expect.poll(() => errorOf(page, 'Nom de l’administrateur')).toBeNull();
    expect(await errorOf(page, 'Mot de passe')).toBe('Au moins 10 caractères.');

    // Still too short while typing: the same problem; long enough: gone.
    await page.getByLabel('Mot de passe', { exact: true }).fill('encore-co');
    expect(await errorOf(page, 'Mot de passe')).toBe('Au moins 10 caractères.');
    await page.getByLabel('Mot de passe', { exact: true }).fill('une-phrase-de-passe-solide');
    await expect.poll(() => errorOf(page, 'Mot de passe')).toBeNull();
    await context.close();
  });
});
