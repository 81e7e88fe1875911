import { describe, expect, it } from 'vitest';
import type { Item } from '../../../../server/protocol/items.js';
import {
  NO_FILTER,
  actionsFor,
  appendPage,
  canApply,
  displayCompare,
  displayOrder,
  emptyLists,
  foldForSearch,
  insertSorted,
  compareForStatus,
  matchesFilter,
  noCursors,
  normalizeItem,
  placeItem,
  replaceItem,
  setList,
  statusAfter,
} from '../../../../moderation/lib/queue.js';
import { ids, item, moderated } from './fixture.js';

describe('setList', () => {
  it('orders pending oldest first', () => {
    const lists = setList(emptyLists(), 'pending', [item(3), item(1), item(2)]);
    expect(ids(lists.pending)).toEqual([1, 2, 3]);
  });

  it('orders the other statuses by most recent decision first', () => {
    const approved = [
      item(1, { status: 'approved', moderatedAt: 5000 }),
      item(2, { status: 'approved', moderatedAt: 9000 }),
      item(3, { status: 'approved', moderatedAt: null }),
    ];
    expect(ids(setList(emptyLists(), 'approved', approved).approved)).toEqual([2, 1, 3]);
  });

  it('keeps an item sent twice once (rows are keyed by id)', () => {
    expect(ids(setList(emptyLists(), 'pending', [item(1), item(2), item(1)]).pending)).toEqual([1, 2]);
  });

  it('treats the fields an older server leaves out as null', () => {
    const { starredBy: _star, holdUntil: _hold, ...old } = item(1);
    const [normalized] = setList(emptyLists(), 'pending', [old as Item]).pending;
    expect(normalized).toMatchObject({ starredBy: null, holdUntil: null });
    const complete = item(2);
    expect(normalizeItem(complete)).toBe(complete);
  });
});

describe('placeItem: notices move items between tabs', () => {
  it('moves an approved item from pending to the top of approved', () => {
    let lists = setList(emptyLists(), 'pending', [item(1), item(2)]);
    lists = setList(lists, 'approved', [moderated(9, 'approved', 'Léa', 1000)]);
    const moved = placeItem(lists, moderated(1, 'approved', 'Alice', 9000));
    expect(ids(moved.pending)).toEqual([2]);
    expect(ids(moved.approved)).toEqual([1, 9]);
    expect(moved.approved[0]?.moderatedBy).toBe('Alice');
  });

  it('brings an undone item back to its place in pending', () => {
    const lists = setList(emptyLists(), 'pending', [item(1), item(3)]);
    const back = placeItem(placeItem(lists, moderated(2, 'rejected')), item(2));
    expect(ids(back.pending)).toEqual([1, 2, 3]);
    expect(back.rejected).toEqual([]);
  });

  it('replaces a starred item in place', () => {
    const lists = setList(emptyLists(), 'pending', [item(1), item(2), item(3)]);
    const starred = placeItem(lists, item(2, { starredBy: 'Léa' }));
    expect(ids(starred.pending)).toEqual([1, 2, 3]);
    expect(starred.pending[1]?.starredBy).toBe('Léa');
  });

  it('keeps the identity of the lists it does not touch, and returns the same lists when nothing moves', () => {
    const lists = setList(setList(emptyLists(), 'pending', [item(1)]), 'approved', [moderated(5, 'approved')]);
    const next = placeItem(lists, item(2));
    expect(next.approved).toBe(lists.approved);
    expect(next.pending).not.toBe(lists.pending);
    const filtered = placeItem(lists, item(3, { source: 'sms' }), { filter: { ...NO_FILTER, source: 'web' } });
    expect(filtered).toBe(lists);
  });

  it('leaves the lists it was given untouched', () => {
    const lists = setList(emptyLists(), 'pending', [item(1)]);
    placeItem(lists, item(1, { status: 'rejected' }));
    expect(ids(lists.pending)).toEqual([1]);
  });

  it('keeps the loaded part of a paged list contiguous', () => {
    const lists = setList(emptyLists(), 'pending', [item(1), item(2), item(3)]);
    const cursors = { ...noCursors(), pending: 'next-page' };
    // Newer than the last loaded row: it will come with a later page.
    expect(ids(placeItem(lists, item(10), { cursors }).pending)).toEqual([1, 2, 3]);
    // Within the loaded rows (an undo brings an old item back): it goes in.
    const undone = item(2.5, { receivedAt: 2500 });
    expect(ids(placeItem(lists, undone, { cursors }).pending)).toEqual([1, 2, 2.5, 3]);
    // Shown newest first, a new item is where the moderator looks: it goes in.
    expect(ids(placeItem(lists, item(10), { cursors, keepNewest: true }).pending)).toEqual([1, 2, 3, 10]);
    // A complete list takes everything.
    expect(ids(placeItem(lists, item(10), { cursors: noCursors() }).pending)).toEqual([1, 2, 3, 10]);
  });

  it('takes out an item that no longer matches the filter', () => {
    const filter = { ...NO_FILTER, starred: true };
    const lists = setList(emptyLists(), 'pending', [item(1, { starredBy: 'Léa' }), item(2, { starredBy: 'Léa' })]);
    expect(ids(placeItem(lists, item(1), { filter }).pending)).toEqual([2]);
  });
});

