/**
 * The wall in a real browser (Debian's chromium through playwright-core): the mosaic at 1920x1080 while a
 * moderator approves items at a steady rate. Frame times come from requestAnimationFrame and long tasks from a
 * PerformanceObserver in the page; JS heap (after a GC) and DOM nodes from the DevTools protocol, at the start and
 * after each window, to show they stay flat. The baseline is a blank page's own frame pacing on this machine,
 * measured in turns with the wall's windows.
 */
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
// The browser tests' launcher: Debian's chromium with the flags that keep it off the closed network.
import { CLIENT_DIR, launchBrowser } from '../../test/e2e/helpers/browser.js';
import { coreFor, startChild } from '../lib/child.js';
import { median, ratio, round, summarize } from '../lib/stats.js';
import { verdict, type Table } from '../lib/report.js';
import { murmureControl } from '../fanout/control.js';
import { bundleSizes, type BundleSize } from './bundles.js';

export interface WallOptions {
  /** Measured windows of the wall, each followed by a baseline window. */
  rounds: number;
  windowSeconds: number;
  baselineSeconds: number;
  itemsPerSecond: number;
  /** Seconds after load not counted (fonts, first layout). */
  warmUpSeconds: number;
}

interface Window {
  frameP50: number;
  frameP95: number;
  longTasks: number;
  longestTaskMs: number;
  heapMB: number;
  domNodes: number;
}

export interface WallResult {
  wall: Window[];
  baseline: Pick<Window, 'frameP50' | 'frameP95' | 'longTasks' | 'longestTaskMs'>[];
  start: { heapMB: number; domNodes: number };
  bundles: BundleSize[];
  itemsShown: number;
}

/** Runs in the page before anything else: records frame intervals and long tasks from the moment `reset` is called. */
const RECORDER = `
  window.__bench = { frames: [], longTasks: [], last: 0 };
  const tick = (now) => {
    const bench = window.__bench;
    if (bench.last) bench.frames.push(now - bench.last);
    bench.last = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__bench.longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: false });
  window.__benchReset = () => { window.__bench.frames = []; window.__bench.longTasks = []; };
`;

type Recorded = { frames: number[]; longTasks: number[] };

async function measure(page: Page, seconds: number) {
  await page.evaluate('window.__benchReset()');
  await sleep(seconds * 1000);
  const recorded = (await page.evaluate('window.__bench')) as Recorded;
  const frames = summarize(recorded.frames);
  return {
    frameP50: round(frames.p50, 2),
    frameP95: round(frames.p95, 2),
    longTasks: recorded.longTasks.length,
    longestTaskMs: round(Math.max(0, ...recorded.longTasks)),
  };
}

async function memory(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const nodes = (await page.evaluate('document.getElementsByTagName("*").length')) as number;
  await cdp.detach();
  return { heapMB: round(heap.usedSize / 2 ** 20, 2), domNodes: nodes };
}

async function blankPageWindow(browser: Browser, seconds: number) {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  try {
    await page.addInitScript(RECORDER);
    await page.goto('data:text/html,<!doctype html><title>baseline</title><body style="background:%230f172a"></body>');
    return await measure(page, seconds);
  } finally {
    await page.close();
  }
}

