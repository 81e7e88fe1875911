/**
 * The console in words people understand, in Debian's chromium: the Sources view names each source by its number,
 * its instances or its hashtags (never `town-hall/3:x`), and says a failing source's problem in French.
 */
import { describe, expect, it } from 'vitest';
import { appAndBrowser, signInToConsole } from './helpers/app.js';
import { screenshot } from './helpers/browser.js';

const app = appAndBrowser({
  events: [
    {
      slug: 'town-hall',
      title: 'Town hall',
      hashtags: ['TownHall'],
      sources: [
        { kind: 'web' },
        { kind: 'sms-gateway', phoneNumber: '+33612345678', secret: 's3cret' },
        // Nothing listens on port 9: the source fails, and the console says why in its language.
        { kind: 'x', bearerToken: 't', apiBase: 'http://127.0.0.1:9', mode: 'search' },
        { kind: 'mastodon', instances: [{ url: 'http://127.0.0.1:9' }], pollSeconds: 0.05 },
      ],
    },
  ],
});

describe('sources named for people', () => {
  it('shows names, states and errors in French, and no source key', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
    const page = await context.newPage();
    await signInToConsole(page, app.server.url);
    // Beside the queue, the sources at a glance, by the same names.
    const aside = page.locator('aside');
    await aside.getByText('SMS +33 6 12 34 56 78').waitFor();
    expect(await aside.innerText()).not.toMatch(/\/\d+:/);
    await page
      .getByRole('navigation')
      .getByRole('button', { name: /^Sources/ })
      .click();
    const view = page.locator('.page', { has: page.getByRole('heading', { name: 'État des sources' }) });
    await view.getByText('SMS +33 6 12 34 56 78').waitFor();
    await view.getByText('X\u00a0: #TownHall').waitFor();
    await view.getByText('Mastodon\u00a0: 127.0.0.1:9').waitFor();
    await view.getByText('Formulaire web').first().waitFor();
    // The failing X source: its problem in French; the system's own words stay on the admin's line.
    const x = view.locator('[data-source-health="x"]');
    await expect
      .poll(() => x.innerText(), { timeout: 10_000 })
      .toContain('Dernière erreur\u00a0: 127.0.0.1:9 injoignable');
    expect(await x.innerText()).toContain('En échec');
    await screenshot(page, 'console-sources-fr-1440x900.png');
    const text = await view.innerText();
    expect(text).not.toMatch(/\/\d+:/);
    expect(text).not.toContain('town-hall/');
    await context.close();
  });
});
