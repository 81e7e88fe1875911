/**
 * Right-to-left texts in Debian's chromium: each message, author name, quoted text and announcement takes its own
 * direction from its first letter (Arabic and Hebrew right to left, a French line quoting Arabic left to right),
 * in the web view on a phone and in the console's queue, while the page around them keeps its own.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submit } from '../integration/helpers/clients.js';
import { sanitizedItem } from '../unit/builders.js';
import { appAndBrowser, signInToConsole } from './helpers/app.js';
import { screenshot } from './helpers/browser.js';
import { startModerator, type Moderator } from './helpers/moderator.js';

const ARABIC = 'مرحبا بالجميع في النقاش #GrandDebat';
const HEBREW = 'שלום לכולם';
const MIXED = 'Le maire a dit: مرحبا 2026';
const MESSAGES = [
  { name: 'سلمى', message: ARABIC },
  { name: 'דנה', message: HEBREW },
  { name: 'Claire', message: MIXED },
];
const ANNOUNCEMENT = 'استراحة قهوة حتى الساعة 15';

const app = appAndBrowser();
let moderator: Moderator;

beforeAll(async () => {
  moderator = await startModerator(app.server);
  for (const { name, message } of MESSAGES) {
    const response = await submit(app.server.url, 'town-hall', { name, message });
    if (response.status !== 202) throw new Error(`submission refused: ${response.status}`);
  }
  for (const item of (await app.server.app.store.items.queue('town-hall', 'pending', 10)).items) {
    await moderator.act('approve', item.id);
  }
  await moderator.announce(ANNOUNCEMENT);
  // A French reply quoting a Hebrew post, as a Mastodon or Bluesky quote would arrive.
  await app.server.app.store.items.insertBatch([
    {
      event: 'town-hall',
      item: sanitizedItem({
        sourceId: 'quote',
        text: 'Tout à fait d’accord',
        author: { name: 'Yannick' },
        authorKey: 'web:yannick',
        context: { kind: 'quote', text: HEBREW, author: { name: 'דנה' } },
        createdAt: Date.now(),
      }),
      decision: { status: 'pending', reasons: [] },
      receivedAt: Date.now(),
    },
  ]);
});
afterAll(() => moderator?.close());

/** Each element of `selector` by its text, with its computed direction ('rtl' or 'ltr'). */
async function directions(page: Page, selector: string): Promise<Record<string, string>> {
  // A string, evaluated in the page: the tests' own TypeScript has no DOM types.
  const pairs = (await page.evaluate(
    `[...document.querySelectorAll(${JSON.stringify(selector)})].map((element) =>
      [element.textContent.trim(), getComputedStyle(element).direction])`,
  )) as [string, string][];
  return Object.fromEntries(pairs);
}

/** The direction of the page's own layout around the texts. */
function pageDirection(page: Page, selector: string): Promise<string> {
  return page.evaluate(`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).direction`);
}

describe('texts written right to left', () => {
  it('read right to left in the web view, each in its own element, and a French line stays left to right', async () => {
    const context = await app.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`${app.server.url}/e/town-hall`);
    await page.getByText('Le maire a dit').waitFor();

    await expect
      .poll(() => directions(page, '[data-item-id] .text'))
      .toEqual({ [ARABIC]: 'rtl', [HEBREW]: 'rtl', [MIXED]: 'ltr' });
    expect(await directions(page, '[data-item-id] .name')).toEqual({ سلمى: 'rtl', דנה: 'rtl', Claire: 'ltr' });
    expect(await directions(page, '[data-announcement] .text')).toEqual({ [ANNOUNCEMENT]: 'rtl' });
    // The cards themselves keep the page's direction: avatar, name and time stay where the reader expects them.
    expect(await pageDirection(page, '[data-item-id]')).toBe('ltr');
    await page.evaluate("document.getElementById('feed-title').scrollIntoView()");
    await screenshot(page, 'bidi-web-view-390x844.png');
    await context.close();
  });

  it('read right to left in the console queue: texts, names and a quoted post', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    const page = await context.newPage();
    await signInToConsole(page, app.server.url);
    await page.getByRole('button', { name: /^(Approuvés|Approved)/ }).click();
    await expect
      .poll(() => directions(page, '[data-item-id] .text'))
      .toEqual({ [ARABIC]: 'rtl', [HEBREW]: 'rtl', [MIXED]: 'ltr' });
    expect(await directions(page, '[data-item-id] .name')).toEqual({ سلمى: 'rtl', דנה: 'rtl', Claire: 'ltr' });
    expect(await directions(page, 'aside .announcement span')).toEqual({ [ANNOUNCEMENT]: 'rtl' });
    await screenshot(page, 'bidi-console-approved-1280x900.png');

    await page.getByRole('button', { name: /^(En attente|Pending)/ }).click();
    await expect.poll(() => directions(page, '[data-item-id] .context p')).toEqual({ [HEBREW]: 'rtl' });
    expect(await directions(page, '[data-item-id] .text')).toEqual({ 'Tout à fait d’accord': 'ltr' });
    expect(await pageDirection(page, '[data-item-id]')).toBe('ltr');
    await screenshot(page, 'bidi-console-pending-1280x900.png');
    await context.close();
  });
});
