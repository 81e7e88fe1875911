/**
 * The few errors that cross a boundary (HTTP response, socket ack) with a status and a stable code.
 * Anything else that escapes is a bug: logged, and answered with a generic 500 / `internal`.
 */
import type { FieldError } from './protocol/api.js';
import type { AdminFieldError } from './protocol/admin.js';
import type { ErrorCode } from './protocol/socket.js';

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldError[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends AppError {
  constructor(message: string, details?: FieldError[]) {
    super(400, 'bad_request', message, details);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Sign in first.') {
    super(401, 'unauthorized', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Not allowed.') {
    super(403, 'forbidden', message);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super(404, 'not_found', message);
  }
}

export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, 'rate_limited', message);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message: string) {
    super(413, 'payload_too_large', message);
  }
}

/** A body of a type or encoding the route does not take (a form where JSON is required). */
export class UnsupportedMediaTypeError extends AppError {
  constructor(message: string) {
    super(415, 'unsupported_media_type', message);
  }
}

/** An outside service (an image host, an API) failed or sent something unusable. */
export class BadGatewayError extends AppError {
  constructor(message: string) {
    super(502, 'bad_gateway', message);
  }
}

/** Something with that name exists already (an event's slug). */
export class ConflictError extends AppError {
  constructor(message: string) {
    super(409, 'conflict', message);
  }
}

/** Settings from a console form that fail the configuration schema: every field's problem, in both languages. */
export class InvalidSettingsError extends AppError {
  constructor(readonly fields: AdminFieldError[]) {
    super(
      400,
      'invalid',
      `Some settings are not valid: ${fields.map((f) => `${f.field || 'settings'}: ${f.message.en}`).join('; ')}`,
    );
  }
}
