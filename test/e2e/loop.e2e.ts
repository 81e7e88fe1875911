/**
 * The loop in a real browser (Debian's chromium): a follower writes from the web view, a moderator signs in to
 * the console and approves or rejects, and the wall shows exactly the approved items, hostile markup inert.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD } from '../integration/helpers/server.js';
import { submit } from '../integration/helpers/clients.js';
import { appAndBrowser } from './helpers/app.js';
import { screenshot } from './helpers/browser.js';

const app = appAndBrowser();
const dialogs: string[] = [];

async function open(path: string, viewport: { width: number; height: number }, locale = 'en-US'): Promise<Page> {
  const context = await app.browser.newContext({ viewport, locale });
  const page = await context.newPage();
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(`${app.server.url}${path}`);
  return page;
}

async function signIn(page: Page): Promise<void> {
  await page.getByLabel('Name').fill('admin');
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** The card of the queue holding `text`, and its button `name`. */
const button = (page: Page, text: string, name: string) =>
  page.locator('article', { hasText: text }).getByRole('button', { name, exact: true });

describe('web view, console and wall', () => {
  it('shows on the wall exactly what the moderator approved', async () => {
    const phone = await open('/e/town-hall', { width: 390, height: 844 }, 'fr-FR');
    await phone.getByLabel('Votre nom').fill('Inès');
    await phone.getByLabel('Votre message').fill('Quand commencent les travaux du marché ?');
    await phone.getByRole('button', { name: 'Envoyer' }).click();
    await phone.getByText('il sera affiché après modération').waitFor();

    await submit(app.server.url, 'town-hall', { name: 'Spam', message: 'Buy cheap watches' });
    await submit(app.server.url, 'town-hall', {
      name: '<img src=x onerror=alert(1)>',
      message: 'Look <script>alert(2)</script> <a href="javascript:alert(3)">here</a> <svg onload=alert(4)>',
    });
    await submit(app.server.url, 'town-hall', { name: 'Paul', message: 'Still waiting in the queue' });

    const console = await open('/moderation', { width: 1440, height: 900 });
    await signIn(console);
    await button(console, 'Quand commencent les travaux', 'Approve').click();
    await button(console, 'Buy cheap watches', 'Reject').click();
    await button(console, 'Look', 'Approve').click();
    await console.getByRole('button', { name: /Pending \(1\)/ }).waitFor();
    await screenshot(console, 'console-1440x900.png');

    const wall = await open('/w/town-hall?lang=en', { width: 1920, height: 1080 });
    await wall.getByText('Quand commencent les travaux du marché ?').waitFor();
    await wall.getByText('<script>alert(2)</script>', { exact: false }).waitFor();
    await screenshot(wall, 'wall-1920x1080.png');
    const wallText = await wall.locator('body').innerText();
    expect(wallText).not.toContain('Buy cheap watches');
    expect(wallText).not.toContain('Still waiting in the queue');
    expect(await wall.locator('script:not([src]), svg[onload], img[onerror], a[href^="javascript"]').count()).toBe(0);

    // A hide in the console takes the item off the open wall.
    await console.getByRole('button', { name: /Approved \(2\)/ }).click();
    await button(console, 'Quand commencent', 'Hide').click();
    await expect
      .poll(() => wall.getByText('Quand commencent les travaux du marché ?').count(), { timeout: 5000 })
      .toBe(0);

    await phone.reload();
    await phone.getByText('<script>alert(2)</script>', { exact: false }).waitFor();
    await screenshot(phone, 'web-view-390x844.png');
    expect(dialogs).toEqual([]);
  });

  it('refuses a wrong password in the console', async () => {
    const page = await open('/moderation', { width: 1280, height: 800 });
    await page.getByLabel('Name').fill('admin');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /wrong|incorrect/i })
      .waitFor();
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
  });
});
