import { describe, expect, it } from 'vitest';
import {
  RecentIds,
  displayImages,
  mergeItems,
  partitionNewer,
  reconcileSnapshot,
  removeItem,
  replaceItem,
  syncPinned,
  upsertItem,
  wallOrder,
} from '../../../../wall/lib/items.js';
import { ids, publicItem } from '../items.fixture.js';

const list = [publicItem(5), publicItem(3), publicItem(1)];

describe('upsertItem', () => {
  it('inserts at its place by shownAt, newest first', () => {
    expect(ids(upsertItem(list, publicItem(4)))).toEqual([5, 4, 3, 1]);
  });

  it('replaces an item with the same id instead of duplicating it', () => {
    const edited = publicItem(3, { text: 'edited' });
    const result = upsertItem(list, edited);
    expect(ids(result)).toEqual([5, 3, 1]);
    expect(result[1]?.text).toBe('edited');
  });

  it('drops the oldest past the cap', () => {
    expect(ids(upsertItem(list, publicItem(6), 3))).toEqual([6, 5, 3]);
  });

  it('falls back to createdAt, then id, for the order', () => {
    const a = publicItem(10, { shownAt: null, createdAt: 2000 });
    const b = publicItem(11, { shownAt: 2000 });
    expect(ids(upsertItem([a], b))).toEqual([11, 10]);
  });

  it('does not mutate the list it is given', () => {
    upsertItem(list, publicItem(9));
    expect(ids(list)).toEqual([5, 3, 1]);
  });
});

describe('replaceItem and removeItem', () => {
  it('only replaces an item already listed', () => {
    expect(ids(replaceItem(list, publicItem(2)))).toEqual([5, 3, 1]);
    expect(replaceItem(list, publicItem(5, { text: 'new' }))[0]?.text).toBe('new');
  });

  it('removes by id', () => {
    expect(ids(removeItem(list, 3))).toEqual([5, 1]);
    expect(ids(removeItem(list, 42))).toEqual([5, 3, 1]);
  });
});

describe('mergeItems', () => {
  it('unions by id, newest first, the incoming copy winning', () => {
    const merged = mergeItems(list, [publicItem(4), publicItem(1, { text: 'fresh' })]);
    expect(ids(merged)).toEqual([5, 4, 3, 1]);
    expect(merged.at(-1)?.text).toBe('fresh');
  });
});

describe('reconcileSnapshot', () => {
  it('replaces what the snapshot covers and keeps older items', () => {
    // 4 was hidden while offline, 6 arrived; 1 and 2 are older pages the reader loaded.
    const current = [publicItem(4), publicItem(3), publicItem(2), publicItem(1)];
    expect(ids(reconcileSnapshot(current, [publicItem(6), publicItem(3)]))).toEqual([6, 3, 2, 1]);
  });

  it('empties the list on an empty snapshot and applies the cap', () => {
    expect(reconcileSnapshot(list, [])).toEqual([]);
    expect(ids(reconcileSnapshot([], [publicItem(1), publicItem(3), publicItem(2)], 2))).toEqual([3, 2]);
  });
});

describe('partitionNewer', () => {
  it('splits around the pivot', () => {
    const { newer, rest } = partitionNewer([publicItem(7), publicItem(6), ...list], publicItem(5));
    expect(ids(newer)).toEqual([7, 6]);
    expect(ids(rest)).toEqual([5, 3, 1]);
  });

  it('counts everything as newer without a pivot', () => {
    expect(ids(partitionNewer(list, undefined).newer)).toEqual([5, 3, 1]);
  });
});

describe('wallOrder and syncPinned', () => {
  it('puts pinned items first, without duplicates', () => {
    const pinned = [publicItem(1, { pinned: true }), publicItem(3, { pinned: true })];
    expect(ids(wallOrder(pinned, list))).toEqual([3, 1, 5]);
  });

  it('follows the pinned flag of an update', () => {
    const pinned = syncPinned([], publicItem(3, { pinned: true }));
    expect(ids(pinned)).toEqual([3]);
    expect(syncPinned(pinned, publicItem(3, { pinned: false }))).toEqual([]);
  });
});

describe('displayImages', () => {
  it('shows photos, and videos or GIFs only through their preview', () => {
    const images = displayImages([
      { type: 'image', url: '/media/a.jpg', alt: 'A cat' },
      { type: 'video', url: '/media/b.mp4', previewUrl: '/media/b.jpg' },
      { type: 'gif', url: '/media/c.mp4' },
    ]);
    expect(images).toEqual([
      { src: '/media/a.jpg', alt: 'A cat' },
      { src: '/media/b.jpg', alt: '' },
    ]);
  });

  it('loads a large photo’s screen-sized rendition when the server made one', () => {
    const images = displayImages([
      { type: 'image', url: '/media/uploads/big.jpg', previewUrl: '/media/uploads/big-1280.jpg', alt: 'La salle' },
    ]);
    expect(images).toEqual([{ src: '/media/uploads/big-1280.jpg', alt: 'La salle' }]);
  });
});

describe('RecentIds', () => {
  it('remembers the last ids up to its cap', () => {
    const recent = new RecentIds(2);
    recent.add(1);
    recent.add(2);
    recent.add(1);
    recent.add(3);
    expect([1, 2, 3].map((id) => recent.has(id))).toEqual([true, false, true]);
    recent.delete(3);
    expect(recent.has(3)).toBe(false);
  });
});
