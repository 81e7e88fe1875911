import { describe, expect, it } from 'vitest';
import { dropFrozen, heldItems, isDeparted, updateFrozen, withPage } from '../../../../moderation/lib/live.js';
import { NO_FILTER } from '../../../../moderation/lib/queue.js';
import { ids, item, moderated } from './fixture.js';

describe('a paused live list', () => {
  const frozen = [item(1), item(2), item(3)];

  it('holds new items behind the "N new" button', () => {
    const live = [item(1), item(3), item(4), item(5)];
    expect(ids(heldItems(live, frozen))).toEqual([4, 5]);
    expect(heldItems(frozen, frozen)).toEqual([]);
  });

  it('keeps a row someone else moved, in place, with its new state', () => {
    const after = updateFrozen(frozen, moderated(2, 'approved', 'Léa'));
    expect(ids(after)).toEqual([1, 2, 3]);
    expect(after[1]?.moderatedBy).toBe('Léa');
    expect(isDeparted(after[1]!, 'pending', NO_FILTER)).toBe(true);
    expect(isDeparted(after[0]!, 'pending', NO_FILTER)).toBe(false);
    expect(updateFrozen(frozen, item(9))).toBe(frozen);
  });

  it('counts a row that no longer matches the filter as departed', () => {
    expect(isDeparted(item(1), 'pending', { ...NO_FILTER, starred: true })).toBe(true);
  });

  it('takes out the rows the moderator acts on', () => {
    expect(ids(dropFrozen(frozen, 2))).toEqual([1, 3]);
  });

  it('adds a page loaded while paused, in the live order, and nothing else', () => {
    const live = [item(1), item(2), item(3), item(4), item(5), item(6)];
    expect(ids(withPage(frozen, live, [item(5), item(4)]))).toEqual([1, 2, 3, 4, 5]);
    expect(withPage(frozen, live, [item(2)])).toBe(frozen);
  });
});
