/** The real app serving the built screens, and chromium, for one e2e file; both closed after its tests. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { ADMIN_PASSWORD, startServer, type StartOptions, type TestServer } from '../../integration/helpers/server.js';
import { CLIENT_DIR, launchBrowser } from './browser.js';

export interface AppAndBrowser {
  readonly server: TestServer;
  readonly browser: Browser;
}

/**
 * Call at the top of a file: the parts are there once its `beforeAll` has run (before the file's own, which may
 * use them). `options` go to the server, which serves the built screens.
 */
export function appAndBrowser(options: StartOptions = {}): AppAndBrowser {
  const parts = {} as { server: TestServer; browser: Browser };
  beforeAll(async () => {
    parts.server = await startServer({ clientDir: CLIENT_DIR, ...options });
    parts.browser = await launchBrowser();
  });
  afterAll(async () => {
    await parts.browser?.close();
    await parts.server?.close();
  });
  return parts;
}

/** Opens the console and signs in as the admin, in English or in French. */
export async function signInToConsole(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/moderation`);
  await page.getByLabel(/^(Name|Nom)$/).fill('admin');
  await page.getByLabel(/^(Password|Mot de passe)$/).fill(ADMIN_PASSWORD);
  await page.keyboard.press('Enter');
}
