import { describe, expect, it } from 'vitest';
import { DEMO_SAMPLES, demoSamples, type DemoPass } from '../../../server/demo/samples.js';
import { createBlocklist } from '../../../server/pipeline/blocklist.js';
import { normalize } from '../../../server/pipeline/normalize/index.js';
import { runPipeline, type PipelineOutcome } from '../../../server/pipeline/run.js';
import type { RawPayload } from '../../../server/pipeline/types.js';
import { createDemoSource } from '../../../server/sources/demo.js';
import type { SourceContext, SourceState } from '../../../server/sources/source.js';
import type { IntakeOutcome } from '../../../server/intake/intake.js';
import { silentLogger } from '../../../server/log.js';
import { ctx } from './helpers.js';

const rules = {
  mode: 'pre' as const,
  blocklist: createBlocklist([], { useDefault: true }),
  bannedAuthors: new Set<string>(),
  trustedAuthors: new Set<string>(),
};

const PASS: DemoPass = { key: '17650000000000', now: Date.UTC(2026, 11, 7, 20, 0) };
const SAMPLES = demoSamples(PASS);

describe('DEMO_SAMPLES', () => {
  it('covers every wire format with about sixteen samples', () => {
    expect(new Set(SAMPLES.map((s) => s.format))).toEqual(
      new Set(['x', 'mastodon', 'jetstream', 'twilio', 'sms-gateway', 'email', 'web']),
    );
    expect(SAMPLES.length).toBeGreaterThanOrEqual(14);
  });

  it.each(SAMPLES.map((sample, index) => [index, sample.format, sample] as const))(
    'sample %i (%s) normalizes',
    (_index, _format, sample) => {
      const item = normalize(sample, ctx);
      expect(item.text.length + item.media.length).toBeGreaterThan(0);
      expect(item.author.avatarUrl).toBeUndefined();
      expect(item.media).toEqual([]);
    },
  );

  it('uses only example hosts and fictional numbers', () => {
    const json = JSON.stringify(SAMPLES);
    const hosts = [...json.matchAll(/https?:\/\/([^/"\\]+)/g)].map((m) => m[1]);
    for (const host of hosts) expect(host).toMatch(/(^|\.)(example\.org|invalid|x\.com|t\.co)$/);
    const numbers = [...json.matchAll(/\+?\b(?:33|44)\d{9,10}\b/g)].map((m) => m[0].replace('+', ''));
    for (const number of numbers) expect(number).toMatch(/^(336399|447700900)/);
  });

  it('shows folding, sanitizing and filtering', async () => {
    const outcomes = await Promise.all(
      SAMPLES.map((sample) => runPipeline(sample, { ...ctx, seen: async () => false, rules })),
    );
    const items = outcomes.flatMap((o) => (o.kind === 'item' ? [o] : []));
    expect(items).toHaveLength(SAMPLES.length);
    expect(items.some((o) => o.item.source === 'mastodon' && o.item.text.startsWith('Merci pour ce débat'))).toBe(true);
    for (const o of items) expect(o.item.html).not.toMatch(/<script/i);
    expect(items.filter((o) => o.decision.status === 'rejected').map((o) => o.decision.reasons)).toEqual([
      [{ rule: 'blocklist', detail: 'merde' }],
    ]);
    const retweet = items.find((o) => o.item.sourceId === `1900000000000000001${PASS.key}` && o !== items[0]);
    expect(retweet?.item.author.name).toBe('Léa Martin');
    expect(items.find((o) => o.item.author.name === 'Claire')?.item.text).toMatch(/^Bravo pour la retransmission/);
  });

  it('gives every pass ids of its own and dates of its own', () => {
    const idsOf = (pass: DemoPass) => sourceIds(demoSamples(pass));
    const first = idsOf(PASS);
    const next = idsOf({ key: `${PASS.key.slice(0, -1)}1`, now: PASS.now + 60_000 });
    // Within a pass only the repost repeats an id (that of the post it reposts).
    expect(new Set(first).size).toBe(first.length - 1);
    expect(first.filter((id) => next.includes(id))).toEqual([]);
    const later = demoSamples({ ...PASS, now: PASS.now + 3_600_000 }).map((s) => normalize(s, ctx).createdAt);
    const dates = SAMPLES.map((s) => normalize(s, ctx).createdAt);
    expect(later.filter((at, i) => at === dates[i] && at !== ctx.now())).toEqual([]);
  });
});

describe('the demo source', () => {
  it('loops: keeps submitting new items past one pass, until stopped', async () => {
    const seen = new Set<string>();
    const outcomes: PipelineOutcome[] = [];
    const states: SourceState[] = [];
    const controller = new AbortController();
    const source = createDemoSource({ kind: 'demo', enabled: true, intervalSeconds: 0.05 }, DEMO_SAMPLES.slice(0, 3));
    const done = source.run!(
      fakeContext(controller.signal, states, async (raw) => {
        const outcome = await runPipeline(raw, {
          ...ctx,
          seen: async (source, id) => seen.has(`${source} ${id}`),
          rules,
        });
        outcomes.push(outcome);
        if (outcome.kind === 'item') seen.add(`${outcome.item.source} ${outcome.item.sourceId}`);
      }),
    );
    await expect.poll(() => outcomes.filter((o) => o.kind === 'item').length, { timeout: 10_000 }).toBeGreaterThan(7);
    controller.abort();
    await done;
    expect(outcomes.every((o) => o.kind === 'item')).toBe(true);
    expect(states).toEqual(['live']);
  });
});

function sourceIds(samples: RawPayload[]): string[] {
  return samples.map((sample) => normalize(sample, ctx).sourceId);
}

function fakeContext(
  signal: AbortSignal,
  states: SourceState[],
  take: (raw: RawPayload) => Promise<void>,
): SourceContext {
  const unused = () => {
    throw new Error('not used by the demo');
  };
  return {
    event: 'demo',
    hashtags: ['MurmureDemo'],
    submit: async (raw): Promise<IntakeOutcome> => {
      await take(raw);
      return { kind: 'ignored', why: 'counted by the test' };
    },
    revise: unused,
    retract: unused,
    shownSourceIds: async () => [],
    memory: { get: () => undefined, set: () => {}, delete: () => {}, forgetOlder: () => 0 },
    setState: (state) => states.push(state),
    log: silentLogger(),
    signal,
  };
}
