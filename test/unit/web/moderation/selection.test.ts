import { describe, expect, it } from 'vitest';
import { compareForStatus, displayCompare } from '../../../../moderation/lib/queue.js';
import {
  NO_IDS,
  bulkTargets,
  moveSelection,
  nextAfter,
  pruneIds,
  resolveSelection,
  toggleId,
} from '../../../../moderation/lib/selection.js';
import { ids, item } from './fixture.js';

const pending = compareForStatus('pending');
const rows = [item(1), item(2), item(3), item(4)];

describe('resolveSelection', () => {
  it('selects the first row when nothing was chosen, nothing when the list is empty', () => {
    expect(resolveSelection(rows, null, pending)?.id).toBe(1);
    expect(resolveSelection([], item(1), pending)).toBeNull();
  });

  it('keeps the chosen item, with its latest copy', () => {
    const latest = [item(1), item(2, { starredBy: 'Léa' }), item(3)];
    expect(resolveSelection(latest, item(2), pending)).toBe(latest[1]);
  });

  it('falls on the next row when the chosen one left (acted on here or by someone else)', () => {
    expect(resolveSelection([item(1), item(3), item(4)], item(2), pending)?.id).toBe(3);
  });

  it('falls on the last row when the chosen one was last', () => {
    expect(resolveSelection([item(1), item(2)], item(4), pending)?.id).toBe(2);
  });

  it('follows the order shown (newest first)', () => {
    const newest = displayCompare('pending', true);
    expect(resolveSelection([item(4), item(2), item(1)], item(3), newest)?.id).toBe(2);
  });
});

describe('moveSelection', () => {
  it('moves one row down and up and stops at the ends', () => {
    expect(moveSelection(rows, rows[1] ?? null, 1)?.id).toBe(3);
    expect(moveSelection(rows, rows[1] ?? null, -1)?.id).toBe(1);
    expect(moveSelection(rows, rows[3] ?? null, 1)?.id).toBe(4);
    expect(moveSelection(rows, rows[0] ?? null, -1)?.id).toBe(1);
  });

  it('starts from the top when nothing is selected', () => {
    expect(moveSelection(rows, null, 1)?.id).toBe(1);
    expect(moveSelection([], null, 1)).toBeNull();
  });
});

describe('nextAfter', () => {
  it('is the next row not waiting for an ack, else the previous one', () => {
    const busy = new Set([3]);
    expect(nextAfter(rows, item(2), (row) => busy.has(row.id))?.id).toBe(4);
    expect(nextAfter(rows, item(4), (row) => busy.has(row.id))?.id).toBe(2);
    expect(nextAfter([item(1)], item(1), () => false)).toBeNull();
    expect(nextAfter(rows, item(9), () => false)).toBeNull();
  });
});

describe('bulk selection', () => {
  it('toggles ids without changing the set it was given', () => {
    const one = toggleId(NO_IDS, 2);
    expect([...one]).toEqual([2]);
    expect(NO_IDS.size).toBe(0);
    expect(toggleId(one, 2).size).toBe(0);
  });

  it('lists the selected rows in the order shown', () => {
    const set = toggleId(toggleId(NO_IDS, 4), 1);
    expect(ids(bulkTargets(rows, set))).toEqual([1, 4]);
    expect(bulkTargets(rows, NO_IDS)).toEqual([]);
  });

  it('drops ids no longer shown, keeping the same set when nothing went', () => {
    const set = toggleId(toggleId(NO_IDS, 1), 9);
    expect([...pruneIds(set, rows)]).toEqual([1]);
    const kept = toggleId(NO_IDS, 1);
    expect(pruneIds(kept, rows)).toBe(kept);
  });
});
