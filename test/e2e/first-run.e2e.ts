/**
 * First run in Debian's chromium: from an empty data folder, the set-up link the server prints opens the set-up
 * page with its token filled in; the organiser completes it in French and lands in the console, signed in.
 * Screenshots of the page in French and English, and an axe-core check of both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { SetupStatus } from '../../server/protocol/api.js';
import { startServer, type TestServer } from '../integration/helpers/server.js';
import { CLIENT_DIR, launchBrowser, screenshot } from './helpers/browser.js';
import { seriousViolations } from './helpers/axe.js';

/** Another build of the client than dist/client can be tested (one built while a benchmark reads dist/client). */
const CLIENT = process.env.E2E_CLIENT_DIR ?? CLIENT_DIR;
const PASSWORD = 'une-phrase-de-passe-solide';

let browser: Browser;
let server: TestServer;
let setupUrl: string;

beforeAll(async () => {
  browser = await launchBrowser();
  // No preset password: the server opens set-up with a one-time token, as on a real first start.
  server = await startServer({ adminPassword: null, clientDir: CLIENT });
  // The link main.ts prints: the token in the fragment, which the browser never sends to the server.
  setupUrl = `${server.url}/moderation/setup#token=${server.setupToken}`;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openSetup(locale: string): Promise<Page> {
  // axe-core is injected as a script: the page's CSP (script-src 'self') would rightly refuse it otherwise.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(setupUrl);
  return page;
}

describe('first run', () => {
  it('shows an accessible set-up page in French and English, with the token filled in', async () => {
    const page = await openSetup('fr-FR');
    await page.getByRole('heading', { name: 'Première configuration' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.getByLabel('Jeton de configuration').inputValue()).toBe(server.setupToken);
    // With the token there, the first field to fill has the focus.
    expect(await page.evaluate('document.activeElement?.getAttribute("autocomplete")')).toBe('new-password');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'setup-fr-1280x900.png');

    await page.getByRole('radio', { name: 'English' }).check();
    await page.getByRole('heading', { name: 'First set-up' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'setup-en-1280x900.png');
    // Errors next to their fields, in the page's language, before anything is sent.
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Create the admin account' }).click();
    await page.locator('.error', { hasText: 'At least 10 characters.' }).waitFor();
    expect(await page.getByLabel('Password', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'setup-en-errors-1280x900.png');
    expect(await status()).toEqual({ needed: true, language: null });
    await page.context().close();
  });

  it('refuses a wrong token next to its field, then creates the admin in French and opens the console', async () => {
    const page = await openSetup('en-GB');
    await page.getByRole('radio', { name: 'Français' }).check();
    await page.getByRole('heading', { name: 'Première configuration' }).waitFor();
    const token = page.getByLabel('Jeton de configuration');
    await token.fill('AAAA-BBBB-CCCC');
    await page.getByLabel('Nom de l’administrateur').fill('Organisatrice');
    await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Confirmez le mot de passe').fill(PASSWORD + '!');
    await page.getByRole('button', { name: 'Créer le compte administrateur' }).click();
    await page.getByText('Les deux mots de passe diffèrent.').waitFor();

    await page.getByLabel('Confirmez le mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Créer le compte administrateur' }).click();
    await page.getByText(/Ce n’est pas le jeton affiché/).waitFor();
    expect(await page.evaluate('document.activeElement?.getAttribute("name")')).toBe('setup-token');
    await screenshot(page, 'setup-fr-wrong-token-1280x900.png');

    await token.fill(server.setupToken!);
    await page.getByRole('button', { name: 'Créer le compte administrateur' }).click();
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await page.getByText('Compte «\u00a0Organisatrice\u00a0» créé. Bienvenue\u00a0!').waitFor();
    // The spent token is gone from the address bar, and the console is connected as the new admin.
    expect(new URL(page.url()).pathname + new URL(page.url()).hash).toBe('/moderation');
    await page.getByText('Session de Organisatrice').waitFor({ state: 'attached' });
    expect(await server.app.store.moderators.list()).toEqual([
      expect.objectContaining({ name: 'Organisatrice', role: 'admin' }),
    ]);
    expect(await status()).toEqual({ needed: false, language: 'fr' });
    await screenshot(page, 'setup-fr-done-1280x900.png');

    // The set-up link no longer leads anywhere but the console.
    await page.goto(setupUrl);
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await page.context().close();

    // A new browser without a language of its own starts in the language chosen at set-up, on the sign-in page.
    const other = await openSetup('en-GB');
    await other.getByRole('button', { name: 'Se connecter' }).waitFor();
    expect(await other.getAttribute('html', 'lang')).toBe('fr');
    await other.context().close();
  });
});

async function status(): Promise<SetupStatus> {
  return (await (await fetch(`${server.url}/api/setup`)).json()) as SetupStatus;
}
