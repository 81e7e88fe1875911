import { describe, expect, it } from 'vitest';
import { DEMO_SAMPLES } from '../../../server/demo/samples.js';
import { createBlocklist } from '../../../server/pipeline/blocklist.js';
import { normalize } from '../../../server/pipeline/normalize/index.js';
import { runPipeline } from '../../../server/pipeline/run.js';
import { ctx } from './helpers.js';

const rules = {
  mode: 'pre' as const,
  blocklist: createBlocklist([], { useDefault: true }),
  bannedAuthors: new Set<string>(),
  trustedAuthors: new Set<string>(),
};

describe('DEMO_SAMPLES', () => {
  it('covers every wire format with about sixteen samples', () => {
    expect(new Set(DEMO_SAMPLES.map((s) => s.format))).toEqual(
      new Set(['x', 'mastodon', 'jetstream', 'twilio', 'sms-gateway', 'email', 'web']),
    );
    expect(DEMO_SAMPLES.length).toBeGreaterThanOrEqual(14);
  });

  it.each(DEMO_SAMPLES.map((sample, index) => [index, sample.format, sample] as const))(
    'sample %i (%s) normalizes',
    (_index, _format, sample) => {
      const item = normalize(sample, ctx);
      expect(item.text.length + item.media.length).toBeGreaterThan(0);
      expect(item.author.avatarUrl).toBeUndefined();
      expect(item.media).toEqual([]);
    },
  );

  it('uses only example hosts and fictional numbers', () => {
    const json = JSON.stringify(DEMO_SAMPLES);
    const hosts = [...json.matchAll(/https?:\/\/([^/"\\]+)/g)].map((m) => m[1]);
    for (const host of hosts) expect(host).toMatch(/(^|\.)(example\.org|invalid|x\.com|t\.co)$/);
    const numbers = [...json.matchAll(/\+?\b(?:33|44)\d{9,10}\b/g)].map((m) => m[0].replace('+', ''));
    for (const number of numbers) expect(number).toMatch(/^(336399|447700900)/);
  });

  it('shows folding, sanitizing and filtering', () => {
    const outcomes = DEMO_SAMPLES.map((sample) => runPipeline(sample, { ...ctx, seen: () => false, rules }));
    const items = outcomes.flatMap((o) => (o.kind === 'item' ? [o] : []));
    expect(items).toHaveLength(DEMO_SAMPLES.length);
    expect(items.some((o) => o.item.source === 'mastodon' && o.item.text.startsWith('Merci pour ce débat'))).toBe(true);
    for (const o of items) expect(o.item.html).not.toMatch(/<script/i);
    expect(items.filter((o) => o.decision.status === 'rejected').map((o) => o.decision.reasons)).toEqual([
      [{ rule: 'blocklist', detail: 'merde' }],
    ]);
    const retweet = items.find((o) => o.item.sourceId === '1900000000000000001' && o !== items[0]);
    expect(retweet?.item.author.name).toBe('Léa Martin');
    expect(items.find((o) => o.item.author.name === 'Claire')?.item.text).toMatch(/^Bravo pour la retransmission/);
  });
});
