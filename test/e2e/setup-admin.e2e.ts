/**
 * Set-up in the browser, in Debian's chromium: from an empty data folder, the organiser completes the first run,
 * creates an event (a refused accent colour shows its reason next to the field, in English then French), adds a
 * Mastodon source pointing at the fake instance and tests it, and without a restart a post arrives, is approved in
 * the console and shows on the new event's wall. Screenshots of each set-up screen land in test-output/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type TestServer } from '../integration/helpers/server.js';
import { startMastodon } from '../integration/fakes/mastodon.js';
import { CLIENT_DIR, launchBrowser, screenshot } from './helpers/browser.js';
import { seriousViolations } from './helpers/axe.js';

const CLIENT = process.env.E2E_CLIENT_DIR ?? CLIENT_DIR;
const PASSWORD = 'une-phrase-de-passe-solide';
const SLUG = 'debat-public-2026';

let browser: Browser;
let server: TestServer;
let mastodon: Awaited<ReturnType<typeof startMastodon>>;

beforeAll(async () => {
  browser = await launchBrowser();
  mastodon = await startMastodon();
  // The file declares one event (shown as such); the data folder is new, so set-up starts with a token.
  server = await startServer({ adminPassword: null, clientDir: CLIENT });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await mastodon?.close();
});

async function firstRun(): Promise<Page> {
  // axe-core is injected as a script, which the page's CSP (script-src 'self') would rightly refuse otherwise.
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
    bypassCSP: true,
  });
  const page = await context.newPage();
  await page.goto(`${server.url}/moderation/setup#token=${server.setupToken}`);
  await page.getByRole('radio', { name: 'English' }).check();
  await page.getByLabel('Admin name').fill('Organiser');
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm the password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create the admin account' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return page;
}

/** The field's error text, found through the input's aria-describedby as a screen reader would. */
async function errorOf(page: Page, label: string): Promise<string> {
  const input = page.getByLabel(label, { exact: true });
  await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
  const id = await input.getAttribute('aria-describedby');
  return page.locator(`[id="${id}"]`).innerText();
}

