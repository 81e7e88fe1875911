/** Reads a multipart form (the web form with a photo) with busboy, within limits, into fields and one file. */
import type { Request } from 'express';
import busboy from 'busboy';
import { BadRequestError, PayloadTooLargeError } from '../errors.js';

export interface MultipartForm {
  fields: Record<string, string>;
  /** The first file sent in the `fileField` field, or null. */
  file: Buffer | null;
}

export function readMultipart(req: Request, fileField: string, maxFileBytes: number): Promise<MultipartForm> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { fields: 10, fieldSize: 16 * 1024, files: 1, fileSize: maxFileBytes, parts: 12 },
      });
    } catch (error) {
      return reject(new BadRequestError(`The form could not be read: ${(error as Error).message}.`));
    }
    const fields: Record<string, string> = {};
    const chunks: Buffer[] = [];
    let tooLarge = false;
    parser.on('field', (name, value) => (fields[name] = value));
    parser.on('file', (name, stream) => {
      if (name !== fileField || chunks.length > 0) return stream.resume();
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => (tooLarge = true));
    });
    parser.on('error', (error: Error) => reject(new BadRequestError(`The form could not be read: ${error.message}.`)));
    // 'close' comes once every part has been read, file streams included.
    parser.on('close', () => {
      if (tooLarge) reject(new PayloadTooLargeError(`The photo is larger than ${maxFileBytes} bytes.`));
      else resolve({ fields, file: chunks.length > 0 ? Buffer.concat(chunks) : null });
    });
    req.pipe(parser);
  });
}
