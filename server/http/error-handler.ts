/**
 * One error handler for the whole API: known errors become their status and code, body-parser failures get a
 * precise message, and anything else is logged and answered with a generic 500 that leaks no detail.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ApiError } from '../protocol/api.js';
import {
  AppError,
  BadRequestError,
  InvalidSettingsError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
} from '../errors.js';
import type { Logger } from '../log.js';

interface BodyParserError {
  type: string;
  status?: number;
  limit?: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return typeof error === 'object' && error !== null && typeof (error as BodyParserError).type === 'string';
}

function fromBodyParser(error: BodyParserError): AppError | null {
  switch (error.type) {
    case 'entity.too.large':
      return new PayloadTooLargeError(`The request body is larger than the ${error.limit ?? ''} bytes allowed.`);
    case 'entity.parse.failed':
      return new BadRequestError('The request body is not valid JSON.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new BadRequestError('The request body must be UTF-8.');
    default:
      return null;
  }
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const known = error instanceof AppError ? error : isBodyParserError(error) ? fromBodyParser(error) : null;
    if (known) {
      if (known instanceof RateLimitedError) res.setHeader('Retry-After', String(known.retryAfterSeconds));
      const body: ApiError = {
        error: {
          code: known.code,
          message: known.message,
          ...(known.details ? { details: known.details } : {}),
          ...(known instanceof InvalidSettingsError ? { fields: known.fields } : {}),
        },
      };
      res.status(known.status).json(body);
      return;
    }
    log.error({ err: error, method: req.method, url: req.originalUrl }, 'unexpected error in request');
    const body: ApiError = { error: { code: 'internal', message: 'Something went wrong on the server.' } };
    res.status(500).json(body);
  };
}

export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(new NotFoundError(`No API route ${req.method} ${req.path}.`));
};
