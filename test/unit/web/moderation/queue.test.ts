import { describe, expect, it } from 'vitest';
import { actionsFor, appendPage, emptyLists, placeItem, setList } from '../../../../moderation/lib/queue.js';
import { ids, item } from '../items.fixture.js';

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
});

describe('placeItem', () => {
  it('moves an item to the list of its new status', () => {
    const lists = setList(emptyLists(), 'pending', [item(1), item(2)]);
    const moved = placeItem(lists, item(1, { status: 'approved', moderatedBy: 'Alice', moderatedAt: 9000 }));
    expect(ids(moved.pending)).toEqual([2]);
    expect(ids(moved.approved)).toEqual([1]);
    expect(moved.approved[0]?.moderatedBy).toBe('Alice');
  });

  it('adds a new item and replaces an item already in place', () => {
    const lists = placeItem(placeItem(emptyLists(), item(2)), item(1));
    expect(ids(lists.pending)).toEqual([1, 2]);
    const updated = placeItem(lists, item(2, { text: 'edited' }));
    expect(ids(updated.pending)).toEqual([1, 2]);
    expect(updated.pending[1]?.text).toBe('edited');
  });

  it('leaves the lists it was given untouched', () => {
    const lists = setList(emptyLists(), 'pending', [item(1)]);
    placeItem(lists, item(1, { status: 'rejected' }));
    expect(ids(lists.pending)).toEqual([1]);
  });
});

describe('appendPage', () => {
  it('adds a further page without duplicates', () => {
    const lists = setList(emptyLists(), 'pending', [item(1), item(2)]);
    expect(ids(appendPage(lists, 'pending', [item(2), item(3)]).pending)).toEqual([1, 2, 3]);
  });
});

describe('actionsFor', () => {
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
});
