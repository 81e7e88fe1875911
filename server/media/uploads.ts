/**
 * Photos sent with the web form: checked by content, stripped of metadata, stored under their SHA-256 (the same
 * photo twice is one file) and served at `/media/uploads/<hash>.<ext>`. The name is unguessable, and it only
 * appears in an item, which the public sees once a moderator approved it.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Router } from 'express';
import { NotFoundError } from '../errors.js';
import { detectImageType, EXTENSIONS, stripMetadata, type UploadType } from './image-metadata.js';
import { send } from './proxy.js';

export const UPLOADS_PATH = '/media/uploads/';
const NAME = /^([0-9a-f]{64})\.(jpg|png|gif|webp)$/;
const TYPE_OF_EXTENSION = Object.fromEntries(Object.entries(EXTENSIONS).map(([type, ext]) => [ext, type])) as Record<
  string,
  UploadType
>;

export interface StoredUpload {
  url: string;
  contentType: UploadType;
  bytes: number;
}

export class UnsupportedImageError extends Error {
  override readonly name = 'UnsupportedImageError';
}

export function createUploadStore(dir: string) {
  mkdirSync(dir, { recursive: true });
  return {
    /** Stores a photo; throws UnsupportedImageError for anything that is not a JPEG, PNG, GIF or WebP image. */
    async save(data: Buffer): Promise<StoredUpload> {
      const type = detectImageType(data);
      if (!type) throw new UnsupportedImageError('not a JPEG, PNG, GIF or WebP image');
      const clean = stripMetadata(data, type);
      const name = `${createHash('sha256').update(clean).digest('hex')}.${EXTENSIONS[type]}`;
      await writeFile(join(dir, name), clean);
      return { url: `${UPLOADS_PATH}${name}`, contentType: type, bytes: clean.length };
    },

    router(): Router {
      const router = Router();
      router.get(`${UPLOADS_PATH}:name`, (req, res) => {
        const match = NAME.exec(req.params.name);
        const file = match ? join(dir, req.params.name) : null;
        if (!file || !existsSync(file)) throw new NotFoundError('No such photo.');
        send(res, { file, contentType: TYPE_OF_EXTENSION[match![2]!]! });
      });
      return router;
    },
  };
}

export type UploadStore = ReturnType<typeof createUploadStore>;
