/**
 * "Never a broken image" on the wall: an item with pictures goes up once they have loaded, or without them after
 * `PRELOAD_TIMEOUT_MS`; a failed avatar gives way to initials. The loading itself is the browser's (injected);
 * here are the decisions and a bounded memory of what loaded, so a picture is fetched once per session.
 */
import type { PublicItem } from '../../server/protocol/items.js';
import { displayImages, shownImageUrl } from './items.js';

export type ImageStatus = 'loading' | 'ok' | 'failed';

/** How long an item waits for its pictures before going up without them. */
export const PRELOAD_TIMEOUT_MS = 5_000;
/** A failed picture is tried again after this long (the media proxy may have recovered). */
export const FAILED_RETRY_MS = 5 * 60_000;
/** Pictures remembered at most; the oldest are forgotten first. */
export const STATUS_CAP = 600;
/** Pictures of one item the wall shows at most, so a post with twenty photos does not hold the queue. */
export const MAX_IMAGES = 4;

/** What became of each picture address, bounded, oldest forgotten first. */
export class ImageStatuses {
  readonly #entries = new Map<string, { status: ImageStatus; at: number }>();
  readonly #cap: number;

  constructor(cap = STATUS_CAP) {
    this.#cap = cap;
  }

  /** The status of `url`; a failure older than `FAILED_RETRY_MS` counts as unknown so it is tried again. */
  get(url: string, now: number): ImageStatus | undefined {
    const entry = this.#entries.get(url);
    if (!entry) return undefined;
    if (entry.status === 'failed' && now - entry.at >= FAILED_RETRY_MS) return undefined;
    return entry.status;
  }

  set(url: string, status: ImageStatus, now: number): void {
    this.#entries.delete(url);
    this.#entries.set(url, { status, at: now });
    while (this.#entries.size > this.#cap) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** The pictures an item needs before it goes up: the ones it shows, and its author's avatar. */
export function imagesOf(item: PublicItem): string[] {
  const urls = displayImages(item.media)
    .slice(0, MAX_IMAGES)
    .map((image) => image.src);
  if (item.author.avatarUrl) urls.push(item.author.avatarUrl);
  return [...new Set(urls)];
}

/** Ready once no picture is still loading, or once the wait is over. */
export function isReady(
  urls: readonly string[],
  statusOf: (url: string) => ImageStatus | undefined,
  waitingSince: number,
  now: number,
): boolean {
  if (now - waitingSince >= PRELOAD_TIMEOUT_MS) return true;
  return urls.every((url) => {
    const status = statusOf(url);
    return status === 'ok' || status === 'failed';
  });
}

/**
 * The item as the wall shows it: only the pictures that loaded, and no avatar address when the avatar did not
 * (the card draws initials). Unchanged (the same object) when everything loaded.
 */
export function withLoadedImages(item: PublicItem, statusOf: (url: string) => ImageStatus | undefined): PublicItem {
  const loaded = (url: string | undefined) => url !== undefined && statusOf(url) === 'ok';
  const media = item.media.filter((entry) => loaded(shownImageUrl(entry)));
  const avatarOk = !item.author.avatarUrl || loaded(item.author.avatarUrl);
  if (media.length === item.media.length && avatarOk) return item;
  const { avatarUrl: _dropped, ...author } = item.author;
  return { ...item, media, author: avatarOk ? item.author : author };
}

/**
 * Loads the pictures of items about to go up, once per session, and says how each item may be shown: with the
 * pictures that loaded in time. `load` is the browser's (`dom/load-image.ts`), injected.
 */
export class ImagePreloader {
  readonly #statuses = new ImageStatuses();
  readonly #loading = new Map<string, Promise<void>>();
  readonly #load: (url: string) => Promise<boolean>;
  readonly #now: () => number;

  constructor(load: (url: string) => Promise<boolean>, now: () => number = Date.now) {
    this.#load = load;
    this.#now = now;
  }

  /** Starts loading the items' pictures; resolves when all have settled or after `PRELOAD_TIMEOUT_MS`. */
  async prepare(items: readonly PublicItem[]): Promise<void> {
    const loads = [...new Set(items.flatMap(imagesOf))].map((url) => this.#start(url));
    if (loads.length === 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, PRELOAD_TIMEOUT_MS)));
    await Promise.race([Promise.all(loads), timeout]);
    clearTimeout(timer);
  }

  /** The item as it may be shown now: see `withLoadedImages`. */
  ready(item: PublicItem): PublicItem {
    const now = this.#now();
    return withLoadedImages(item, (url) => this.#statuses.get(url, now));
  }

  #start(url: string): Promise<void> {
    const inFlight = this.#loading.get(url);
    if (inFlight) return inFlight;
    const now = this.#now();
    if (this.#statuses.get(url, now) !== undefined) return Promise.resolve();
    this.#statuses.set(url, 'loading', now);
    const done = this.#load(url)
      .catch(() => false)
      .then((ok) => {
        this.#statuses.set(url, ok ? 'ok' : 'failed', this.#now());
        this.#loading.delete(url);
      });
    this.#loading.set(url, done);
    return done;
  }
}
