/**
 * Recognises the image types visitors may upload and removes their metadata. A phone photo carries the GPS
 * position where it was taken, the device and the time: none of that may be published on a public wall.
 * JPEG keeps only its orientation (or the photo would turn sideways), PNG and WebP lose their metadata chunks.
 */

export type UploadType = 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp';

export const EXTENSIONS: Record<UploadType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

/** The type by the file's first bytes (what it is), never by its name or declared type (what it claims). */
export function detectImageType(data: Buffer): UploadType | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (/^GIF8[79]a/.test(data.subarray(0, 6).toString('latin1'))) return 'image/gif';
  if (data.subarray(0, 4).toString('latin1') === 'RIFF' && data.subarray(8, 12).toString('latin1') === 'WEBP') {
    return 'image/webp';
  }
  return null;
}

export function stripMetadata(data: Buffer, type: UploadType): Buffer {
  switch (type) {
    case 'image/jpeg':
      return stripJpeg(data);
    case 'image/png':
      return stripPng(data);
    case 'image/webp':
      return stripWebp(data);
    case 'image/gif':
      return data;
  }
}

/** JPEG segments dropped: APP1 (EXIF, XMP), APP12/APP13 (Photoshop, IPTC), COM (comments). */
const JPEG_DROPPED = new Set([0xe1, 0xec, 0xed, 0xfe]);

function stripJpeg(data: Buffer): Buffer {
  const parts: Buffer[] = [data.subarray(0, 2)];
  let orientation: number | null = null;
  let offset = 2;
  while (offset + 4 <= data.length && data[offset] === 0xff) {
    const marker = data[offset + 1]!;
    if (marker === 0xda) break; // start of scan: the image data follows, copied whole
    const length = data.readUInt16BE(offset + 2);
    const segment = data.subarray(offset, offset + 2 + length);
    if (marker === 0xe1) orientation ??= exifOrientation(segment.subarray(4));
    if (!JPEG_DROPPED.has(marker)) parts.push(segment);
    offset += 2 + length;
  }
  if (orientation !== null && orientation !== 1) {
    // JFIF wants its APP0 right after the start of image: the orientation goes after it.
    const afterApp0 = parts[1]?.[1] === 0xe0 ? 2 : 1;
    parts.splice(afterApp0, 0, orientationSegment(orientation));
  }
  parts.push(data.subarray(offset));
  return Buffer.concat(parts);
}

/** Tag 0x0112 of IFD0 in an APP1 EXIF payload, or null. */
function exifOrientation(payload: Buffer): number | null {
  if (payload.subarray(0, 6).toString('latin1') !== 'Exif\0\0') return null;
  const tiff = payload.subarray(6);
  if (tiff.length < 8) return null;
  const little = tiff.subarray(0, 2).toString('latin1') === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return null;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return null;
    if (u16(entry) === 0x0112) return u16(entry + 8);
  }
  return null;
}

/** A minimal APP1 EXIF segment holding only the orientation. */
function orientationSegment(orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4); // IFD0 right after the header
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(0x0112, 10); // Orientation
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14); // one value
  tiff.writeUInt16BE(orientation, 18);
  tiff.writeUInt32BE(0, 22); // no next IFD
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

const PNG_DROPPED = new Set(['eXIf', 'tEXt', 'iTXt', 'zTXt', 'tIME']);

function stripPng(data: Buffer): Buffer {
  const parts: Buffer[] = [data.subarray(0, 8)];
  let offset = 8;
  while (offset + 12 <= data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.subarray(offset + 4, offset + 8).toString('latin1');
    const chunk = data.subarray(offset, offset + 12 + length);
    if (!PNG_DROPPED.has(type)) parts.push(chunk);
    offset += 12 + length;
    if (type === 'IEND') break;
  }
  return Buffer.concat(parts);
}

function stripWebp(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 12;
  while (offset + 8 <= data.length) {
    const type = data.subarray(offset, offset + 4).toString('latin1');
    const size = data.readUInt32LE(offset + 4);
    const chunk = Buffer.from(data.subarray(offset, offset + 8 + size + (size % 2)));
    // VP8X announces EXIF (bit 3) and XMP (bit 2): clear them with the chunks they announce.
    if (type === 'VP8X') chunk[8] = chunk[8]! & ~0b1100;
    if (type !== 'EXIF' && type !== 'XMP ') parts.push(chunk);
    offset += 8 + size + (size % 2);
  }
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(body.length + 4, 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, body]);
}
