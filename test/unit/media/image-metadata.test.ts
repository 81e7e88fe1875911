import { describe, expect, it } from 'vitest';
import { detectImageType, stripMetadata } from '../../../server/media/image-metadata.js';

function segment(marker: number, payload: Buffer): Buffer {
  const header = Buffer.from([0xff, marker, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

/** An EXIF APP1 payload (little-endian TIFF) with Orientation and a GPS latitude ref marker in its data. */
function exif(orientation: number): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 2 * 12 + 4 + 16);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(2, 8);
  tiff.writeUInt16LE(0x0112, 10);
  tiff.writeUInt16LE(3, 12);
  tiff.writeUInt32LE(1, 14);
  tiff.writeUInt16LE(orientation, 18);
  tiff.writeUInt16LE(0x8825, 22); // GPS IFD pointer
  tiff.writeUInt16LE(4, 24);
  tiff.writeUInt32LE(1, 26);
  tiff.writeUInt32LE(38, 30);
  tiff.write('GPS48.8566N2.35', 38, 'latin1');
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
}

const JFIF = segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'));
const SCAN = Buffer.concat([
  segment(0xda, Buffer.from([1, 1, 0, 0, 63, 0])),
  Buffer.from([1, 2, 3, 4]),
  Buffer.from([0xff, 0xd9]),
]);

function jpeg(...segments: Buffer[]): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8]), JFIF, ...segments, SCAN]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function webpChunk(type: string, data: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.write(type, 0, 'latin1');
  header.writeUInt32LE(data.length, 4);
  return Buffer.concat([header, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

function webp(...chunks: Buffer[]): Buffer {
  const body = Buffer.concat(chunks);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(body.length + 4, 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, body]);
}

describe('detectImageType', () => {
  it('goes by content, not by name', () => {
    expect(detectImageType(jpeg())).toBe('image/jpeg');
    expect(detectImageType(Buffer.concat([PNG_SIGNATURE, pngChunk('IEND', Buffer.alloc(0))]))).toBe('image/png');
    expect(detectImageType(Buffer.from('GIF89a\x01\0\x01\0', 'latin1'))).toBe('image/gif');
    expect(detectImageType(webp(webpChunk('VP8 ', Buffer.alloc(10))))).toBe('image/webp');
    expect(detectImageType(Buffer.from('<svg onload="alert(1)"/>'))).toBeNull();
    expect(detectImageType(Buffer.from('<html><script>'))).toBeNull();
    expect(detectImageType(Buffer.alloc(0))).toBeNull();
  });
});

describe('stripMetadata', () => {
  it('removes EXIF (GPS included), IPTC and comments from a JPEG and keeps its orientation', () => {
    const original = jpeg(
      segment(0xe1, exif(6)),
      segment(0xed, Buffer.from('Photoshop 3.0\0IPTC city=Lyon', 'latin1')),
      segment(0xfe, Buffer.from('taken at 12 rue X', 'latin1')),
    );
    const clean = stripMetadata(original, 'image/jpeg');
    const text = clean.toString('latin1');
    expect(text).not.toContain('GPS48.8566N');
    expect(text).not.toContain('IPTC');
    expect(text).not.toContain('rue X');
    expect(text).toContain('JFIF');
    // Only a minimal EXIF with the orientation (6: rotate 90°) remains, and the scan data is untouched.
    const app1 = clean.indexOf(Buffer.from('Exif\0\0', 'latin1'));
    expect(app1).toBeGreaterThan(0);
    expect(clean.indexOf(JFIF)).toBe(2);
    expect(app1).toBeGreaterThan(2 + JFIF.length);
    expect(clean.readUInt16BE(app1 + 6 + 8)).toBe(1); // one IFD entry
    expect(clean.readUInt16BE(app1 + 6 + 10)).toBe(0x0112);
    expect(clean.readUInt16BE(app1 + 6 + 18)).toBe(6);
    expect(clean.subarray(-SCAN.length)).toEqual(SCAN);
  });

  it('drops EXIF entirely when the orientation is the default', () => {
    const clean = stripMetadata(jpeg(segment(0xe1, exif(1))), 'image/jpeg');
    expect(clean.indexOf(Buffer.from('Exif', 'latin1'))).toBe(-1);
    expect(clean).toEqual(jpeg());
  });

  it('removes text and EXIF chunks from a PNG', () => {
    const ihdr = pngChunk('IHDR', Buffer.alloc(13));
    const idat = pngChunk('IDAT', Buffer.from([1, 2, 3]));
    const iend = pngChunk('IEND', Buffer.alloc(0));
    const original = Buffer.concat([
      PNG_SIGNATURE,
      ihdr,
      pngChunk('tEXt', Buffer.from('Author\0Jeanne Dupont', 'latin1')),
      pngChunk('eXIf', Buffer.from('GPS')),
      idat,
      iend,
    ]);
    expect(stripMetadata(original, 'image/png')).toEqual(Buffer.concat([PNG_SIGNATURE, ihdr, idat, iend]));
  });

  it('removes EXIF and XMP chunks from a WebP and clears their flags', () => {
    const vp8x = Buffer.alloc(10);
    vp8x[0] = 0b1100; // EXIF and XMP present
    const image = webpChunk('VP8 ', Buffer.alloc(9, 7));
    const clean = stripMetadata(
      webp(
        webpChunk('VP8X', vp8x),
        image,
        webpChunk('EXIF', Buffer.from('GPS48')),
        webpChunk('XMP ', Buffer.from('<x/>')),
      ),
      'image/webp',
    );
    expect(clean).toEqual(webp(webpChunk('VP8X', Buffer.alloc(10)), image));
    expect(clean.readUInt32LE(4)).toBe(clean.length - 8);
  });
});
