/**
 * The mosaic's cards over time. A live arrival takes the first card and the others move along; when nothing new
 * has come for a while, every few seconds the card that has been up longest gives way to an earlier item, in
 * place, so the wall keeps moving without reshuffling. A reducer of plain values: the caller owns the clock.
 */
import type { PublicItem } from '../../server/protocol/items.js';
import { EMPTY_CYCLE, dropFresh, takeNext, type Cycle } from './rotation.js';

export const MOSAIC_TIMING = {
  /** Quiet time after the last arrival before earlier items come back. */
  idleMs: 20_000,
  /** Time between two cards changing while the wall is quiet. */
  swapMs: 6_000,
} as const;

export interface MosaicSlot {
  id: number;
  /** When it went up. */
  since: number;
}

export interface MosaicState {
  /** The cards, in reading order. Pinned items are shown apart and never in here. */
  slots: MosaicSlot[];
  cycle: Cycle;
  /** When something last arrived live. */
  arrivedAt: number;
  /** When a card last changed. */
  changedAt: number;
  /** Cards changed while quiet so far; spreads the changes over the wall. */
  swaps: number;
}

/**
 * How many cards fit: a number, or how many of the leading ones of a list fit (cards of several sizes, see
 * mosaic-pack.ts).
 */
export type MosaicFit = number | ((ids: readonly number[]) => number);

function fitting(fit: MosaicFit, ids: readonly number[]): number {
  return typeof fit === 'number' ? Math.max(0, Math.min(ids.length, fit)) : fit(ids);
}

/** Candidates tried at most when looking for an item that fits a hole the large cards left. */
const FILL_TRIES = 200;

export function mosaicStart(now: number): MosaicState {
  return { slots: [], cycle: EMPTY_CYCLE, arrivedAt: now, changedAt: now, swaps: 0 };
}

/** A live arrival goes up first; the last card makes room when the wall is full. */
export function mosaicArrive(state: MosaicState, id: number, fit: MosaicFit, now: number): MosaicState {
  const moved = [{ id, since: now }, ...state.slots.filter((slot) => slot.id !== id)];
  const slots = moved.slice(
    0,
    fitting(
      fit,
      moved.map((slot) => slot.id),
    ),
  );
  return { ...state, slots, cycle: dropFresh(state.cycle, id), arrivedAt: now, changedAt: now };
}

/**
 * Keeps the cards in step with the items the wall holds (`pool`, newest first, pinned left out): drops the ones
 * gone (hidden, pinned since), trims to what fits, and fills empty places with the newest items not shown that
 * fit there (a hole too small for the next item takes a later, shorter one).
 */
export function mosaicFill(state: MosaicState, pool: readonly PublicItem[], fit: MosaicFit, now: number): MosaicState {
  const inPool = new Set(pool.map((item) => item.id));
  const held = state.slots.filter((slot) => inPool.has(slot.id));
  let slots = held.slice(
    0,
    fitting(
      fit,
      held.map((slot) => slot.id),
    ),
  );
  const ids = slots.map((slot) => slot.id);
  let tries = 0;
  for (const item of pool) {
    if (typeof fit === 'number' ? ids.length >= fit : tries >= FILL_TRIES) break;
    if (ids.includes(item.id)) continue;
    tries += 1;
    if (fitting(fit, [...ids, item.id]) === ids.length + 1) ids.push(item.id);
  }
  if (ids.length > slots.length) {
    slots = [...slots, ...ids.slice(slots.length).map((id) => ({ id, since: now }))];
  }
  const same = slots.length === state.slots.length && slots.every((slot, i) => slot === state.slots[i]);
  return same ? state : { ...state, slots };
}

export interface MosaicTick {
  state: MosaicState;
  /** Every item held has come back once: time to fetch an older page, if there is one. */
  wrapped: boolean;
}

/**
 * While the wall is quiet, every `swapMs` the card up longest gives way, in place, to the next earlier item; never
 * before the room had time to read it (`readMs` of the item, nothing by default).
 */
export function mosaicTick(
  state: MosaicState,
  pool: readonly PublicItem[],
  now: number,
  timing: { idleMs: number; swapMs: number } = MOSAIC_TIMING,
  readMs: (id: number) => number = () => 0,
): MosaicTick {
  const quiet = now - state.arrivedAt >= timing.idleMs && now - state.changedAt >= timing.swapMs;
  if (!quiet || state.slots.length === 0) return { state, wrapped: false };
  const read = state.slots.filter((slot) => now - slot.since >= readMs(slot.id));
  if (read.length === 0) return { state, wrapped: false };
  const pick = takeNext(state.cycle, pool, new Set(state.slots.map((slot) => slot.id)));
  if (pick.id === null) return { state: { ...state, changedAt: now }, wrapped: false };
  const target = state.slots.indexOf(read[longestShown(read, state.swaps)]!);
  const slots = state.slots.map((slot, index) => (index === target ? { id: pick.id as number, since: now } : slot));
  return {
    state: { ...state, slots, cycle: pick.cycle, changedAt: now, swaps: state.swaps + 1 },
    wrapped: pick.wrapped,
  };
}

/** The index of the card up longest; among equals (all the cards of a first screen), a spread-out one. */
export function longestShown(slots: readonly MosaicSlot[], swaps: number): number {
  const oldest = Math.min(...slots.map((slot) => slot.since));
  const candidates = slots.flatMap((slot, index) => (slot.since === oldest ? [index] : []));
  // Stepping by a number coprime with most grid sizes visits the tied cards in a scattered order.
  return candidates[(swaps * 7 + candidates.length - 1) % candidates.length] ?? 0;
}
