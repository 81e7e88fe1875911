/**
 * Draws text into the wall's boxes. The size comes from `fitText`'s estimate; once drawn, the element is measured
 * and, in the rare case the estimate was generous (wide glyphs, many short lines), the type is stepped down to the
 * smallest size allowed and then the text is ended earlier at a word boundary, until nothing is cut.
 *
 * An item's HTML was sanitized by the server's pipeline (allow-listed tags, safe links): parsing it in a
 * `<template>` runs nothing, as with `{@html}`.
 */
import {
  clampTree,
  nextPageStart,
  pageEnd,
  shortenLinks,
  sliceTree,
  truncateAtWord,
  type TextNode,
} from '../lib/clamp.js';

/** Draws `html` with long links shortened and the text kept to `maxChars`. */
export function richText(html: string, maxChars = Infinity): (element: HTMLElement) => void {
  return (element) => renderHtml(element, html, maxChars);
}

export interface FitTarget {
  /** The estimated size, in pixels. */
  fontSize: number;
  /** The smallest size allowed, in pixels. */
  minFontSize: number;
  /** Characters to keep at most (Infinity: all). */
  maxChars: number;
  /** False when a word cannot fit a line at any allowed size: it breaks, and is not a reason to shrink. */
  wordsFit?: boolean;
  /**
   * Called instead of ending the text early when even the smallest size does not hold it all (the wall pages such
   * a text rather than cut it). Without it, the text is ended at a word boundary.
   */
  onTooLong?: () => void;
}

/** Like `richText`, at the estimated size, corrected after measuring so that nothing overflows the element. */
export function fittedHtml(html: string, fit: FitTarget): (element: HTMLElement) => void {
  return (element) => fitInto(element, fit, (max) => renderHtml(element, html, max));
}

/** Plain text (an announcement) fitted the same way. */
export function fittedText(text: string, fit: FitTarget): (element: HTMLElement) => void {
  return (element) =>
    fitInto(element, fit, (max) => {
      element.textContent = truncateAtWord(text, max);
      resolveDirection(element);
    });
}

/** Corrections tried at most; each shrinks the type by `STEP` or the text by `CUT`. */
const ATTEMPTS = 12;
const STEP = 0.92;
const CUT = 0.85;

function fitInto(element: HTMLElement, fit: FitTarget, render: (maxChars: number) => void): void {
  let size = fit.fontSize;
  let max = fit.maxChars;
  const draw = () => {
    element.style.fontSize = `${size}px`;
    render(max);
  };
  // While measuring, a word too long for its line overflows sideways instead of breaking, so it is seen.
  element.style.overflowWrap = fit.wordsFit === false ? '' : 'normal';
  draw();
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const tooWide = element.scrollWidth > element.clientWidth + 1;
    const tooTall = element.scrollHeight > element.clientHeight + 1;
    if (!tooWide && !tooTall) break;
    if (size > fit.minFontSize + 0.05) {
      size = Math.max(fit.minFontSize, size * STEP);
    } else if (element.style.overflowWrap === 'normal') {
      // Smallest size: a word that still does not fit may break (the stylesheet's `break-word`).
      element.style.overflowWrap = '';
      continue;
    } else if (fit.onTooLong) {
      fit.onTooLong();
      break;
    } else {
      max = Math.floor(Math.min(max, (element.textContent ?? '').length) * CUT);
    }
    draw();
  }
  element.style.overflowWrap = '';
}

export interface PageTarget {
  /** The type size, in pixels: the smallest the wall allows. */
  fontSize: number;
  /** A first estimate of the characters a page holds; pages are then measured and made shorter where needed. */
  chars: number;
  /** Which page to show (wraps around). */
  page: number;
  /** How many pages the text takes in this box. */
  onPages(count: number): void;
}

/** Breaks measured per element: they depend on the text, the size and the box, not on the page shown. */
const measuredPages = new WeakMap<Element, { key: string; pages: Array<[number, number]> }>();

/**
 * A text too long for its box at the smallest size, shown a page at a time: each page ends at a word boundary and
 * is measured to fit, so nothing is ever cut and nothing overflows.
 */
export function pagedHtml(html: string, target: PageTarget): (element: HTMLElement) => void {
  return (element) => {
    element.style.fontSize = `${target.fontSize}px`;
    const key = `${target.fontSize}|${element.clientWidth}|${element.clientHeight}|${html}`;
    let entry = measuredPages.get(element);
    if (entry?.key !== key) {
      entry = { key, pages: paginate(element, html, target.chars) };
      measuredPages.set(element, entry);
    }
    const { pages } = entry;
    target.onPages(pages.length);
    const [from, to] = pages[target.page % pages.length] ?? [0, Infinity];
    renderSlice(element, html, from, to);
  };
}

/** Page breaks found by drawing each page and shortening it until it fits. */
function paginate(element: HTMLElement, html: string, chars: number): Array<[number, number]> {
  const text = preparedTree(html).textContent ?? '';
  const pages: Array<[number, number]> = [];
  let start = nextPageStart(text, 0);
  let budget = Math.max(20, chars);
  while (start < text.length && pages.length < MAX_PAGES) {
    let end = pageEnd(text, start, budget);
    renderSlice(element, html, start, end);
    for (let attempt = 0; attempt < ATTEMPTS && overflows(element) && end - start > 1; attempt += 1) {
      budget = Math.max(1, Math.floor((end - start) * CUT));
      end = pageEnd(text, start, budget);
      renderSlice(element, html, start, end);
    }
    pages.push([start, end]);
    start = nextPageStart(text, end);
  }
  return pages.length > 0 ? pages : [[0, text.length]];
}

/** A text of the item's maximum length at the wall's smallest size never needs more. */
const MAX_PAGES = 40;

function overflows(element: HTMLElement): boolean {
  return element.scrollHeight > element.clientHeight + 1 || element.scrollWidth > element.clientWidth + 1;
}

function preparedTree(html: string): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = html;
  shortenLinks(template.content as unknown as TextNode);
  return template.content;
}

function renderSlice(element: HTMLElement, html: string, from: number, to: number): void {
  const tree = preparedTree(html);
  sliceTree(tree as unknown as TextNode, from, to);
  element.replaceChildren(tree);
  resolveDirection(element);
}

/**
 * `dir="auto"` takes its direction from the text, but chromium does not work it out again when the children are
 * replaced at once: setting the attribute anew makes it read the new text (Arabic or Hebrew right to left).
 */
function resolveDirection(element: HTMLElement): void {
  if (element.getAttribute('dir') !== 'auto') return;
  element.removeAttribute('dir');
  element.setAttribute('dir', 'auto');
}

function renderHtml(element: HTMLElement, html: string, maxChars: number): void {
  const template = document.createElement('template');
  template.innerHTML = html;
  clampTree(template.content as unknown as TextNode, maxChars);
  element.replaceChildren(template.content);
  resolveDirection(element);
}

/** Reports an element's width now and whenever it changes; for the ticker's entries. */
export function measureWidth(report: (width: number) => void): (element: HTMLElement) => () => void {
  return (element) => {
    const observer = new ResizeObserver(() => report(element.getBoundingClientRect().width));
    observer.observe(element);
    return () => observer.disconnect();
  };
}
