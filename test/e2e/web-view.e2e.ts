/**
 * The web view on a phone, in Debian's chromium: live feed, held new items, older pages, the contribute form
 * with a photo, and an axe-core accessibility check in French and in English.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type TestServer } from '../integration/helpers/server.js';
import { PNG_1X1 } from '../integration/fakes/image-host.js';
import { CLIENT_DIR, launchBrowser, screenshot } from './helpers/browser.js';
import { startModerator, type Moderator } from './helpers/moderator.js';
import { seriousViolations } from './helpers/axe.js';

const PHONE = { width: 390, height: 844 };

let browser: Browser;
let server: TestServer;
let moderator: Moderator;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startServer({ clientDir: CLIENT_DIR });
  moderator = await startModerator(server);
  for (let i = 1; i <= 25; i++) await moderator.publish(`Message numéro ${i} #TownHall`, `Auteur ${i}`);
});
afterAll(async () => {
  moderator?.close();
  await browser?.close();
  await server?.close();
});

async function openWebView(lang: 'fr' | 'en'): Promise<Page> {
  // axe-core is injected as a script: the page's CSP (script-src 'self') would rightly refuse it otherwise.
  const context = await browser.newContext({
    viewport: PHONE,
    locale: lang === 'fr' ? 'fr-FR' : 'en-GB',
    bypassCSP: true,
  });
  const page = await context.newPage();
  await page.goto(`${server.url}/e/town-hall?lang=${lang}`);
  await page.getByText('Message numéro 25').waitFor();
  return page;
}

describe('web view', () => {
  for (const lang of ['fr', 'en'] as const) {
    it(`has no serious or critical accessibility violation (${lang})`, async () => {
      const page = await openWebView(lang);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `web-view-${lang}-390x844.png`);
      await page.context().close();
    });
  }

  it('puts new items at the top, holds them while the reader scrolls, and loads older pages', async () => {
    const page = await openWebView('en');
    const fresh = await moderator.publish('Fresh at the top');
    await page.getByText('Fresh at the top').waitFor({ timeout: 3000 });

    await page.mouse.wheel(0, 2500);
    await expect.poll(() => page.evaluate('scrollY')).toBeGreaterThan(300);
    await moderator.publish('Held while reading');
    const newItems = page.getByRole('button', { name: /new (item|message)/i });
    await newItems.waitFor({ timeout: 3000 });
    expect(await page.getByText('Held while reading').count()).toBe(0);
    await newItems.click();
    await page.getByText('Held while reading').waitFor();

    await moderator.act('hide', fresh.id);
    await expect.poll(() => page.getByText('Fresh at the top').count(), { timeout: 2000 }).toBe(0);

    const older = page.getByRole('button', { name: /older/i });
    while ((await page.getByText(/^Message numéro 1 #TownHall$/).count()) === 0 && (await older.count()) > 0) {
      await older.click();
    }
    await page.getByText(/^Message numéro 1 #TownHall$/).waitFor();
    await page.context().close();
  });

  it('sends a message with a photo and says it will be shown after moderation', async () => {
    const page = await openWebView('fr');
    await page.getByLabel('Votre nom').fill('Ana');
    await page.getByLabel(/Votre message/).fill('Vue depuis le balcon');
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'balcon.png', mimeType: 'image/png', buffer: PNG_1X1 });
    await page.getByRole('button', { name: 'Envoyer' }).click();
    await page
      .getByText(/affiché après modération/)
      .first()
      .waitFor();
    const queued = (await server.app.store.items.queue('town-hall', 'pending', 10)).items.find(
      (i) => i.text === 'Vue depuis le balcon',
    );
    expect(queued?.media[0]?.url).toMatch(/^\/media\/uploads\/[0-9a-f]{64}\.png$/);

    await page.getByLabel(/Votre message/).fill('');
    await page.getByRole('button', { name: 'Envoyer' }).click();
    await page
      .getByText('Écrivez un message.')
      .or(page.getByText(/message.*(vide|requis|obligatoire)/i))
      .first()
      .waitFor();
    await page.context().close();
  });
});
