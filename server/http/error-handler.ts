/**
 * One error handler for every route (API, media, uploads, webhooks, screens): our own errors become their status
 * and code; any error a library raised with a 4xx status (a bad percent-encoding, a body that is not the JSON or
 * the gzip it claims, an unknown Content-Encoding...) becomes that status with a precise message (client-errors.ts),
 * logged at debug only; a client that went away mid-body is not answered and not an error; anything else is logged
 * and answered with a generic 500 that leaks no detail.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ApiError } from '../protocol/api.js';
import { AppError, InvalidSettingsError, NotFoundError, RateLimitedError } from '../errors.js';
import type { Logger } from '../log.js';
import { fromLibraryError, isAbortedRequest } from './client-errors.js';

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    // The path only: a query string may carry a webhook's secret.
    const request = { method: req.method, path: req.path };
    if (isAbortedRequest(error, req)) {
      log.debug(request, 'request body aborted by the client');
      res.destroy();
      return;
    }
    const known = error instanceof AppError ? error : fromLibraryError(error, req);
    if (res.headersSent) {
      // A streamed answer (an export) failed half-way: the client sees a cut connection, not a second answer.
      if (known) log.debug({ ...request, status: known.status }, 'request failed after its answer began');
      else log.error({ err: error, ...request }, 'unexpected error in request after its answer began');
      res.destroy();
      return;
    }
    if (known) {
      log.debug({ ...request, status: known.status, code: known.code }, 'request refused');
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
