/**
 * One pino logger for the whole server. Secrets are redacted by key wherever they appear, so a source's settings
 * or a request can be logged whole without leaking a token.
 */
import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

const SECRET_KEYS = [
  'bearerToken',
  'token',
  'authToken',
  'password',
  'accessToken',
  'secret',
  'cookie',
  'authorization',
];

export const REDACT_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((key) => `*.${key}`),
  ...SECRET_KEYS.map((key) => `*.*.${key}`),
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-twilio-signature"]',
  'req.headers["x-murmure-secret"]',
];

export interface LogOptions {
  level?: string;
  /** Human-readable lines instead of JSON (the default on a terminal). */
  pretty?: boolean;
  /** Where lines go; a test passes a stream to read them. */
  destination?: NodeJS.WritableStream;
}

export function createLogger(options: LogOptions = {}): Logger {
  const settings = { level: options.level ?? 'info', redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
  if (options.destination) return pino(settings, options.destination as pino.DestinationStream);
  if (options.pretty) {
    return pino({
      ...settings,
      transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } },
    });
  }
  return pino(settings);
}

/** A logger that drops everything, for tests that do not read logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
