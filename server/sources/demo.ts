/**
 * The demo source: replays the bundled sample items of every source kind through the real pipeline, in a loop for
 * as long as it runs, one every `intervalSeconds`. A newcomer sees items keep arriving in the queue, approves
 * them and watches them reach the wall, offline. Each pass builds its samples with ids of its own (the run's start
 * and the pass number), so dedupe takes every pass, and a restart, as new posts rather than repeats.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { SourceConfig } from '../config/sources.js';
import { DEMO_SAMPLES, type DemoPass, type DemoSample } from '../demo/samples.js';
import type { Source, SourceContext } from './source.js';

type DemoConfig = Extract<SourceConfig, { kind: 'demo' }>;

export function createDemoSource(config: DemoConfig, samples: readonly DemoSample[] = DEMO_SAMPLES): Source {
  return {
    async run(ctx: SourceContext): Promise<void> {
      ctx.setState('live');
      // Milliseconds have a fixed width (13 digits) until 2286, so run + pass never reads as another run's pass.
      const run = String(Date.now());
      for (let pass = 0; samples.length > 0; pass++) {
        const current: DemoPass = { key: `${run}${pass}`, now: Date.now() };
        for (const sample of samples) {
          try {
            await sleep(config.intervalSeconds * 1000, undefined, { signal: ctx.signal });
          } catch {
            return; // aborted
          }
          const outcome = await ctx.submit(sample(current));
          if (outcome.kind === 'malformed') ctx.setState('live', { lastError: outcome.message });
        }
      }
      ctx.setState('finished');
    },
  };
}