describe('replaceItem', () => {
  it('replaces in place or returns the same lists', () => {
    const lists = setList(emptyLists(), 'pending', [item(1), item(2)]);
    expect(replaceItem(lists, item(2, { text: 'edited' })).pending[1]?.text).toBe('edited');
    expect(replaceItem(lists, item(7))).toBe(lists);
  });
});

describe('appendPage', () => {
  it('adds a further page without duplicates', () => {
    const lists = setList(emptyLists(), 'pending', [item(1), item(2)]);
    expect(ids(appendPage(lists, 'pending', [item(2), item(3)]).pending)).toEqual([1, 2, 3]);
  });
});

describe('insertSorted', () => {
  it('inserts at the sorted place, after equal keys', () => {
    const compare = compareForStatus('pending');
    expect(ids(insertSorted([item(1), item(3)], item(2), compare))).toEqual([1, 2, 3]);
    expect(ids(insertSorted([], item(2), compare))).toEqual([2]);
    expect(ids(insertSorted([item(1)], item(0), compare))).toEqual([0, 1]);
  });

  it('finds the place in 50,000 rows by halving: at most 17 comparisons an insert', () => {
    const compare = compareForStatus('pending');
    let comparisons = 0;
    const counted: typeof compare = (a, b) => {
      comparisons += 1;
      return compare(a, b);
    };
    let list = Array.from({ length: 50_000 }, (_, index) => item(index * 2));
    for (let index = 0; index < 200; index += 1) list = insertSorted(list, item(index * 2 + 1), counted);
    expect(comparisons).toBeLessThanOrEqual(200 * 17);
    expect(ids(list.slice(0, 5))).toEqual([0, 1, 2, 3, 4]);
    expect(list).toHaveLength(50_200);
  });
});

describe('display order', () => {
  it('shows pending newest first on request, other tabs as they are', () => {
    const pending = [item(1), item(2)];
    expect(ids(displayOrder(pending, 'pending', true))).toEqual([2, 1]);
    expect(displayOrder(pending, 'pending', false)).toBe(pending);
    expect(displayOrder(pending, 'approved', true)).toBe(pending);
    expect(displayCompare('pending', true)(item(1), item(2))).toBeGreaterThan(0);
  });
});

describe('filters', () => {
  it('matches text and author without case or accents, like the server', () => {
    const entry = item(1, { text: 'Le débat était génial', author: { name: 'Élodie', handle: '@elo' } });
    expect(matchesFilter(entry, { ...NO_FILTER, search: 'DEBAT' })).toBe(true);
    expect(matchesFilter(entry, { ...NO_FILTER, search: 'elodie' })).toBe(true);
    expect(matchesFilter(entry, { ...NO_FILTER, search: '@elo' })).toBe(true);
    expect(matchesFilter(entry, { ...NO_FILTER, search: 'mairie' })).toBe(false);
    expect(foldForSearch('Ça Où')).toBe('ca ou');
  });

  it('matches source and star', () => {
    expect(matchesFilter(item(1, { source: 'sms' }), { ...NO_FILTER, source: 'sms' })).toBe(true);
    expect(matchesFilter(item(1), { ...NO_FILTER, source: 'sms' })).toBe(false);
    expect(matchesFilter(item(1), { ...NO_FILTER, starred: true })).toBe(false);
    expect(matchesFilter(item(1, { starredBy: 'Léa' }), { ...NO_FILTER, starred: true })).toBe(true);
  });
});

describe('actions', () => {
  it('offers approve and reject for pending items', () => {
    expect(actionsFor({ status: 'pending', pinned: false }).map((button) => button.label)).toEqual([
      'approve',
      'reject',
    ]);
  });

  it('offers hide and pin or unpin for approved items', () => {
    expect(actionsFor({ status: 'approved', pinned: false }).map((button) => button.action)).toEqual(['hide', 'pin']);
    expect(actionsFor({ status: 'approved', pinned: true }).map((button) => button.action)).toEqual(['hide', 'unpin']);
  });

  it('restores rejected and hidden items by approving them', () => {
    for (const status of ['rejected', 'hidden'] as const) {
      expect(actionsFor({ status, pinned: false })).toEqual([{ action: 'approve', label: 'restore' }]);
    }
  });

  it('knows which actions the server accepts, and where they lead', () => {
    expect(canApply('approve', { status: 'approved', pinned: false })).toBe(false);
    expect(canApply('hide', { status: 'pending', pinned: false })).toBe(false);
    expect(canApply('pin', { status: 'approved', pinned: true })).toBe(false);
    expect(canApply('unpin', { status: 'approved', pinned: true })).toBe(true);
    expect(canApply('reject', { status: 'hidden', pinned: false })).toBe(true);
    expect(statusAfter('pin')).toBe('approved');
    expect(statusAfter('hide')).toBe('hidden');
    expect(statusAfter('reject')).toBe('rejected');
  });
});
