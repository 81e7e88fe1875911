/**
 * The ticker's crawl: a strip of entries moving left at a steady speed. Entries that have left the screen are
 * dropped and the next item (fresh arrivals first, then the round) is appended just before the strip's end comes
 * into view, so the strip stays a few entries long however long it runs. Widths come from the DOM once each entry
 * is drawn; until then the strip waits, so nothing ever jumps.
 */
import type { PublicItem } from '../../server/protocol/items.js';
import { EMPTY_CYCLE, dropFresh, pushFresh, takeNext, type Cycle } from './rotation.js';

export interface TickerEntry {
  /** Unique in the strip: the same item may come round again. */
  key: number;
  id: number;
  /** Measured width in pixels, separator included; null until drawn. */
  width: number | null;
}

export interface TickerState {
  entries: TickerEntry[];
  /** Position of the strip's left edge from the crawl's left edge, in pixels (negative once it moves). */
  offset: number;
  nextKey: number;
  cycle: Cycle;
  /** False until the first entry: the first strip starts on screen, later ones come in from the right. */
  started: boolean;
}

export const TICKER_START: TickerState = { entries: [], offset: 0, nextKey: 1, cycle: EMPTY_CYCLE, started: false };

/** A frame longer than this (a background tab) moves the strip as if it were this long, never by a leap. */
export const MAX_FRAME_MS = 100;

/** The next entry is appended when the strip ends less than this share of the crawl's width past its edge. */
export const LOOKAHEAD = 0.25;

export function tickerArrive(state: TickerState, id: number): TickerState {
  return { ...state, cycle: pushFresh(state.cycle, id) };
}

export function tickerMeasure(state: TickerState, key: number, width: number): TickerState {
  const entry = state.entries.find((candidate) => candidate.key === key);
  if (!entry || entry.width === width) return state;
  return {
    ...state,
    entries: state.entries.map((candidate) => (candidate.key === key ? { ...candidate, width } : candidate)),
  };
}

/** A hidden item leaves the strip at once (the entries after it close the gap). */
export function tickerRemove(state: TickerState, id: number): TickerState {
  const entries = state.entries.filter((entry) => entry.id !== id);
  const cycle = dropFresh(state.cycle, id);
  return entries.length === state.entries.length && cycle === state.cycle ? state : { ...state, entries, cycle };
}

export interface TickerFrame {
  /** Time since the previous frame. */
  elapsedMs: number;
  /** Pixels per second. */
  speed: number;
  /** Width of the crawl area in pixels. */
  viewport: number;
  /** Items to draw from, newest first. */
  pool: readonly PublicItem[];
}

export interface TickerStep {
  state: TickerState;
  wrapped: boolean;
}

/** One animation frame: move, drop what has left, append the next item when the end of the strip nears. */
export function tickerStep(state: TickerState, frame: TickerFrame): TickerStep {
  let next = state;
  if (next.entries.length > 0) {
    const moved = (frame.speed * Math.min(Math.max(0, frame.elapsedMs), MAX_FRAME_MS)) / 1000;
    next = { ...next, offset: next.offset - moved };
  }
  next = dropPassed(next);
  const measured = next.entries.every((entry) => entry.width !== null);
  // Appended a little beyond the right edge, an entry is drawn and measured before it comes into view.
  if (!measured || stripEnd(next) > frame.viewport * (1 + LOOKAHEAD)) return { state: next, wrapped: false };
  const held = new Set(next.entries.map((entry) => entry.id));
  let pick = takeNext(next.cycle, frame.pool, held);
  // Fewer items than the strip holds: let one come round again, just not twice in a row.
  if (pick.id === null && frame.pool.length > 0) {
    const last = next.entries.at(-1)?.id;
    pick = takeNext(next.cycle, frame.pool, new Set(last === undefined || frame.pool.length === 1 ? [] : [last]));
  }
  if (pick.id === null) return { state: next, wrapped: false };
  const offset = next.entries.length > 0 ? next.offset : next.started ? frame.viewport : 0;
  const entry = { key: next.nextKey, id: pick.id, width: null };
  return {
    state: { entries: [...next.entries, entry], offset, nextKey: next.nextKey + 1, cycle: pick.cycle, started: true },
    wrapped: pick.wrapped,
  };
}

/** Where the strip ends, in pixels from the crawl's left edge. */
export function stripEnd(state: TickerState): number {
  return state.entries.reduce((end, entry) => end + (entry.width ?? 0), state.offset);
}

function dropPassed(state: TickerState): TickerState {
  let { offset } = state;
  let first = 0;
  for (const entry of state.entries) {
    if (entry.width === null || offset + entry.width > 0) break;
    offset += entry.width;
    first += 1;
  }
  return first === 0 ? state : { ...state, entries: state.entries.slice(first), offset };
}
