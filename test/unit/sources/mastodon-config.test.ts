/** The Mastodon source's settings: defaults, and the problems an organiser is told about. */
import { describe, expect, it } from 'vitest';
import { mastodonSource } from '../../../server/config/sources.js';

const problems = (input: unknown) =>
  mastodonSource.safeParse(input).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];

describe('mastodon settings', () => {
  it('polls every 12 s and re-checks the wall every 5 minutes by default, with and without a token', () => {
    const config = mastodonSource.parse({
      kind: 'mastodon',
      instances: [{ url: 'https://mastodon.social' }, { url: 'https://piaille.fr', token: 'abc' }],
    });
    expect(config).toEqual({
      kind: 'mastodon',
      enabled: true,
      pollSeconds: 12,
      recheckSeconds: 300,
      instances: [{ url: 'https://mastodon.social' }, { url: 'https://piaille.fr', token: 'abc' }],
    });
  });

  it('names each bad setting', () => {
    expect(
      problems({
        kind: 'mastodon',
        pollSeconds: 0.01,
        instances: [
          { url: 'https://mastodon.social' },
          { url: 'https://mastodon.social/', token: '' },
          { url: 'https://piaille.fr', streamingUrl: 'https://streaming.piaille.fr' },
        ],
      }),
    ).toEqual([
      'instances.1.token: must not be empty (use "${ENV_VAR}" to read it from the environment)',
      'instances.2.streamingUrl: must be a ws:// or wss:// URL',
      'instances: lists the same instance twice',
      'pollSeconds: must be at least 0.05 seconds (12 suits the public rate limit)',
    ]);
    expect(problems({ kind: 'mastodon', instances: [] })).toEqual(['instances: list at least one instance']);
    expect(
      problems({ kind: 'mastodon', instances: [{ url: 'https://a.example' }, { url: 'https://a.example/' }] }),
    ).toEqual(['instances: lists the same instance twice']);
  });
});
