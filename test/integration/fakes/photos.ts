/**
 * Photos as phones and the web send them, made with sharp itself: a JPEG stored sideways with its EXIF orientation,
 * GPS position and camera make, a truncated copy, a large photo, an animated GIF, a PNG with a text chunk. Each
 * carries something a test can look for afterwards (a red corner, a marker string).
 */
import sharp from 'sharp';

/** An ASCII GPS tag value, so a test can look for it in the bytes. */
export const GPS_MARKER = 'GPS-MARKER-48.8566N-2.3522E';
export const CAMERA_MAKE = 'PhoneMakerCo';
export const PNG_TEXT = 'Taken at Rue Haute 12';

/** 300×200 pixels by default, blue with a red top-left corner (100×50, or a quarter of a smaller scene). */
function scene(width = 300, height = 200) {
  const size = { width: Math.min(100, width / 2), height: Math.min(50, height / 2) };
  const corner = { create: { ...size, channels: 3 as const, background: '#ff0000' } };
  return sharp({ create: { width, height, channels: 3, background: '#0a78c8' } }).composite([
    { input: corner, top: 0, left: 0 },
  ]);
}

/**
 * The scene as a camera stores a portrait photo: pixels 300×200, EXIF orientation 6 (turn 90° clockwise to view,
 * so the viewer sees 200×300 with the red corner top right), a GPS position and a camera make.
 */
export async function sidewaysPhoto(): Promise<Buffer> {
  const jpeg = await scene().jpeg({ quality: 90 }).toBuffer();
  return sharp(jpeg)
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: CAMERA_MAKE },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 24/1', GPSMapDatum: GPS_MARKER },
    })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** The first `fraction` of a file, as a dropped connection or a full phone leaves it. */
export function truncated(data: Buffer, fraction = 0.6): Buffer {
  return data.subarray(0, Math.floor(data.length * fraction));
}

/** A photo of `width`×`height` pixels. */
export function largePhoto(width: number, height: number): Promise<Buffer> {
  return scene(width, height).jpeg({ quality: 80 }).toBuffer();
}

/** Three 40×30 frames: red, blue, green. */
export async function animatedGif(): Promise<Buffer> {
  const frame = (colour: string) =>
    sharp({ create: { width: 40, height: 30, channels: 4, background: colour } })
      .png()
      .toBuffer();
  const frames = await Promise.all(['#ff0000', '#0000ff', '#00ff00'].map(frame));
  return sharp(frames, { join: { animated: true } })
    .gif({ delay: [100, 100, 100] })
    .toBuffer();
}

/** A 20×20 PNG with an XMP text chunk naming where it was taken. */
export function pngWithText(): Promise<Buffer> {
  return scene(20, 20)
    .png()
    .withMetadata()
    .withXmp(`<x:xmpmeta><rdf:Description>${PNG_TEXT}</rdf:Description></x:xmpmeta>`)
    .toBuffer();
}

/** The RGB of one pixel. */
export async function pixel(image: Buffer, x: number, y: number): Promise<[number, number, number]> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [data[at]!, data[at + 1]!, data[at + 2]!];
}

/** Whether a colour is near red (JPEG moves colours a little). */
export const isRed = ([r, g, b]: [number, number, number]) => r > 200 && g < 60 && b < 60;
