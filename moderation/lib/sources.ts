/** Source health as moderators read it: a tone per state, a stable order, live updates merged in. */
import type { SourceHealth, SourceState } from '../../server/protocol/moderation.js';

export type Tone = 'ok' | 'busy' | 'warn' | 'error' | 'off';

const TONES: Record<SourceState, Tone> = {
  live: 'ok',
  polling: 'ok',
  connecting: 'busy',
  backfilling: 'busy',
  'rate-limited': 'warn',
  failing: 'error',
  finished: 'off',
  stopped: 'off',
};

export function toneOf(state: SourceState): Tone {
  return TONES[state] ?? 'warn';
}

/** Sources that need a look: failing or rate-limited. */
export function problemCount(list: readonly SourceHealth[]): number {
  return list.filter((health) => {
    const tone = toneOf(health.state);
    return tone === 'error' || tone === 'warn';
  }).length;
}

/** The list with one source's new health, in place if known, else added; sorted by kind then id. */
export function upsertHealth(list: readonly SourceHealth[], health: SourceHealth): SourceHealth[] {
  const others = list.filter((entry) => entry.id !== health.id);
  return sortHealth([...others, health]);
}

export function sortHealth(list: readonly SourceHealth[]): SourceHealth[] {
  return [...list].sort((a, b) => a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
}
