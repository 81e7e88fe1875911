/**
 * Draws text into the wall's boxes. The size comes from `fitText`'s estimate; once drawn, the element is measured
 * and, in the rare case the estimate was generous (wide glyphs, many short lines), the type is stepped down to the
 * smallest size allowed and then the text is ended earlier at a word boundary, until nothing is cut.
 *
 * An item's HTML was sanitized by the server's pipeline (allow-listed tags, safe links): parsing it in a
 * `<template>` runs nothing, as with `{@html}`.
 */
import { clampTree, truncateAtWord, type TextNode } from '../lib/clamp.js';

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
    } else {
      max = Math.floor(Math.min(max, (element.textContent ?? '').length) * CUT);
    }
    draw();
  }
  element.style.overflowWrap = '';
}

function renderHtml(element: HTMLElement, html: string, maxChars: number): void {
  const template = document.createElement('template');
  template.innerHTML = html;
  clampTree(template.content as unknown as TextNode, maxChars);
  element.replaceChildren(template.content);
}

/** Reports an element's width now and whenever it changes; for the ticker's entries. */
export function measureWidth(report: (width: number) => void): (element: HTMLElement) => () => void {
  return (element) => {
    const observer = new ResizeObserver(() => report(element.getBoundingClientRect().width));
    observer.observe(element);
    return () => observer.disconnect();
  };
}
