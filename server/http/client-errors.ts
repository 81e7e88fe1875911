/**
 * Errors raised by the libraries under our routes (the router, body-parser, zlib, serve-static) that describe a bad
 * request rather than a bug: anything carrying a 4xx `status` or `statusCode`. Each becomes an AppError with that
 * status, a code from a small table, and a message that says what was wrong with the request, so the client gets
 * a precise answer instead of a 500 and the log gets no error line.
 */
import type { Request } from 'express';
import { AppError } from '../errors.js';
import type { ErrorCode } from '../protocol/socket.js';

/** The code of each 4xx status the server answers; any other 4xx is a `bad_request` with its own status. */
const CODE_OF_STATUS: Readonly<Record<number, ErrorCode>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

export function codeOfStatus(status: number): ErrorCode {
  return CODE_OF_STATUS[status] ?? 'bad_request';
}

interface LibraryError {
  status?: unknown;
  statusCode?: unknown;
  /** body-parser's kind of failure (`entity.too.large`...). */
  type?: unknown;
  /** zlib's (`Z_DATA_ERROR`), or a system error's. */
  code?: unknown;
  errno?: unknown;
  /** http-errors sets it when the message is meant for the client. */
  expose?: unknown;
  name?: unknown;
  message?: unknown;
  limit?: unknown;
  encoding?: unknown;
  charset?: unknown;
}

/** The 4xx status an error carries, or null when it carries none (a bug, answered 500). */
export function clientStatus(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const { status, statusCode } = error as LibraryError;
  const value = typeof status === 'number' ? status : statusCode;
  return typeof value === 'number' && Number.isInteger(value) && value >= 400 && value <= 499 ? value : null;
}

/** True when the client went away before sending its whole body: nobody is left to answer. */
export function isAbortedRequest(error: unknown, req: Request): boolean {
  if (typeof error === 'object' && error !== null && (error as LibraryError).type === 'request.aborted') return true;
  return req.readableAborted;
}

/** The library's error as the AppError the client is answered with; null when it is not a client error. */
export function fromLibraryError(error: unknown, req: Request): AppError | null {
  const status = clientStatus(error);
  if (status === null) return null;
  return new AppError(status, codeOfStatus(status), describe(error as LibraryError, req, status));
}

function describe(error: LibraryError, req: Request, status: number): string {
  const contentEncoding = req.get('content-encoding') ?? 'identity';
  switch (error.type) {
    case 'entity.too.large':
      return typeof error.limit === 'number'
        ? `The request body is larger than the ${error.limit} bytes allowed.`
        : 'The request body is too large.';
    case 'entity.parse.failed':
      return 'The request body is not valid JSON.';
    case 'encoding.unsupported':
      return `The Content-Encoding "${String(error.encoding ?? contentEncoding)}" is not supported: send the body as it is, or in gzip, deflate or br.`;
    case 'charset.unsupported':
      return `The request body must be UTF-8, not "${String(error.charset ?? '')}".`;
    case 'parameters.too.many':
      return 'The form has too many fields.';
    case 'request.size.invalid':
      return 'The request body is not as long as its Content-Length says.';
    default:
  }
  // The router's URIError, or serve-static's plain 400 for the same address.
  if (error.name === 'URIError' || (status === 400 && !decodes(req.path))) {
    return 'The address has a malformed percent-encoding (such as %E0%A4%A).';
  }
  // zlib's errors (Z_DATA_ERROR, the Brotli decoder's...), raised while body-parser inflates the body.
  if (contentEncoding !== 'identity' && typeof error.errno === 'number' && typeof error.code === 'string') {
    return `The request body is not valid ${contentEncoding} data, as its Content-Encoding says it is.`;
  }
  if (status === 404) return 'Not found.';
  if (error.expose === true && typeof error.message === 'string' && error.message !== '') {
    return error.message.endsWith('.') ? error.message : `${error.message}.`;
  }
  return 'The request could not be handled as it was sent.';
}

function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}
