/**
 * A message that stacks 5,000 combining marks on one letter ("zalgo"), approved and shown on the web view on a
 * phone in Debian's chromium: the page does not scroll sideways and the card stays the height of a line or two,
 * since the marks were cut to a few per letter when the item was stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appAndBrowser } from './helpers/app.js';
import { screenshot } from './helpers/browser.js';
import { startModerator, type Moderator } from './helpers/moderator.js';

const PHONE = { width: 390, height: 844 };
/** Marks above, below and through the letter, the way zalgo generators pick them. */
const MARKS = ['\u0300', '\u0301', '\u0316', '\u0317', '\u0334', '\u0359', '\u035c', '\u0363', '\u036f'];
const ZALGO = `H${Array.from({ length: 5000 }, (_, i) => MARKS[i % MARKS.length]).join('')}ello from the back row`;

const app = appAndBrowser();
let moderator: Moderator;

beforeAll(async () => {
  moderator = await startModerator(app.server);
  // Through the pipeline as any source's post would come (the web form itself takes 2,000 characters at most).
  const outcome = await app.server.app.intake.submit('town-hall', {
    format: 'web',
    payload: { name: 'Zed', message: ZALGO },
    meta: { idempotencyKey: 'zalgo-e2e-0001' },
  });
  if (outcome.kind !== 'stored') throw new Error(`not stored: ${outcome.kind}`);
  await moderator.act('approve', outcome.item.id);
});
afterAll(() => moderator?.close());

describe('a zalgo message on the web view', () => {
  it('neither widens the page nor makes a tall card on a phone', async () => {
    const context = await app.browser.newContext({ viewport: PHONE, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${app.server.url}/e/town-hall?lang=en`);
    const card = page.locator('article', { hasText: 'from the back row' });
    await card.waitFor();
    const [scrollWidth, innerWidth] = (await page.evaluate('[document.documentElement.scrollWidth, innerWidth]')) as [
      number,
      number,
    ];
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    const box = await card.boundingBox();
    expect(box!.width).toBeLessThanOrEqual(PHONE.width);
    expect(box!.height).toBeLessThan(PHONE.height / 3);
    await screenshot(page, 'web-view-zalgo-390x844.png');
    await context.close();
  });
});