describe('set-up in the console', () => {
  it('creates an event and a Mastodon source, and an approved post reaches the new wall', async () => {
    const page = await firstRun();
    await page.getByRole('navigation').getByRole('button', { name: 'Events' }).click();
    const fileEvent = page.locator('[data-event="town-hall"]');
    await fileEvent.getByText('From the configuration file').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'setup-admin-events-en-1280x900.png');

    // The event form: the slug follows the title, the server refuses the colour next to its field.
    await page.getByRole('button', { name: 'New event' }).click();
    await page.getByLabel('Title', { exact: true }).fill('Débat public 2026');
    expect(await page.getByLabel('Short name in the links').inputValue()).toBe(SLUG);
    await page.getByLabel('Hashtags').fill('#DebatPublic, ag2026');
    await page.getByLabel('Accent colour').fill('blue');
    await page.getByRole('button', { name: 'Create the event' }).click();
    expect(await errorOf(page, 'Accent colour')).toMatch(/hex/iu);
    expect(await page.evaluate('document.activeElement?.getAttribute("aria-invalid")')).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'setup-admin-event-form-error-en-1280x900.png');

    await page.locator('header').getByRole('button', { name: /^FR/u }).click();
    await page.getByRole('button', { name: 'Créer l’événement' }).waitFor();
    expect(await errorOf(page, 'Couleur d’accent')).not.toMatch(/must be/iu);
    await screenshot(page, 'setup-admin-event-form-error-fr-1280x900.png');

    await page.getByLabel('Couleur d’accent').fill('#ff0066');
    await page.getByRole('button', { name: 'Créer l’événement' }).click();
    const links = page.locator('[data-links-panel]');
    await links.getByRole('img', { name: /QR code du lien « Mur »/u }).waitFor();
    expect(await links.getByRole('link').first().getAttribute('href')).toBe(`${server.url}/w/${SLUG}`);
    // Each QR code image loaded (a string: this runs in the page, and the tests are checked without the DOM types).
    const loaded =
      '[...document.querySelectorAll("[data-links-panel] img")].filter((i) => i.complete && i.naturalWidth > 0).length';
    await expect.poll(() => page.evaluate(loaded)).toBe(3);
    await screenshot(page, 'setup-admin-links-fr-1280x900.png');
    // The new event is in the header's event picker at once (events:changed).
    await page.locator('header select').locator(`option[value="${SLUG}"]`).waitFor({ state: 'attached' });

    // A Mastodon source: the form in plain words, a real test against the fake instance, then saved.
    await page.getByRole('button', { name: /Retour aux événements/u }).click();
    await page
      .locator(`[data-event="${SLUG}"]`)
      .getByRole('button', { name: /Sources/u })
      .click();
    await page.getByRole('button', { name: 'Ajouter une source' }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /Mastodon/u })
      .click();
    const form = page.locator('[data-source-form]');
    await form.getByLabel('Adresse du serveur').fill(mastodon.url);
    await form.getByText('Réglages avancés', { exact: true }).last().click();
    await form.getByLabel('Secondes entre deux consultations d’un serveur').fill('0.2');
    await form.getByRole('button', { name: 'Tester' }).click();
    await form.locator('[data-test-result]').waitFor({ timeout: 15_000 });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'setup-admin-source-form-test-fr-1280x900.png');
    await form.getByRole('button', { name: 'Ajouter la source' }).click();

    const card = page.locator('[data-source-card="mastodon"]');
    await card.waitFor();
    await card.getByRole('button', { name: 'Tester' }).click();
    const result = card.locator('[data-test-result]');
    await result.waitFor({ timeout: 15_000 });
    // The instance answers; what the check found is worded in the console's language.
    expect(await result.innerText()).toContain('Test réussi');
    expect(await result.innerText()).toContain('consulté à intervalles réguliers');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'setup-admin-sources-test-fr-1280x900.png');
    await page.locator('header').getByRole('button', { name: /^EN/u }).click();
    await card.getByText(/Test passed|Test failed/u).waitFor();
    await screenshot(page, 'setup-admin-sources-test-en-1280x900.png');
    expect(await result.innerText()).toContain('Test passed');

    // Without a restart, a post on the instance reaches the queue; approved in the console, it shows on the wall.
    const wall = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    await wall.goto(`${server.url}/w/${SLUG}?lang=en`);
    await wall.locator('[data-layout][data-connected="true"]').waitFor();
    mastodon.publish({ text: 'Première question', tags: ['DebatPublic'] });
    await page.locator('header select').selectOption(SLUG);
    await page.getByRole('navigation').getByRole('button', { name: 'Messages' }).click();
    await page.getByRole('button', { name: /Pending \(1\)/u }).waitFor({ timeout: 15_000 });
    await page.locator('[data-item-id][aria-selected="true"]').waitFor();
    await page.keyboard.press('a');
    await page.getByRole('button', { name: /Approved \(1\)/u }).waitFor();
    await wall.getByText('Première question').waitFor({ timeout: 10_000 });
    await screenshot(wall, 'setup-admin-wall-1280x720.png');

    // Archiving the event being moderated moves the console to the other one; with none left, the admin lands
    // on the events, where either can be restored.
    await page.getByRole('navigation').getByRole('button', { name: 'Events' }).click();
    await page.locator(`[data-event="${SLUG}"]`).getByRole('button', { name: 'Archive' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Archive' }).click();
    await page.locator('header').getByText('Town hall').waitFor();
    // Its wall, still open on the projector, clears and says the event is over.
    await wall.getByText('This event has ended').waitFor();
    expect(await wall.getByText('Première question').count()).toBe(0);
    await screenshot(wall, 'setup-admin-wall-ended-1280x720.png');
    await page.locator('[data-event="town-hall"]').getByRole('button', { name: 'Archive' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Archive' }).click();
    await page.getByText('No event yet. Create the first one', { exact: false }).waitFor();
    await page.getByRole('navigation').waitFor({ state: 'detached' });
    expect(await page.getByRole('button', { name: 'Restore' }).count()).toBe(2);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'setup-admin-all-archived-en-1280x900.png');
    await wall.context().close();
    await page.context().close();
  });
});
