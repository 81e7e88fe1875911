/** Why the wall or the web view cannot show an event, and how that is worded. */
import type { ErrorCode } from '../../server/protocol/socket.js';
import type { Messages } from './i18n.js';

/**
 * A `wall:error` code, a handshake the server refused, no event configured yet, or the API unreachable (the
 * page keeps retrying).
 */
export interface WallProblem {
  code: ErrorCode | 'refused' | 'no_event' | 'unreachable' | 'ended';
  message?: string;
}

export function problemText(problem: WallProblem, t: Messages): string {
  switch (problem.code) {
    case 'not_found':
      return t.notFound;
    case 'no_event':
      return t.noEvent;
    case 'ended':
      return t.ended;
    case 'unreachable':
      return t.loadFailed;
    default:
      return t.wallError;
  }
}
