import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  FAILED_RETRY_MS,
  ImagePreloader,
  ImageStatuses,
  MAX_IMAGES,
  PRELOAD_TIMEOUT_MS,
  imagesOf,
  isReady,
  withLoadedImages,
  type ImageStatus,
} from '../../../../wall/lib/preload.js';
import { publicItem } from '../items.fixture.js';

const photo = (n: number) => ({ type: 'image' as const, url: `/media/p${n}.jpg` });
const item = publicItem(1, {
  author: { name: 'Léa', avatarUrl: '/media/avatar.jpg' },
  media: [
    photo(1),
    { type: 'video', url: '/media/v.mp4', previewUrl: '/media/v.jpg' },
    { type: 'gif', url: '/media/g.mp4' },
  ],
});

function statuses(map: Record<string, ImageStatus>): (url: string) => ImageStatus | undefined {
  return (url) => map[url];
}

describe('imagesOf', () => {
  it('lists the pictures shown and the avatar', () => {
    expect(imagesOf(item)).toEqual(['/media/p1.jpg', '/media/v.jpg', '/media/avatar.jpg']);
    expect(imagesOf(publicItem(2))).toEqual([]);
  });

  it('waits for a few pictures at most', () => {
    const many = publicItem(3, { media: Array.from({ length: 10 }, (_, i) => photo(i)) });
    expect(imagesOf(many)).toHaveLength(MAX_IMAGES);
  });
});

describe('isReady', () => {
  const urls = imagesOf(item);

  it('waits while a picture is loading or unknown', () => {
    expect(isReady(urls, statuses({ '/media/p1.jpg': 'ok', '/media/v.jpg': 'loading' }), 0, 100)).toBe(false);
    expect(isReady(urls, statuses({}), 0, 100)).toBe(false);
  });

  it('is ready once every picture loaded or failed, or when the wait is over', () => {
    const settled = statuses({ '/media/p1.jpg': 'ok', '/media/v.jpg': 'failed', '/media/avatar.jpg': 'ok' });
    expect(isReady(urls, settled, 0, 100)).toBe(true);
    expect(isReady(urls, statuses({}), 0, PRELOAD_TIMEOUT_MS)).toBe(true);
    expect(isReady([], statuses({}), 0, 0)).toBe(true);
  });
});

describe('withLoadedImages', () => {
  it('keeps only the pictures that loaded and drops a failed avatar', () => {
    const shown = withLoadedImages(item, statuses({ '/media/p1.jpg': 'ok', '/media/v.jpg': 'failed' }));
    expect(shown.media.map((m) => m.url)).toEqual(['/media/p1.jpg']);
    expect(shown.author).toEqual({ name: 'Léa' });
  });

  it('drops a picture still loading when the wait ran out', () => {
    const shown = withLoadedImages(item, statuses({ '/media/p1.jpg': 'loading', '/media/avatar.jpg': 'ok' }));
    expect(shown.media).toEqual([]);
    expect(shown.author.avatarUrl).toBe('/media/avatar.jpg');
  });

  it('returns the same item when everything loaded', () => {
    const all = statuses({ '/media/p1.jpg': 'ok', '/media/v.jpg': 'ok', '/media/avatar.jpg': 'ok' });
    const simple = publicItem(4, { media: [photo(1)] });
    expect(withLoadedImages(simple, all)).toBe(simple);
  });
});

describe('ImageStatuses', () => {
  it('remembers a bounded number of pictures, forgetting the oldest first', () => {
    const memory = new ImageStatuses(3);
    for (const n of [1, 2, 3, 4]) memory.set(`/m/${n}`, 'ok', 0);
    expect(memory.size).toBe(3);
    expect(memory.get('/m/1', 0)).toBeUndefined();
    expect(memory.get('/m/4', 0)).toBe('ok');
  });

  it('refreshes an entry when it is set again', () => {
    const memory = new ImageStatuses(2);
    memory.set('/a', 'loading', 0);
    memory.set('/b', 'ok', 0);
    memory.set('/a', 'ok', 1);
    memory.set('/c', 'ok', 2);
    expect(memory.get('/a', 2)).toBe('ok');
    expect(memory.get('/b', 2)).toBeUndefined();
  });

  it('tries a failed picture again after a while', () => {
    const memory = new ImageStatuses();
    memory.set('/x', 'failed', 0);
    expect(memory.get('/x', FAILED_RETRY_MS - 1)).toBe('failed');
    expect(memory.get('/x', FAILED_RETRY_MS)).toBeUndefined();
  });
});

describe('ImagePreloader', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A loader whose pictures settle when the test says so. */
  function controlledLoader() {
    const pending = new Map<string, (ok: boolean) => void>();
    const calls: string[] = [];
    const load = (url: string) =>
      new Promise<boolean>((resolve) => {
        calls.push(url);
        pending.set(url, resolve);
      });
    return { load, calls, settle: (url: string, ok: boolean) => pending.get(url)?.(ok) };
  }

  it('lets an item in once its pictures have loaded, without the ones that failed', async () => {
    const loader = controlledLoader();
    const preloader = new ImagePreloader(loader.load);
    const done = vi.fn();
    void preloader.prepare([item]).then(done);
    await Promise.resolve();
    expect(done).not.toHaveBeenCalled();
    loader.settle('/media/p1.jpg', true);
    loader.settle('/media/v.jpg', false);
    loader.settle('/media/avatar.jpg', true);
    await vi.waitFor(() => expect(done).toHaveBeenCalled());
    expect(preloader.ready(item).media.map((m) => m.url)).toEqual(['/media/p1.jpg']);
    expect(preloader.ready(item).author.avatarUrl).toBe('/media/avatar.jpg');
  });

  it('lets an item in without its pictures after the wait, and leaves no timer behind', async () => {
    vi.useFakeTimers();
    const loader = controlledLoader();
    const preloader = new ImagePreloader(loader.load);
    const done = vi.fn();
    void preloader.prepare([item]).then(done);
    await vi.advanceTimersByTimeAsync(PRELOAD_TIMEOUT_MS - 1);
    expect(done).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toHaveBeenCalled();
    expect(preloader.ready(item).media).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('loads each picture once, and resolves at once for an item without pictures', async () => {
    const loader = controlledLoader();
    const preloader = new ImagePreloader(loader.load);
    const twice = [item, publicItem(9, { media: [photo(1)] })];
    const first = preloader.prepare(twice);
    const second = preloader.prepare([item]);
    for (const url of imagesOf(item)) loader.settle(url, true);
    await Promise.all([first, second]);
    expect(loader.calls.filter((url) => url === '/media/p1.jpg')).toHaveLength(1);
    await preloader.prepare([item]);
    expect(loader.calls).toHaveLength(3);
    await expect(preloader.prepare([publicItem(5)])).resolves.toBeUndefined();
  });

  it('counts a loader that throws as a failed picture', async () => {
    const preloader = new ImagePreloader(() => Promise.reject(new Error('boom')));
    const simple = publicItem(6, { media: [photo(1)] });
    await preloader.prepare([simple]);
    expect(preloader.ready(simple).media).toEqual([]);
  });
});
