/**
 * Every image Murmure keeps or serves is decoded whole and written again by sharp (libvips): a truncated or corrupt
 * file is refused instead of showing half a photo, the EXIF orientation is applied to the pixels, and nothing of
 * the original's metadata survives (GPS position, device, time, comments): a phone photo must not publish where it
 * was taken. Sizes are bounded on the way: a wall never needs more than {@link FULL_SIZE} pixels a side.
 *
 * Formats: JPEG stays JPEG and WebP stays WebP; PNG stays PNG unless that makes it larger than {@link PNG_KEPT_BYTES}
 * (a photo saved as PNG), when it becomes JPEG, or WebP if it has transparency; GIF stays GIF with its animation
 * (animated WebP likewise); AVIF becomes WebP, since encoding AVIF costs seconds per photo.
 */
import sharp, { type Sharp } from 'sharp';

// Each image is seen once, then cached as a file: libvips' operation cache would only hold memory.
sharp.cache(false);

export type ImageType = 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp' | 'image/avif';

export const EXTENSIONS: Record<ImageType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
};

/** Longest side of what is kept and served. */
export const FULL_SIZE = 2048;
/** Longest side of the smaller rendition a wall card or a console thumbnail needs. */
export const WALL_SIZE = 1280;
const PNG_KEPT_BYTES = 1024 * 1024;
/** 100 megapixels: any phone's photo, not a 30,000 px square made to fill the server's memory. */
const MAX_INPUT_PIXELS = 100_000_000;
const QUALITY = 85;

/** The file is not an image of an accepted type, or it does not decode whole. */
export class UnsupportedImageError extends Error {
  override readonly name = 'UnsupportedImageError';
}

export interface Rendition {
  data: Buffer;
  type: ImageType;
  width: number;
  height: number;
  /** More than one frame (an animated GIF or WebP). */
  animated: boolean;
}

export interface RenderOptions {
  /** Longest side, in pixels; smaller images are not enlarged. */
  maxSide: number;
  /** The types accepted as input; every one by default. */
  accepted?: ReadonlySet<ImageType>;
  /** Only the first frame of an animated image (a still preview). */
  still?: boolean;
}

/**
 * The type by the file's first bytes (what it is), never by its name or declared type (what it claims). Only these
 * types ever reach the decoder: no SVG, PDF or TIFF parser sees what the public sends.
 */
export function detectImageType(data: Buffer): ImageType | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (/^GIF8[79]a/.test(data.subarray(0, 6).toString('latin1'))) return 'image/gif';
  if (data.subarray(0, 4).toString('latin1') === 'RIFF' && data.subarray(8, 12).toString('latin1') === 'WEBP') {
    return 'image/webp';
  }
  if (/^ftypavi[fs]$/.test(data.subarray(4, 12).toString('latin1'))) return 'image/avif';
  return null;
}

/**
 * Decodes `data` whole, turns it upright, drops its metadata and fits it inside `maxSide` pixels. Throws
 * {@link UnsupportedImageError} for anything else than an accepted type, and for a file that does not decode.
 */
export async function renderImage(data: Buffer, options: RenderOptions): Promise<Rendition> {
  const type = detectImageType(data);
  if (!type || (options.accepted && !options.accepted.has(type))) {
    throw new UnsupportedImageError(`not ${describe(options.accepted)}`);
  }
  const animated = !options.still && (type === 'image/gif' || type === 'image/webp');
  try {
    // `autoOrient` reads the EXIF orientation; the output carries no metadata since none is asked for.
    const image = sharp(data, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS, animated, autoOrient: true });
    const { hasAlpha } = await image.metadata();
    image.resize({ width: options.maxSide, height: options.maxSide, fit: 'inside', withoutEnlargement: true });
    return await encode(image, type, Boolean(hasAlpha));
  } catch (error) {
    throw new UnsupportedImageError(`the image does not decode (${(error as Error).message})`);
  }
}

async function encode(image: Sharp, type: ImageType, hasAlpha: boolean): Promise<Rendition> {
  switch (type) {
    case 'image/jpeg':
      return output(image.clone().jpeg({ quality: QUALITY }), 'image/jpeg');
    case 'image/png': {
      const png = await output(image.clone().png(), 'image/png');
      if (png.data.length <= PNG_KEPT_BYTES) return png;
      return hasAlpha
        ? output(image.clone().webp({ quality: QUALITY }), 'image/webp')
        : output(image.clone().jpeg({ quality: QUALITY }), 'image/jpeg');
    }
    case 'image/gif':
      return output(image.clone().gif(), 'image/gif');
    case 'image/webp':
    case 'image/avif':
      return output(image.clone().webp({ quality: QUALITY }), 'image/webp');
  }
}

async function output(image: Sharp, type: ImageType): Promise<Rendition> {
  const { data, info } = await image.toBuffer({ resolveWithObject: true });
  const frames = info.pageHeight ? Math.round(info.height / info.pageHeight) : 1;
  return { data, type, width: info.width, height: info.pageHeight ?? info.height, animated: frames > 1 };
}

/** `a JPEG, PNG or WebP image`. */
function describe(accepted: ReadonlySet<ImageType> | undefined): string {
  const names = [...(accepted ?? Object.keys(EXTENSIONS))].map((type) => NAMES[type as ImageType]);
  return `a ${names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names[0]} image`;
}

const NAMES: Record<ImageType, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
  'image/avif': 'AVIF',
};