export async function runWall(options: WallOptions, log: (line: string) => void): Promise<WallResult> {
  if (!existsSync(CLIENT_DIR)) throw new Error('dist/client is missing: run `npm run build` first');
  const perWindow = Math.ceil(options.windowSeconds * options.itemsPerSecond);
  const total = perWindow * options.rounds + 20;
  const server = startChild(new URL('../fanout/server-murmure.ts', import.meta.url), {
    core: coreFor('server'),
    args: [CLIENT_DIR],
  });
  const browser = await launchBrowser();
  try {
    const { port } = await server.request<{ port: number }>({ type: 'start' });
    const url = `http://127.0.0.1:${port}`;
    const { ids } = await server.request<{ ids: number[] }>(
      { type: 'prepare', count: total, textLength: 400, vary: true },
      600_000,
    );
    const control = await murmureControl(url);
    let next = 0;
    // A wall starts with items on it, as it would in the middle of an event.
    await Promise.all(ids.slice(0, 20).map((id) => control.send(id)));
    next = 20;

    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.addInitScript(RECORDER);
    await page.goto(`${url}/w/bench`);
    await page.waitForSelector('[data-connected="true"]');
    await sleep(options.warmUpSeconds * 1000);
    const start = await memory(page);
    const wall: Window[] = [];
    const baseline: WallResult['baseline'] = [];
    for (let roundIndex = 0; roundIndex < options.rounds; roundIndex += 1) {
      const feeding = (async () => {
        const end = Date.now() + options.windowSeconds * 1000;
        while (Date.now() < end && next < ids.length) {
          await control.send(ids[next++]!);
          await sleep(1000 / options.itemsPerSecond);
        }
      })();
      const frames = await measure(page, options.windowSeconds);
      await feeding;
      wall.push({ ...frames, ...(await memory(page)) });
      baseline.push(await blankPageWindow(browser, options.baselineSeconds));
      log(
        `wall window ${roundIndex + 1}: frame p95 ${frames.frameP95} ms, ${frames.longTasks} long tasks, heap ${wall.at(-1)!.heapMB} MB`,
      );
    }
    control.close();
    return { wall, baseline, start, bundles: bundleSizes(CLIENT_DIR), itemsShown: next };
  } finally {
    await browser.close();
    await server.stop();
  }
}

export function wallTable(result: WallResult, options: WallOptions): Table {
  const m = (key: 'frameP50' | 'frameP95' | 'longTasks' | 'longestTaskMs', windows: { [k in typeof key]: number }[]) =>
    median(windows.map((w) => w[key]));
  const end = result.wall.at(-1)!;
  const wallBundle = result.bundles.find((b) => b.app === 'wall')!;
  const minutes = round((options.rounds * options.windowSeconds) / 60, 1);
  return {
    title: `Wall in chromium, mosaic 1920x1080, ${options.itemsPerSecond} items/s for ${minutes} min (medians of windows)`,
    columns: [
      'page',
      'frame p50 ms',
      'frame p95 ms',
      'long tasks',
      'longest task ms',
      'heap MB start → end',
      'DOM nodes start → end',
    ],
    rows: [
      [
        'wall',
        m('frameP50', result.wall),
        m('frameP95', result.wall),
        result.wall.reduce((sum, w) => sum + w.longTasks, 0),
        Math.max(...result.wall.map((w) => w.longestTaskMs)),
        `${result.start.heapMB} → ${result.wall.map((w) => w.heapMB).join(' → ')}`,
        `${result.start.domNodes} → ${result.wall.map((w) => w.domNodes).join(' → ')}`,
      ],
      [
        'blank page (baseline)',
        m('frameP50', result.baseline),
        m('frameP95', result.baseline),
        result.baseline.reduce((s, w) => s + w.longTasks, 0),
        Math.max(...result.baseline.map((w) => w.longestTaskMs)),
        null,
        null,
      ],
      ...result.bundles.map((b) => [
        `${b.app} bundle`,
        null,
        null,
        null,
        null,
        `${b.gzipKB} KB gzip`,
        `${b.files} files`,
      ]),
    ],
    verdicts: [
      verdict(
        m('frameP95', result.wall) < 17,
        `frame p95 under 17 ms (${m('frameP95', result.wall)}; ×${ratio(m('frameP95', result.wall), m('frameP95', result.baseline))} the blank page)`,
      ),
      verdict(
        result.wall.every((w) => w.longestTaskMs <= 50),
        'no long task over 50 ms after start-up',
      ),
      verdict(end.heapMB <= result.start.heapMB * 1.5 + 2, `heap flat (${result.start.heapMB} → ${end.heapMB} MB)`),
      verdict(
        end.domNodes <= result.start.domNodes * 1.5 + 50,
        `DOM flat (${result.start.domNodes} → ${end.domNodes} nodes)`,
      ),
      verdict(wallBundle.gzipKB < 80, `wall bundle under 80 KB gzip (${wallBundle.gzipKB} KB)`),
    ],
  };
}
