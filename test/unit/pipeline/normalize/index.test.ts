import { describe, expect, it } from 'vitest';
import { normalize } from '../../../../server/pipeline/normalize/index.js';
import type { PayloadFormat } from '../../../../server/pipeline/types.js';
import { ctx, malformed } from '../helpers.js';

describe('normalize', () => {
  it('rejects an unknown format as malformed', () => {
    const error = malformed(() => normalize({ format: 'fax' as PayloadFormat, payload: {} }, ctx));
    expect(error.message).toBe('fax: unknown payload format');
  });

  it.each(['x', 'mastodon', 'jetstream', 'twilio', 'sms-gateway', 'email', 'web'] as const)(
    'turns a non-object %s payload into a MalformedPayloadError',
    (format) => {
      expect(malformed(() => normalize({ format, payload: null, meta: { idempotencyKey: 'k' } }, ctx)).format).toBe(
        format,
      );
    },
  );
});
