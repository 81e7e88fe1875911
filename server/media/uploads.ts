/**
 * Images Murmure receives itself (web form photos, MMS images, email attachments): decoded and written again
 * (images.ts: upright, no metadata, at most 2048 px), stored under their SHA-256 (the same photo twice is one file)
 * and served at `/media/uploads/<hash>.<ext>`. They are kept in the database (store/uploads.ts), so every node of
 * several serves them; photos a version before this one wrote to the data folder are still served from there. A
 * photo larger than a wall card, or animated, also gets a smaller
 * still rendition, its `previewUrl`. The names are unguessable, and they only appear in an item, which the public
 * sees once a moderator approved it.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Router } from 'express';
import { NotFoundError } from '../errors.js';
import { EXTENSIONS, FULL_SIZE, renderImage, WALL_SIZE, type ImageType, type Rendition } from './images.js';
import { send, sendBytes } from './proxy.js';
import type { UploadRows } from '../store/uploads.js';

export { UnsupportedImageError } from './images.js';

export const UPLOADS_PATH = '/media/uploads/';
const NAME = /^([0-9a-f]{64})\.(jpg|png|gif|webp)$/;
/** What visitors may send; AVIF is left out, no phone's web form sends it and its decoder is the slowest. */
const ACCEPTED = new Set<ImageType>(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);
const TYPE_OF_EXTENSION = Object.fromEntries(Object.entries(EXTENSIONS).map(([type, ext]) => [ext, type])) as Record<
  string,
  ImageType
>;

export interface StoredUpload {
  url: string;
  contentType: ImageType;
  bytes: number;
  width: number;
  height: number;
  /** A still rendition at most {@link WALL_SIZE} px a side, when the image is larger or animated. */
  previewUrl?: string;
}

/**
 * `rows`: the database's uploads; without them (a test of this module alone) photos are files in `dir`, the
 * folder that also holds the photos of earlier versions.
 */
export function createUploadStore(dir: string, rows?: UploadRows) {
  mkdirSync(dir, { recursive: true });

  async function write(image: Rendition): Promise<string> {
    const name = `${createHash('sha256').update(image.data).digest('hex')}.${EXTENSIONS[image.type]}`;
    if (rows) await rows.put(name, image.type, image.data);
    else await writeFile(join(dir, name), image.data);
    return `${UPLOADS_PATH}${name}`;
  }

  return {
    /** Stores an image; throws UnsupportedImageError for anything that is not a whole JPEG, PNG, GIF or WebP. */
    async save(data: Buffer): Promise<StoredUpload> {
      const full = await renderImage(data, { maxSide: FULL_SIZE, accepted: ACCEPTED });
      const stored: StoredUpload = {
        url: await write(full),
        contentType: full.type,
        bytes: full.data.length,
        width: full.width,
        height: full.height,
      };
      if (full.animated || Math.max(full.width, full.height) > WALL_SIZE) {
        stored.previewUrl = await write(await renderImage(full.data, { maxSide: WALL_SIZE, still: true }));
      }
      return stored;
    },

    router(): Router {
      const router = Router();
      router.get(`${UPLOADS_PATH}:name`, async (req, res) => {
        const match = NAME.exec(req.params.name);
        if (!match) throw new NotFoundError('No such photo.');
        const row = rows ? await rows.get(req.params.name) : null;
        if (row) return sendBytes(res, row.data, row.contentType);
        const file = join(dir, req.params.name);
        if (!existsSync(file)) throw new NotFoundError('No such photo.');
        send(res, { file, contentType: TYPE_OF_EXTENSION[match[2]!]! });
      });
      return router;
    },
  };
}

export type UploadStore = ReturnType<typeof createUploadStore>;
