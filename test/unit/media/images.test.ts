/**
 * Images decoded and written again: upright, without metadata, bounded in size, and refused when they do not
 * decode. Built from real images made with sharp (see test/integration/fakes/photos.ts).
 */
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { detectImageType, renderImage, UnsupportedImageError } from '../../../server/media/images.js';
import {
  animatedGif,
  CAMERA_MAKE,
  GPS_MARKER,
  isRed,
  largePhoto,
  pixel,
  pngWithText,
  sidewaysPhoto,
  truncated,
} from '../../integration/fakes/photos.js';

describe('detectImageType', () => {
  it('goes by content, not by name', async () => {
    expect(detectImageType(await sidewaysPhoto())).toBe('image/jpeg');
    expect(detectImageType(await pngWithText())).toBe('image/png');
    expect(detectImageType(await animatedGif())).toBe('image/gif');
    expect(
      detectImageType(
        await sharp(await pngWithText())
          .webp()
          .toBuffer(),
      ),
    ).toBe('image/webp');
    expect(
      detectImageType(
        await sharp(await pngWithText())
          .avif()
          .toBuffer(),
      ),
    ).toBe('image/avif');
    expect(detectImageType(Buffer.from('<svg onload="alert(1)"/>'))).toBeNull();
    expect(detectImageType(Buffer.from('<html><script>'))).toBeNull();
    expect(detectImageType(Buffer.alloc(0))).toBeNull();
  });
});

describe('renderImage', () => {
  it('turns a sideways phone photo upright and keeps none of its EXIF, GPS position included', async () => {
    const original = await sidewaysPhoto();
    const before = await sharp(original).metadata();
    expect(before).toMatchObject({ width: 300, height: 200, orientation: 6 });
    expect(original.toString('latin1')).toContain(GPS_MARKER);

    const out = await renderImage(original, { maxSide: 2048 });
    expect(out).toMatchObject({ type: 'image/jpeg', width: 200, height: 300, animated: false });
    const after = await sharp(out.data).metadata();
    expect(after).toMatchObject({ width: 200, height: 300 });
    expect(after.orientation).toBeUndefined();
    expect(after.exif).toBeUndefined();
    const bytes = out.data.toString('latin1');
    expect(bytes).not.toContain(GPS_MARKER);
    expect(bytes).not.toContain(CAMERA_MAKE);
    // Turned 90° clockwise: the red corner that was top left is now top right.
    expect(isRed(await pixel(out.data, 190, 10))).toBe(true);
    expect(isRed(await pixel(out.data, 10, 10))).toBe(false);
  });

  it('refuses a truncated JPEG that the type check alone would let through', async () => {
    const cut = truncated(await largePhoto(800, 600));
    expect(detectImageType(cut)).toBe('image/jpeg');
    await expect(renderImage(cut, { maxSide: 2048 })).rejects.toThrow(UnsupportedImageError);
    await expect(renderImage(cut, { maxSide: 2048 })).rejects.toThrow(/does not decode/);
  });

  it('refuses what is not an accepted image type, before any decoder sees it', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    await expect(renderImage(svg, { maxSide: 2048 })).rejects.toThrow(UnsupportedImageError);
    const avif = await sharp(await pngWithText())
      .avif()
      .toBuffer();
    await expect(renderImage(avif, { maxSide: 2048, accepted: new Set(['image/png']) })).rejects.toThrow(
      'not a PNG image',
    );
  });

  it('fits a large photo inside the longest side, and never enlarges a small one', async () => {
    const large = await renderImage(await largePhoto(4000, 3000), { maxSide: 2048 });
    expect(large).toMatchObject({ width: 2048, height: 1536 });
    const small = await renderImage(await largePhoto(640, 480), { maxSide: 2048 });
    expect(small).toMatchObject({ width: 640, height: 480 });
  });

  it('keeps PNG as PNG without its text chunks', async () => {
    const original = await pngWithText();
    expect((await sharp(original).metadata()).xmp).toBeDefined();
    const out = await renderImage(original, { maxSide: 2048 });
    expect(out.type).toBe('image/png');
    expect((await sharp(out.data).metadata()).xmp).toBeUndefined();
  });

  it('writes a photo saved as a large PNG as JPEG', async () => {
    const noise = randomBytes(1200 * 900 * 3);
    const png = await sharp(noise, { raw: { width: 1200, height: 900, channels: 3 } })
      .png()
      .toBuffer();
    expect(png.length).toBeGreaterThan(1024 * 1024);
    expect((await renderImage(png, { maxSide: 2048 })).type).toBe('image/jpeg');
  });

  it('keeps an animated GIF animated, and gives its first frame as a still on request', async () => {
    const gif = await animatedGif();
    const moving = await renderImage(gif, { maxSide: 2048 });
    expect(moving).toMatchObject({ type: 'image/gif', width: 40, height: 30, animated: true });
    expect((await sharp(moving.data, { animated: true }).metadata()).pages).toBe(3);
    const still = await renderImage(gif, { maxSide: 2048, still: true });
    expect(still).toMatchObject({ type: 'image/gif', animated: false });
    expect((await sharp(still.data, { animated: true }).metadata()).pages).toBe(1);
    expect(isRed(await pixel(still.data, 5, 5))).toBe(true);
  });

  it('writes WebP as WebP and AVIF as WebP', async () => {
    const png = await pngWithText();
    expect((await renderImage(await sharp(png).webp().toBuffer(), { maxSide: 2048 })).type).toBe('image/webp');
    expect((await renderImage(await sharp(png).avif().toBuffer(), { maxSide: 2048 })).type).toBe('image/webp');
  });
});
