/** axe-core accessibility checks of a page, as the e2e tests run them. */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * axe-core's serious and critical findings on the page as it settles, one line each. Running transitions are
 * waited out first: a toast caught half faded in has, for a few frames, less contrast than it will have. The
 * page's context needs `bypassCSP: true`, since the CSP (script-src 'self') rightly refuses an injected script.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  // A string, evaluated in the page: the tests' own TypeScript has no DOM types.
  await page.waitForFunction("document.getAnimations().every((animation) => animation.playState !== 'running')");
  await page.addScriptTag({ path: AXE_SOURCE });
  const result = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as {
    violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
  };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
