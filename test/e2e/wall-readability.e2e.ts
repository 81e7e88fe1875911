/**
 * Readable from the back row, in Debian's chromium: in every layout at 1280×720, 1920×1080 and 3840×2160, with
 * short, 280- and 600-character messages, the smallest message text is at least 28 px at 1080p (in proportion on
 * the other screens), every message is shown whole (a long one in a larger card or a page at a time, never ended
 * early), nothing is clipped inside a card and nothing overflows the page. Screenshots land in test-output/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type TestServer } from '../integration/helpers/server.js';
import { CLIENT_DIR, launchBrowser, screenshot } from './helpers/browser.js';
import { startModerator } from './helpers/moderator.js';
import { readingMs } from '../../wall/lib/reading.js';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
] as const;
const LAYOUTS = ['mosaic', 'spotlight', 'ticker'] as const;

/** French prose of about `length` characters, in words, without links (the wall shortens those on purpose). */
function prose(length: number, seed: number): string {
  const words = (
    'la ville veut associer les habitants des quartiers nord aux décisions sur les transports la rénovation ' +
    'des écoles et les espaces verts comment le conseil compte-t-il rendre compte de ses choix chaque année ' +
    'et que deviennent les propositions déposées lors du dernier débat public au printemps'
  ).split(' ');
  let text = `Question ${seed}\u00a0:`;
  for (let i = seed; text.length + words[i % words.length]!.length + 15 < length; i += 1) {
    text += ` ${words[i % words.length]}`;
  }
  return `${text} #GrandDebat\u00a0?`;
}

const LENGTHS = { short: 40, medium: 280, long: 600 } as const;
type Length = keyof typeof LENGTHS;
const eventNamed = (slug: string) => ({
  slug,
  title: 'Grand débat de la ville',
  hashtags: ['GrandDebat'],
  sources: [{ kind: 'web' as const, perMinute: 600, maxLength: 2000 }],
});
/** One event per length, one with a text too long for any card, one in right-to-left scripts. */
const EVENTS = [...Object.keys(LENGTHS), 'huge', 'scripts'].map(eventNamed);
const HUGE = prose(1900, 3);
const SCRIPTS = {
  arabic: 'مرحبا بالجميع في النقاش حول مستقبل المدينة والنقل العام',
  hebrew: 'שלום לכולם, מה התוכנית לתחבורה הציבורית בעיר?',
  mixed: 'Le maire a dit : مرحبا à tous, rendez-vous en 2026',
};

let browser: Browser;
let server: TestServer;
const published = new Map<Length, string[]>();

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startServer({ clientDir: CLIENT_DIR, events: EVENTS });
  for (const [name, length] of Object.entries(LENGTHS) as Array<[Length, number]>) {
    const moderator = await startModerator(server, name);
    const texts: string[] = [];
    for (let i = 1; i <= 8; i += 1) {
      const text = prose(length, i);
      await moderator.publish(text, `Participant ${i}`);
      texts.push(text);
    }
    published.set(name, texts);
    moderator.close();
  }
  const huge = await startModerator(server, 'huge');
  await huge.publish(HUGE, 'Camille');
  huge.close();
  const scripts = await startModerator(server, 'scripts');
  for (const [name, text] of Object.entries(SCRIPTS)) await scripts.publish(text, name);
  scripts.close();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Measures {
  /** Smallest computed font size of any message text on screen. */
  smallest: number;
  /** Message texts shown, as drawn (pages of a paged card joined later). */
  texts: Array<{ text: string; paged: boolean; preview: boolean }>;
  /** Cards or texts whose content is taller or wider than their box. */
  clipped: string[];
  pageOverflow: { x: boolean; y: boolean };
}

// A string, evaluated in the page: the tests' own TypeScript has no DOM types.
const MEASURE = `(() => {
  const bodies = [...document.querySelectorAll('[data-body]')].filter((el) => el.getClientRects().length > 0);
  const clipped = [];
  for (const el of [...document.querySelectorAll('[data-card]'), ...bodies]) {
    if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1) {
      clipped.push((el.closest('[data-item-id]')?.getAttribute('data-item-id') ?? '?') + ':' + el.className);
    }
  }
  return {
    smallest: Math.min(...bodies.map((el) => parseFloat(getComputedStyle(el).fontSize))),
    texts: bodies.map((el) => ({
      text: el.textContent.replace(/\\s+/g, ' ').trim(),
      paged: el.hasAttribute('data-paged'),
      preview: el.hasAttribute('data-preview'),
    })),
    clipped,
    pageOverflow: {
      x: document.documentElement.scrollWidth > innerWidth,
      y: document.documentElement.scrollHeight > innerHeight,
    },
  };
})()`;

