/**
 * The wall's background in Debian's chromium: with none chosen it follows the mode (a light wall is light, on a
 * screen and in the console's preview), a colour set in the console's wall view reaches the preview live, and
 * the preview is the real wall at 1920 × 1080, scaled to its panel.
 */
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appAndBrowser, signInToConsole } from './helpers/app.js';
import { screenshot } from './helpers/browser.js';
import { startModerator, type Moderator } from './helpers/moderator.js';

const app = appAndBrowser();
let moderator: Moderator;

beforeAll(async () => {
  moderator = await startModerator(app.server);
  await moderator.publish('Bienvenue à toutes et à tous #TownHall', 'Claire');
  await moderator.publish('Quand le compte rendu sera-t-il publié ?', 'Yannick');
});
afterAll(() => moderator?.close());

/** WCAG relative luminance of a computed `rgb(…)` colour. */
function luminance(css: string): number {
  const [r, g, b] = (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((part) => {
    const c = Number(part) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The wall's computed background colour, in a page or in the preview's frame. */
function wallBackground(where: Page | Frame): Promise<string> {
  // A string, evaluated in the page: the tests' own TypeScript has no DOM types.
  return where.evaluate("getComputedStyle(document.querySelector('[data-layout]')).backgroundColor");
}

async function previewFrame(page: Page): Promise<Frame> {
  const handle = await page.locator('[data-wall-preview] iframe').elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error('the preview has no frame');
  await frame.locator('[data-layout][data-connected="true"]').waitFor();
  return frame;
}

describe('the wall background and the console preview', () => {
  it('follows the mode when none is chosen, and shows a chosen colour in the preview without a reload', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const page = await context.newPage();
    await signInToConsole(page, app.server.url);
    await page.getByRole('button', { name: /^Wall$/ }).click();
    const iframe = page.locator('[data-wall-preview] iframe');
    expect(await iframe.getAttribute('src')).toBe('/w/town-hall?preview=1');
    expect(await iframe.getAttribute('title')).toBe('Preview of the wall');
    expect(await iframe.getAttribute('tabindex')).toBe('-1');
    const frame = await previewFrame(page);
    await frame.getByText('Quand le compte rendu').waitFor();

    // A 1920 × 1080 screen, drawn at the panel's width in a 16:9 box.
    expect(await frame.evaluate('[innerWidth, innerHeight]')).toEqual([1920, 1080]);
    const box = (await page.locator('[data-wall-preview]').boundingBox())!;
    const drawn = (await iframe.boundingBox())!;
    expect(box.width / box.height).toBeCloseTo(16 / 9, 1);
    expect(Math.abs(drawn.width - (box.width - 2))).toBeLessThan(2);
    expect(Math.abs(drawn.height - (box.height - 2))).toBeLessThan(2);
    expect(
      await page.evaluate("getComputedStyle(document.querySelector('[data-wall-preview] iframe')).pointerEvents"),
    ).toBe('none');
    expect(luminance(await wallBackground(frame))).toBeLessThan(0.1);
    await page.locator('[data-wall-preview]').scrollIntoViewIfNeeded();
    await screenshot(page, 'wall-preview-dark-1280x900.png');

    // Light, with no background chosen: the wall is light, on a screen of its own and in the preview.
    const automatic = page.getByRole('checkbox', { name: 'Automatic (follows light/dark)' });
    expect(await automatic.isChecked()).toBe(true);
    // The radio itself is hidden under its label, which is what a person clicks.
    await page.locator('label', { has: page.getByRole('radio', { name: 'Light' }) }).click();
    await expect.poll(() => page.getByRole('radio', { name: 'Light' }).isChecked()).toBe(true);
    const screen = await app.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await screen.goto(`${app.server.url}/w/town-hall`);
    await screen.locator('[data-layout][data-connected="true"]').waitFor();
    await expect.poll(async () => luminance(await wallBackground(screen))).toBeGreaterThan(0.7);
    await expect.poll(async () => luminance(await wallBackground(frame))).toBeGreaterThan(0.7);
    await page.locator('[data-wall-preview]').scrollIntoViewIfNeeded();
    await screenshot(page, 'wall-preview-light-1280x900.png');

    // A colour typed in the console: the same wall document in the preview takes it, as the screen does.
    await frame.evaluate('window.stillTheSameWall = true');
    const field = page.getByRole('textbox', { name: 'Background colour' });
    await field.fill('#7c2d12');
    await field.press('Enter');
    await expect.poll(() => wallBackground(frame)).toBe('rgb(124, 45, 18)');
    await expect.poll(() => wallBackground(screen)).toBe('rgb(124, 45, 18)');
    expect(await frame.evaluate('window.stillTheSameWall')).toBe(true);
    expect(await automatic.isChecked()).toBe(false);
    await page.locator('[data-wall-preview]').scrollIntoViewIfNeeded();
    await screenshot(page, 'wall-preview-colour-1280x900.png');

    // Automatic again: back to the light mode's own background.
    await automatic.check();
    await expect.poll(async () => luminance(await wallBackground(frame))).toBeGreaterThan(0.7);
    expect(await field.inputValue()).toBe('');
    await page.getByRole('heading', { name: 'Wall control' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'wall-view-top-1280x900.png');
    await screen.close();
    await context.close();
  });
});
