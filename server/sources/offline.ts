/**
 * This machine off the network (a laptop at a first start, a venue's Wi-Fi down), told apart from a service that
 * fails: no route, no DNS answer, or a name that does not resolve. It is nobody's fault and nothing to fix in the
 * settings, so a failing source in that case is shown calmly as `offline` and retried quietly at its usual pace;
 * the log says it once, at info level. A service that answers and refuses (or a port closed) stays `failing`.
 */
import type { SourcePart, SourceProblem, SourceState } from '../protocol/moderation.js';

/** The resolver's own words, which `unreachable` shares with a refused connection (ECONNREFUSED). */
const NAME_NOT_RESOLVED = /\b(?:ENOTFOUND|EAI_AGAIN|EAI_NONAME)\b/;

/** Whether a failure with this problem and these words is this machine not reaching the network. */
export function isOffline(problem: SourceProblem | undefined, lastError: string | undefined): boolean {
  if (problem?.code === 'no_network') return true;
  return problem?.code === 'unreachable' && NAME_NOT_RESOLVED.test(lastError ?? '');
}

/** The state to show: `failing` becomes `offline` when the machine is off the network, parts alike. */
export function calmState(state: SourceState, problem: SourceProblem | undefined, lastError: string | undefined) {
  return state === 'failing' && isOffline(problem, lastError) ? 'offline' : state;
}

/** A source's parts (each Mastodon instance) when the source is offline: a failing part with no network is too. */
export function calmParts(parts: readonly SourcePart[]): SourcePart[] {
  return parts.map((part) =>
    part.state === 'failing' && (part.problem?.code === 'no_network' || part.problem?.code === 'unreachable')
      ? { ...part, state: 'offline' }
      : part,
  );
}
