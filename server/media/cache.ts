/**
 * The image cache in the data folder: one file per image, named by the SHA-256 of its URL, with its content type
 * in a sidecar. Bounded: past the configured size the least recently written files go first.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface CachedImage {
  file: string;
  contentType: string;
}

export function createImageCache(dir: string, maxBytes: number) {
  mkdirSync(dir, { recursive: true });
  let total: number | null = null;
  const keyOf = (url: string) => createHash('sha256').update(url).digest('hex');

  function sizeOnDisk(): number {
    total ??= readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
    return total;
  }

  /** Removes the oldest images until the cache is back under 80% of its budget. */
  function prune(): void {
    if (sizeOnDisk() <= maxBytes) return;
    const files = readdirSync(dir)
      .filter((name) => name.endsWith('.bin'))
      .map((name) => ({ name, stat: statSync(join(dir, name)) }))
      .sort((a, b) => a.stat.mtimeMs - b.stat.mtimeMs);
    for (const { name, stat } of files) {
      if (sizeOnDisk() <= maxBytes * 0.8) break;
      rmSync(join(dir, name), { force: true });
      rmSync(join(dir, name.replace(/\.bin$/, '.json')), { force: true });
      total = sizeOnDisk() - stat.size;
    }
  }

  return {
    async get(url: string): Promise<CachedImage | null> {
      const key = keyOf(url);
      try {
        const meta = JSON.parse(await readFile(join(dir, `${key}.json`), 'utf8')) as { contentType: string };
        return { file: join(dir, `${key}.bin`), contentType: meta.contentType };
      } catch {
        return null;
      }
    },

    async put(url: string, body: Buffer, contentType: string): Promise<CachedImage> {
      const key = keyOf(url);
      const file = join(dir, `${key}.bin`);
      await writeFile(file, body);
      // The sidecar is written last: an image is only found once it is whole.
      await writeFile(join(dir, `${key}.json`), JSON.stringify({ contentType, url }));
      total = sizeOnDisk() + body.length;
      prune();
      return { file, contentType };
    },
  };
}

export type ImageCache = ReturnType<typeof createImageCache>;
