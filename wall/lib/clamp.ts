/**
 * Shortening text for the wall without cutting a word in half: messages too long for their card end at a word
 * boundary with an ellipsis, and long links show as `example.org/a-long-pa…`. The tree walk takes any object
 * shaped like a DOM node, so it runs on a `<template>` in the browser and on plain objects in the tests.
 */

const ELLIPSIS = '…';

/** Marks and spaces that look wrong right before an ellipsis. */
const TRAILING = /[\s,;:.!?·\-–—(["'«]+$/u;

/**
 * `text` cut to at most `max` characters plus an ellipsis, at the last word boundary. A single word longer than
 * the whole budget (a pasted token) is the one thing cut inside, since nothing else would fit.
 */
export function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  const head = dropBrokenSurrogate(text.slice(0, max));
  const boundary = /\s/u.test(text.charAt(max)) ? head.length : lastSpace(head);
  const kept = boundary >= 0 ? head.slice(0, boundary) : head;
  return kept.replace(TRAILING, '') + ELLIPSIS;
}

/** A link as people read it: no scheme, no `www.`, no trailing slash, at most `max` characters. */
export function shortenUrl(url: string, max = 32): string {
  const bare = url
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/^www\./i, '')
    .replace(/\/$/, '');
  if (bare.length <= max) return bare;
  return dropBrokenSurrogate(bare.slice(0, max - 1)) + ELLIPSIS;
}

/** True for a link label that is the address itself (which is worth shortening), not words. */
export function isUrlLabel(label: string): boolean {
  return /^(https?:\/\/|www\.)\S+$/i.test(label.trim());
}

/** The parts of a DOM node the tree walk uses. */
export interface TextNode {
  readonly nodeType: number;
  readonly nodeName: string;
  nodeValue: string | null;
  textContent: string | null;
  readonly childNodes: ArrayLike<TextNode>;
  getAttribute?(name: string): string | null;
  remove(): void;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/**
 * Shortens the labels of long links in place, then keeps at most `maxChars` characters of text: the text node
 * where the budget runs out ends at a word boundary with an ellipsis, and everything after it is removed.
 */
export function clampTree(root: TextNode, maxChars: number): void {
  shortenLinks(root);
  if (Number.isFinite(maxChars)) clampText(root, { left: Math.max(0, Math.floor(maxChars)), last: null });
}

/** Shortens the labels of long links in place (`example.org/a-long-pa…`), as the wall shows them. */
export function shortenLinks(node: TextNode): void {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType !== ELEMENT_NODE) continue;
    const label = child.textContent ?? '';
    const kind = child.getAttribute?.('class') ?? '';
    if (child.nodeName.toUpperCase() === 'A' && !/\b(hashtag|mention)\b/.test(kind) && isUrlLabel(label)) {
      const short = shortenUrl(label.trim());
      if (short !== label) child.textContent = short;
    } else {
      shortenLinks(child);
    }
  }
}

interface Budget {
  left: number;
  /** The last text node kept, where an ellipsis goes when the next node is dropped whole. */
  last: TextNode | null;
}

function clampText(node: TextNode, budget: Budget): void {
  for (const child of Array.from(node.childNodes)) {
    if (budget.left <= 0) {
      child.remove();
    } else if (child.nodeType === TEXT_NODE) {
      clampTextNode(child, budget);
    } else if (child.nodeType === ELEMENT_NODE) {
      clampText(child, budget);
    }
  }
}

function clampTextNode(node: TextNode, budget: Budget): void {
  const value = node.nodeValue ?? '';
  if (value.length <= budget.left) {
    budget.left -= value.length;
    if (value.trim() !== '') budget.last = node;
    return;
  }
  const cut = truncateAtWord(value, budget.left);
  budget.left = 0;
  // A node that would be cut inside its first word (a hashtag, a link) goes whole, the ellipsis after the last.
  const insideWord = !/\s/u.test(value.slice(0, cut.length)) && budget.last !== null;
  if (!insideWord) {
    node.nodeValue = cut;
    return;
  }
  node.remove();
  const last = budget.last as TextNode;
  last.nodeValue = (last.nodeValue ?? '').replace(TRAILING, '') + ELLIPSIS;
}

/**
 * Keeps only the text from character `from` to `to` of the tree (as its `textContent` counts them), for one page
 * of a message too long for its card. An image (a custom emoji) or a line break stays on the page where it stands.
 */
export function sliceTree(root: TextNode, from: number, to: number): void {
  sliceNode(root, { at: 0, from, to });
}

/** Elements that hold no text but belong where they stand: a custom emoji, a line break. */
const VOID_ELEMENTS = new Set(['IMG', 'BR']);

interface Cursor {
  at: number;
  from: number;
  to: number;
}

function sliceNode(node: TextNode, cursor: Cursor): void {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === TEXT_NODE) {
      const value = child.nodeValue ?? '';
      const start = cursor.at;
      cursor.at += value.length;
      const keep = value.slice(Math.max(0, cursor.from - start), Math.max(0, cursor.to - start));
      if (keep === '') child.remove();
      else child.nodeValue = keep;
    } else if (child.nodeType === ELEMENT_NODE) {
      const before = cursor.at;
      sliceNode(child, cursor);
      const empty = child.childNodes.length === 0;
      const inside = before >= cursor.from && before < cursor.to;
      if (empty && !(VOID_ELEMENTS.has(child.nodeName.toUpperCase()) && inside)) child.remove();
    }
  }
}

/**
 * Where the page that starts at `start` ends: at the last whitespace within `chars` characters (a single word
 * longer than a page is cut inside, as nothing else would fit), or at the end of the text.
 */
export function pageEnd(text: string, start: number, chars: number): number {
  const budget = Math.max(1, Math.floor(chars));
  if (text.length - start <= budget) return text.length;
  const head = text.slice(start, start + budget + 1);
  const space = head.search(/\s\S*$/u);
  return start + (space > 0 ? space : budget);
}

/** Where the next page starts after one that ended at `end`: past the whitespace between them. */
export function nextPageStart(text: string, end: number): number {
  const rest = /^\s*/u.exec(text.slice(end));
  return end + (rest?.[0].length ?? 0);
}

function lastSpace(text: string): number {
  const match = /\s\S*$/u.exec(text);
  return match ? match.index : -1;
}

/** Drops a lone high surrogate left by a cut, so an emoji is never split into a replacement character. */
function dropBrokenSurrogate(text: string): string {
  const last = text.charCodeAt(text.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? text.slice(0, -1) : text;
}
