/**
 * The demo source: replays the bundled sample items of every source kind, once, through the real pipeline.
 * A newcomer sees items arrive in the queue, approves them and watches them reach the wall, offline.
 * Samples already stored (a restart) come back as duplicates and are skipped silently.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { SourceConfig } from '../config/sources.js';
import { DEMO_SAMPLES } from '../demo/samples.js';
import type { RawPayload } from '../pipeline/types.js';
import type { Source, SourceContext } from './source.js';

type DemoConfig = Extract<SourceConfig, { kind: 'demo' }>;

export function createDemoSource(config: DemoConfig, samples: readonly RawPayload[] = DEMO_SAMPLES): Source {
  return {
    async run(ctx: SourceContext): Promise<void> {
      ctx.setState('live');
      for (const sample of samples) {
        try {
          await sleep(config.intervalSeconds * 1000, undefined, { signal: ctx.signal });
        } catch {
          return; // aborted
        }
        const outcome = await ctx.submit(sample);
        if (outcome.kind === 'malformed') ctx.setState('live', { lastError: outcome.message });
      }
      ctx.setState('finished');
    },
  };
}
