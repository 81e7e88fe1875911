/**
 * The Mastodon source: the event's hashtags read from several instances at once, since a hashtag federates
 * unevenly. Each instance streams (with a token) or polls on its own; a status relayed by several instances is one
 * item, known by its URI. Moderators see the best instance's state, and each instance's in the detail.
 */
import type { SourceConfig } from '../../config/sources.js';
import type { Source, SourceContext, SourcePart, StateDetails } from '../source.js';
import { failure, withHost } from '../problem.js';
import { describeError, sleep } from '../retry.js';
import { runInstance, type InstanceState } from './instance.js';
import { ID_MAP_PREFIX, ID_MAP_TTL_MS, LOCAL_ID_PREFIX } from './statuses.js';

type MastodonConfig = Extract<SourceConfig, { kind: 'mastodon' }>;

const PRUNE_EVERY_MS = 60 * 60_000;

/** From best to worst: the source as a whole is as good as its best instance. */
const STATE_ORDER: InstanceState['state'][] = [
  'live',
  'polling',
  'backfilling',
  'connecting',
  'rate-limited',
  'failing',
];

export function createMastodonSource(config: MastodonConfig): Source {
  return {
    async run(ctx: SourceContext): Promise<void> {
      if (ctx.hashtags.length === 0) {
        ctx.setState(
          'failing',
          failure('the event has no hashtag to follow on Mastodon', { problem: { code: 'no_hashtag' } }),
        );
        return;
      }
      const hosts = config.instances.map((instance) => new URL(instance.url).host);
      const states: InstanceState[] = hosts.map(() => ({ state: 'connecting' }));
      let published = '';
      const publish = () => {
        const { state, details } = combineStates(hosts, states);
        const key = JSON.stringify([state, details]);
        if (key === published) return;
        published = key;
        ctx.setState(state, details);
      };
      await Promise.all([
        pruneIdMap(ctx),
        ...config.instances.map(async (instance, index) => {
          const log = ctx.log.child({ instance: hosts[index] });
          const report = (state: InstanceState) => {
            states[index] = state;
            publish();
          };
          try {
            const timings = { pollMs: config.pollSeconds * 1000, recheckMs: config.recheckSeconds * 1000 };
            await runInstance({ ...instance, ...timings }, { ...ctx, log }, report);
          } catch (error) {
            // A bug in one instance's loop must not leave the others running unawaited.
            log.error({ err: error }, 'mastodon instance stopped on an unexpected error');
            report({ state: 'failing', ...failure(describeError(error), { error, host: hosts[index] }) });
          }
        }),
      ]);
    },
  };
}

/** The source's state (its best instance's) and, in `parts` (and in words in `detail`), every instance's own. */
export function combineStates(
  hosts: readonly string[],
  states: readonly InstanceState[],
): { state: InstanceState['state']; details: StateDetails } {
  const rank = (state: InstanceState) => {
    const index = STATE_ORDER.indexOf(state.state);
    return index < 0 ? STATE_ORDER.length : index;
  };
  const best = states.reduce<InstanceState | undefined>(
    (chosen, state) => (chosen === undefined || rank(state) < rank(chosen) ? state : chosen),
    undefined,
  ) ?? { state: 'connecting' };
  const details: StateDetails = {
    detail: hosts.map((host, index) => `${host}: ${describeInstance(states[index])}`).join('; '),
    parts: hosts.map((host, index) => partOf(host, states[index])),
  };
  if (best.state === 'rate-limited' && best.until !== undefined) details.until = best.until;
  if (best.state === 'failing') {
    details.lastError = states
      .flatMap((state, index) => (state.lastError ? [`${hosts[index]}: ${state.lastError}`] : []))
      .join('; ');
    const first = states.findIndex((state) => state.problem !== undefined);
    const problem = states[first]?.problem;
    if (problem) details.problem = withHost(problem, hosts[first]);
  }
  return { state: best.state, details };
}

function partOf(host: string, state: InstanceState | undefined): SourcePart {
  if (!state) return { name: host, state: 'connecting' };
  return {
    name: host,
    state: state.state,
    ...(state.until === undefined ? {} : { until: state.until }),
    ...(state.problem ? { problem: withHost(state.problem, host) } : {}),
  };
}

function describeInstance(state: InstanceState | undefined): string {
  if (!state) return 'connecting';
  const until = state.until === undefined ? '' : ` until ${new Date(state.until).toTimeString().slice(0, 8)}`;
  const error = state.lastError ? ` (${state.lastError})` : '';
  return `${state.state}${until}${error}`;
}

/** Forgets the local id ↔ URI maps of statuses first seen more than two days ago, now and every hour. */
async function pruneIdMap(ctx: SourceContext): Promise<void> {
  do {
    const before = Date.now() - ID_MAP_TTL_MS;
    const forgotten = ctx.memory.forgetOlder(ID_MAP_PREFIX, before) + ctx.memory.forgetOlder(LOCAL_ID_PREFIX, before);
    if (forgotten > 0) ctx.log.debug({ forgotten }, 'old mastodon status ids forgotten');
  } while (await sleep(PRUNE_EVERY_MS, ctx.signal));
}
