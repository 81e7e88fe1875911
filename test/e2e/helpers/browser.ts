/**
 * Debian's chromium driven by playwright-core (no browser download). The networking flags keep chromium from
 * calling home, which on a closed network floods the log with refused connections.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Screenshots land here for a person to look at. */
export const OUTPUT_DIR = fileURLToPath(new URL('../../../test-output/', import.meta.url));

/** The built Svelte apps (`npm run build`, run by `npm test` before the tests). */
export const CLIENT_DIR = fileURLToPath(new URL('../../../dist/client/', import.meta.url));

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

export function screenshotPath(name: string): string {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  return join(OUTPUT_DIR, name);
}

/** Waits for entry animations to finish, then writes a screenshot for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  // A string, because this runs in the page and the test code is type-checked without the DOM library.
  await page.evaluate('Promise.all(document.getAnimations().map((animation) => animation.finished))');
  await page.screenshot({ path: screenshotPath(name) });
}
