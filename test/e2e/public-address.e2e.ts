/**
 * The public address in Debian's chromium: started without one, the wall shows the room no loopback address and
 * no QR code of one (the hashtag and the SMS number only) and the console warns on every screen that hands out
 * links; the admin picks an address in the console and the open wall's panel and QR code follow at once.
 */
import { createRequire } from 'node:module';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './helpers/browser.js';
import { appAndBrowser, signInToConsole } from './helpers/app.js';
import { seriousViolations } from './helpers/axe.js';

const app = appAndBrowser({
  events: [
    {
      slug: 'town-hall',
      title: 'Grand débat',
      hashtags: ['GrandDebat'],
      sources: [
        { kind: 'web' as const },
        { kind: 'sms-gateway' as const, phoneNumber: '+33 6 39 98 00 00', secret: 's3cret-s3cret' },
      ],
    },
  ],
});

/** jsqr's decoder: CommonJS whose types declare a default export; required, the module is the function itself. */
type DecodeQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = createRequire(import.meta.url)('jsqr') as DecodeQr;

const LOOPBACK = /localhost|127\.0\.0\.1|\[::1\]|0\.0\.0\.0/;

/** The text a QR code on the page says, read from its pixels as a phone would. */
async function readQr(page: Page, selector: string): Promise<string | null> {
  const png = PNG.sync.read(await page.locator(selector).screenshot());
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

describe('the public address', () => {
  it('keeps loopback addresses off the wall, and the open wall follows the address set in the console', async () => {
    const wall = await app.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await wall.goto(`${app.server.url}/w/town-hall?lang=fr`);
    await wall.locator('[data-layout][data-connected="true"]').waitFor();
    const panel = wall.locator('[data-participation]');
    await expect.poll(() => panel.innerText()).toContain('#GrandDebat');
    expect(await panel.innerText()).toContain('+33 6 39 98 00 00');
    expect(await wall.locator('[data-participation] img').count()).toBe(0);
    expect(await wall.content()).not.toMatch(LOOPBACK);
    await screenshot(wall, 'public-address-wall-loopback.png');

    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const console = await context.newPage();
    await signInToConsole(console, app.server.url);
    await console.getByRole('button', { name: /^(Wall|Mur)$/ }).click();
    await console.locator('[data-address-warning="loopback"]').waitFor();
    await console.getByRole('button', { name: /^(Events|Événements)$/ }).click();
    const address = console.locator('[data-address-panel]');
    await address.waitFor();
    expect(await console.locator('[data-address-warning="loopback"]').count()).toBe(1);
    expect(await address.locator('[data-address-in-use]').getAttribute('data-address-in-use')).toBe('loopback');
    await screenshot(console, 'public-address-console-loopback.png');
    expect(await seriousViolations(console)).toEqual([]);

    const port = new URL(app.server.url).port;
    await address.getByRole('textbox').fill(`192.168.1.20:${port}`);
    await address.getByRole('button', { name: /^(Save|Enregistrer)$/ }).click();
    await console.locator('[data-address-in-use="local"]').waitFor();
    await console.locator('[data-address-warning="local"]').waitFor();
    expect(await console.locator('[data-address-warning="loopback"]').count()).toBe(0);
    await screenshot(console, 'public-address-console-local.png');

    // The wall opened before the change shows the new address and its QR code without a reload.
    const expected = `http://192.168.1.20:${port}/e/town-hall`;
    await wall.locator('[data-participation] .qr img').waitFor({ timeout: 5000 });
    await expect.poll(() => readQr(wall, '[data-participation] .qr img'), { timeout: 5000 }).toBe(expected);
    expect(await panel.innerText()).toContain(`192.168.1.20:${port}/e/town-hall`);
    expect(await wall.content()).not.toMatch(LOOPBACK);
    await screenshot(wall, 'public-address-wall-local.png');
    await context.close();
    await wall.close();
  });
});
