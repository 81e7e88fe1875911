import { describe, expect, it } from 'vitest';
import { createBlocklist } from '../../../server/pipeline/blocklist.js';
import { runPipeline } from '../../../server/pipeline/run.js';
import type { PipelineContext } from '../../../server/pipeline/run.js';
import type { RawPayload } from '../../../server/pipeline/types.js';
import type { SourceKind } from '../../../server/protocol/items.js';
import { ctx as normalizeCtx, fixtureJson } from './helpers.js';

function context(seen: string[] = [], overrides: Partial<PipelineContext> = {}): PipelineContext {
  const known = new Set(seen);
  return {
    ...normalizeCtx,
    seen: async (source: SourceKind, sourceId: string) => known.has(`${source} ${sourceId}`),
    rules: {
      mode: 'pre',
      blocklist: createBlocklist(['crétin'], { useDefault: false }),
      bannedAuthors: new Set(),
      trustedAuthors: new Set(),
    },
    ...overrides,
  };
}

const web = (message: string): RawPayload => ({
  format: 'web',
  payload: { name: 'Léa', message },
  meta: { idempotencyKey: 'k1' },
});

describe('runPipeline', () => {
  it('returns a sanitized item with its decision', async () => {
    const outcome = await runPipeline(web('Rappelez le 06 39 98 12 34 #Débat'), context());
    expect(outcome.kind).toBe('item');
    if (outcome.kind !== 'item') return;
    expect(outcome.item.text).toBe('Rappelez le ••• #Débat');
    expect(outcome.item.html).toBe('Rappelez le ••• <span class="hashtag">#Débat</span>');
    expect(outcome.decision).toEqual({ status: 'pending', reasons: [] });
  });

  it('applies the filter', async () => {
    const outcome = await runPipeline(web('quel crétin'), context());
    expect(outcome.kind === 'item' && outcome.decision).toEqual({
      status: 'rejected',
      reasons: [{ rule: 'blocklist', detail: 'crétin' }],
    });
  });

  it('honours maxLength', async () => {
    const outcome = await runPipeline(web('un deux trois quatre'), context([], { maxLength: 10 }));
    expect(outcome.kind === 'item' && outcome.item.text).toBe('un deux…');
  });

  it('reports a duplicate with its canonical id', async () => {
    const status = fixtureJson('mastodon/status-hashtag-stream-update.json') as { uri: string };
    const raw: RawPayload = {
      format: 'mastodon',
      payload: { ...status, uri: status.uri.replace('mastodon.social', 'Mastodon.Social') },
    };
    expect(await runPipeline(raw, context([`mastodon ${status.uri}`]))).toEqual({
      kind: 'duplicate',
      source: 'mastodon',
      sourceId: status.uri,
    });
  });

  it('reports ignored payloads with why', async () => {
    const raw: RawPayload = { format: 'jetstream', payload: fixtureJson('bluesky/jetstream-post-delete.json') };
    expect(await runPipeline(raw, context())).toEqual({ kind: 'ignored', why: 'post delete' });
  });

  it('reports malformed payloads', async () => {
    const outcome = await runPipeline({ format: 'twilio', payload: { Body: 'x' } }, context());
    expect(outcome.kind).toBe('malformed');
    expect(outcome.kind === 'malformed' && outcome.error.message).toMatch(/^twilio: MessageSid: /);
  });

  it('turns an unexpected exception into malformed instead of throwing', async () => {
    const broken = {
      ...context(),
      contactTag: (): string => {
        throw new TypeError('boom');
      },
    };
    const raw: RawPayload = { format: 'sms-gateway', payload: { from: '+33639981278', text: 'a', id: '1' } };
    const outcome = await runPipeline(raw, broken);
    expect(outcome.kind === 'malformed' && outcome.error.message).toBe('sms-gateway: unexpected error: boom');
  });

  it('lets a failing store lookup propagate: it is not the payload’s fault', async () => {
    const failing = context([], { seen: () => Promise.reject(new Error('database is locked')) });
    await expect(runPipeline(web('ok'), failing)).rejects.toThrow('database is locked');
  });
});
