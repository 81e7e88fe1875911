/**
 * A photo the server itself received, decoded and stored (server/media/uploads.ts): the web form's, an MMS's, an
 * email's. Only its local paths come here, never a URL of the outside world.
 */
import { z } from 'zod';
import type { Media } from '../../protocol/items.js';

const localPath = z.string().startsWith('/media/uploads/');
const pixels = z.number().int().positive();

export const StoredPhoto = z.object({
  url: localPath,
  previewUrl: localPath.optional(),
  bytes: z.number().int().optional(),
  width: pixels.optional(),
  height: pixels.optional(),
});

export function storedPhotoMedia(photo: z.output<typeof StoredPhoto>): Media {
  const media: Media = { type: 'image', url: photo.url };
  if (photo.previewUrl) media.previewUrl = photo.previewUrl;
  if (photo.width && photo.height) Object.assign(media, { width: photo.width, height: photo.height });
  if (photo.bytes) media.bytes = photo.bytes;
  return media;
}