async function openWall(
  slug: string,
  layout: string,
  viewport: { width: number; height: number },
  before?: (page: Page) => Promise<void>,
): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await before?.(page);
  await page.goto(`${server.url}/w/${slug}?lang=fr&layout=${layout}`);
  await page.locator('[data-layout][data-connected="true"]').waitFor();
  await page.locator('[data-body]').first().waitFor();
  await page.evaluate('Promise.all(document.getAnimations().map((animation) => animation.finished))');
  return page;
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('the wall from the back row', () => {
  for (const viewport of SIZES) {
    for (const layout of LAYOUTS) {
      it(`${layout} at ${viewport.width}×${viewport.height}: large enough, whole, nothing clipped`, async () => {
        const floor = (28 * viewport.height) / 1080 - 0.5;
        for (const slug of Object.keys(LENGTHS) as Length[]) {
          const page = await openWall(slug, layout, viewport);
          const measures = (await page.evaluate(MEASURE)) as Measures;
          await screenshot(page, `readability-${layout}-${slug}-${viewport.width}x${viewport.height}.png`);
          const where = `${layout} ${slug} ${viewport.width}x${viewport.height}`;
          expect(measures.smallest, where).toBeGreaterThanOrEqual(floor);
          expect(measures.clipped, where).toEqual([]);
          expect(measures.pageOverflow, where).toEqual({ x: false, y: false });
          const full = published.get(slug)!.map(squash);
          for (const shown of measures.texts) {
            // A preview of what comes next is the one place a message shows in part; it comes up whole after.
            if (shown.preview) continue;
            if (shown.paged)
              expect(
                full.some((text) => text.includes(shown.text)),
                where,
              ).toBe(true);
            else expect(full, where).toContain(shown.text);
          }
          await page.close();
        }
      });
    }
  }
});

describe('long messages, scripts and the crawl', () => {
  it('pages a message too long for the largest card: every page fits, and the pages make the whole text', async () => {
    const viewport = { width: 1280, height: 720 };
    const page = await openWall('huge', 'mosaic', viewport, (page) => page.clock.install());
    const card = page.locator('[data-paged]');
    await card.waitFor();
    const count = Number(await page.locator('[data-pages]').getAttribute('data-pages'));
    expect(count).toBeGreaterThan(1);
    const seen: string[] = [];
    for (let turn = 0; turn < count; turn += 1) {
      const measures = (await page.evaluate(MEASURE)) as Measures;
      expect(measures.clipped).toEqual([]);
      expect(measures.smallest).toBeGreaterThanOrEqual((28 * viewport.height) / 1080 - 0.5);
      seen.push(squash(await card.innerText()));
      if (turn === 0) await screenshot(page, 'readability-mosaic-paged-1280x720.png');
      // Each page is up for its share of the reading time (250 words a minute).
      await page.clock.fastForward(readingMs(HUGE) / count + 1_000);
      await expect.poll(async () => squash(await card.innerText())).not.toBe(seen.at(-1));
    }
    expect(seen.join(' ')).toBe(squash(HUGE));
    await page.close();
  });

  it('reads right to left where the text does, in cards, the spotlight and the crawl', async () => {
    for (const layout of LAYOUTS) {
      const page = await openWall('scripts', layout, { width: 1920, height: 1080 });
      await expect.poll(() => page.locator('[data-body]').count()).toBeGreaterThan(layout === 'spotlight' ? 0 : 2);
      // dir="auto" resolves per element from its text: :dir() says which way it went.
      const directions = (await page.evaluate(`[...document.querySelectorAll('[data-body]')]
        .filter((el) => !el.hasAttribute('data-preview'))
        .map((el) => ({ text: el.textContent.trim(), dir: el.matches(':dir(rtl)') ? 'rtl' : 'ltr' }))`)) as Array<{
        text: string;
        dir: string;
      }>;
      for (const { text, dir } of directions) {
        const expected = text.startsWith('Le maire') ? 'ltr' : 'rtl';
        expect(dir, `${layout}: ${text}`).toBe(expected);
      }
      const names = (await page.evaluate(
        `[...document.querySelectorAll('[data-item-id] .name')].map((el) =>
          el.querySelector('bdi') ? 'auto' : el.getAttribute('dir'))`,
      )) as string[];
      for (const dir of names) expect(dir).toBe('auto');
      await screenshot(page, `readability-${layout}-scripts-1920x1080.png`);
      await page.close();
    }
  });

  it('gives the crawl the width of the screen, moving at a reading pace', async () => {
    const viewport = { width: 1920, height: 1080 };
    const page = await openWall('medium', 'ticker', viewport);
    const crawl = (await page.evaluate(`(() => {
      const crawl = document.querySelector('.crawl').getBoundingClientRect();
      return { width: crawl.width, font: parseFloat(getComputedStyle(document.querySelector('.strip')).fontSize) };
    })()`)) as { width: number; font: number };
    expect(crawl.width).toBeGreaterThan(viewport.width * 0.95);
    // Two positions of the strip a second apart, timed in the page: pixels a second, then characters a second.
    const pace = (await page.evaluate(`new Promise((resolve) => {
      const strip = document.querySelector('.strip');
      const x = () => new DOMMatrix(getComputedStyle(strip).transform).m41;
      const t0 = performance.now();
      const x0 = x();
      setTimeout(() => resolve(((x0 - x()) / (performance.now() - t0)) * 1000), 1000);
    })`)) as number;
    const charsPerSecond = pace / (0.53 * crawl.font);
    expect(charsPerSecond).toBeGreaterThan(5);
    expect(charsPerSecond).toBeLessThan(14);
    await page.close();
  });
});
