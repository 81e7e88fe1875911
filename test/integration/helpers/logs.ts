/** A real logger whose lines a test can read: to check what was logged, and that no secret or address was. */
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../../server/log.js';

export interface CapturedLogs {
  /** One JSON line per entry, in order. */
  lines: string[];
  log: Logger;
}

export function captureLogs(): CapturedLogs {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, log: createLogger({ level: 'debug', destination }) };
}
