/**
 * The full-screen wall in Debian's chromium: live items, hides, inert hostile markup, no broken image, layouts
 * switched live, sizes from 720p to 4K and portrait, and a wall that outlives a server restart.
 */
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type TestServer } from '../integration/helpers/server.js';
import { startImageHost, type ImageHost } from '../integration/fakes/image-host.js';
import { CLIENT_DIR, launchBrowser, screenshot } from './helpers/browser.js';
import { startModerator, type Moderator } from './helpers/moderator.js';

let browser: Browser;
let host: ImageHost;
let server: TestServer;
let moderator: Moderator;
const dialogs: string[] = [];

const EVENT = {
  slug: 'town-hall',
  title: 'Grand débat de la ville',
  hashtags: ['GrandDebat'],
  sources: [
    { kind: 'web' as const, perMinute: 600 },
    { kind: 'sms-gateway' as const, phoneNumber: '+33 6 39 98 00 00', secret: 's3cret-s3cret' },
  ],
};

beforeAll(async () => {
  browser = await launchBrowser();
  host = await startImageHost();
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
});
afterEach(async () => {
  moderator?.close();
  await server?.close();
});

async function start(port?: number, dataDir?: string): Promise<void> {
  server = await startServer({
    clientDir: CLIENT_DIR,
    events: [EVENT],
    // The room's address, as an organiser sets it: without one the wall shows no QR code of this machine's.
    settings: { media: { allowPrivateNetworks: true }, publicUrl: 'http://192.168.1.20:8080' },
    ...(port ? { port } : {}),
    ...(dataDir ? { dataDir } : {}),
  });
  moderator = await startModerator(server);
}

async function openWall(viewport = { width: 1920, height: 1080 }, query = '?lang=fr'): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(`${server.url}/w/town-hall${query}`);
  await page.locator('[data-layout][data-connected="true"]').waitFor();
  return page;
}

const card = (page: Page, id: number) => page.locator(`[data-item-id="${id}"]`).first();

/** True when no image on the page shows as broken (loaded with no pixels while displayed). */
function noBrokenImage(page: Page): Promise<boolean> {
  return page.evaluate(`[...document.images].every((img) =>
    img.offsetParent === null || getComputedStyle(img).visibility === 'hidden' || (img.complete && img.naturalWidth > 0))`);
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe('the wall', () => {
  it('shows approved items at once, removes hidden ones, and keeps hostile markup inert', async () => {
    await start();
    const wall = await openWall();
    const first = await moderator.publish('Combien de pistes cyclables en 2027 ? #GrandDebat', 'Camille');
    await card(wall, first.id).waitFor({ timeout: 3000 });
    const hostile = await moderator.publish(
      '<img src=x onerror=alert(1)><script>alert(2)</script><a href="javascript:alert(3)">clic</a> <svg onload=alert(4)>',
      '<b onmouseover=alert(5)>Mallory</b>',
    );
    await card(wall, hostile.id).waitFor({ timeout: 3000 });
    await expect.poll(() => card(wall, hostile.id).innerText()).toContain('<script>alert(2)</script>');
    expect(
      await wall.locator('script:not([src]), [onerror], [onload], [onmouseover], a[href^="javascript"]').count(),
    ).toBe(0);
    await card(wall, hostile.id).hover();

    await moderator.act('hide', first.id);
    await expect.poll(() => card(wall, first.id).count(), { timeout: 2000 }).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('never shows a broken image: a failed photo or avatar leaves a card without it', async () => {
    await start();
    const wall = await openWall();
    const outcome = await server.app.intake.submit('town-hall', {
      format: 'x',
      payload: {
        data: {
          id: '1900000000000000001',
          text: 'Photo de la salle',
          author_id: '7',
          attachments: { media_keys: ['3_1', '3_2'] },
        },
        includes: {
          users: [{ id: '7', name: 'Léa', username: 'lea', profile_image_url: `${host.url}/gone-avatar.png` }],
          media: [
            { media_key: '3_1', type: 'photo', url: `${host.url}/ok.png`, alt_text: 'La salle' },
            { media_key: '3_2', type: 'photo', url: `${host.url}/missing.png`, alt_text: 'Disparue' },
          ],
        },
      },
    });
    if (outcome.kind !== 'stored') throw new Error(outcome.kind);
    await moderator.act('approve', outcome.item.id);
    await card(wall, outcome.item.id).waitFor({ timeout: 10_000 });
    await expect.poll(() => noBrokenImage(wall), { timeout: 10_000 }).toBe(true);
    expect(await wall.locator('img[alt="La salle"]').count()).toBeGreaterThan(0);
    // Every image the wall loads comes through the server, none from the outside host directly.
    const sources = await wall.evaluate('[...document.images].map((img) => img.getAttribute("src"))');
    for (const src of sources as string[]) expect(src).not.toContain(host.url);
  });

  it('switches layout live and reads at every screen size without scrolling', async () => {
    await start();
    for (let i = 1; i <= 14; i++) {
      await moderator.publish(
        i % 3 === 0
          ? `Question ${i} : comment la ville compte-t-elle associer les habitants des quartiers nord aux décisions sur les transports, la rénovation des écoles et les espaces verts ? https://www.example.org/une-tres-longue-adresse-sans-espace-qui-ne-doit-pas-deborder-${i}`
          : `Message ${i} #GrandDebat`,
        `Participant ${i}`,
      );
    }
    await moderator.announce('Pause café à 15 h — reprise avec les questions du public');
    const wall = await openWall();
    await wall.locator('[data-announcement]').waitFor();
    await wall.locator('[data-participation] img').first().waitFor();
    for (const layout of ['mosaic', 'spotlight', 'ticker'] as const) {
      await moderator.updateWall({ layout });
      await wall.locator(`[data-layout="${layout}"]`).waitFor({ timeout: 3000 });
      await screenshot(wall, `wall-${layout}-1920x1080.png`);
    }
    await moderator.updateWall({ layout: 'mosaic' });
    for (const viewport of [
      { width: 1280, height: 720 },
      { width: 3840, height: 2160 },
      { width: 1080, height: 1920 },
    ]) {
      const page = await openWall(viewport, '?lang=en');
      await page.locator('[data-item-id]').first().waitFor();
      await screenshot(page, `wall-mosaic-${viewport.width}x${viewport.height}.png`);
      const overflow = await page.evaluate(
        '({ x: document.documentElement.scrollWidth > innerWidth, y: document.documentElement.scrollHeight > innerHeight })',
      );
      expect(overflow).toEqual({ x: false, y: false });
      await page.close();
    }
  });

  it('survives a server restart and shows new items afterwards', async () => {
    const port = await freePort();
    await start(port);
    const wall = await openWall();
    const before = await moderator.publish('Avant le redémarrage');
    await card(wall, before.id).waitFor();

    moderator.close();
    const { dataDir } = server;
    await server.close({ keepData: true });
    await wall.locator('[data-connected="false"]').waitFor({ timeout: 10_000 });
    expect(await card(wall, before.id).count()).toBe(1);

    await start(port, dataDir);
    await wall.locator('[data-connected="true"]').waitFor({ timeout: 20_000 });
    const after = await moderator.publish('Après le redémarrage');
    await card(wall, after.id).waitFor({ timeout: 5000 });
    expect(await card(wall, before.id).count()).toBe(1);
  });
});
