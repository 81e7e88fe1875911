import { describe, expect, it } from 'vitest';
import {
  MESSAGE_MAX,
  NAME_MAX,
  PHOTO_MAX_BYTES,
  characters,
  checkPhoto,
  describeFailure,
  newIdempotencyKey,
  parseRetryAfter,
  uuidFromBytes,
  validateSubmission,
} from '../../../../wall/lib/submission.js';

const now = Date.UTC(2025, 5, 3, 12, 0, 0);

describe('validateSubmission', () => {
  it('accepts a name and a message up to the limit', () => {
    expect(validateSubmission({ name: 'Ana', message: 'x'.repeat(MESSAGE_MAX) })).toEqual({});
  });

  it('requires both fields, blank counting as empty', () => {
    expect(validateSubmission({ name: ' ', message: '\n' })).toEqual({
      name: { kind: 'required' },
      message: { kind: 'required' },
    });
  });

  it('refuses a message or a name over the limit', () => {
    expect(validateSubmission({ name: 'Ana', message: 'x'.repeat(MESSAGE_MAX + 1) })).toEqual({
      message: { kind: 'too_long', max: MESSAGE_MAX },
    });
    expect(validateSubmission({ name: 'n'.repeat(NAME_MAX + 1), message: 'Salut' })).toEqual({
      name: { kind: 'too_long', max: NAME_MAX },
    });
  });

  it('counts characters as the server does, an emoji once', () => {
    expect(characters('😀é')).toBe(2);
    expect(validateSubmission({ name: 'Ana', message: '😀'.repeat(MESSAGE_MAX) })).toEqual({});
  });

  it('checks the photo that goes with the message', () => {
    const photo = { name: 'salle.heic', type: 'image/heic', size: 1000 };
    expect(validateSubmission({ name: 'Ana', message: 'Vue' }, photo)).toEqual({ photo: { kind: 'photo_type' } });
  });
});

describe('checkPhoto', () => {
  it('accepts the four image types up to 8 MB', () => {
    for (const type of ['image/jpeg', 'image/png', 'image/webp', 'image/gif']) {
      expect(checkPhoto({ name: 'a', type, size: PHOTO_MAX_BYTES })).toBeNull();
    }
  });

  it('refuses other types and larger files', () => {
    expect(checkPhoto({ name: 'a.pdf', type: 'application/pdf', size: 10 })).toEqual({ kind: 'photo_type' });
    expect(checkPhoto({ name: 'a.jpg', type: 'image/jpeg', size: PHOTO_MAX_BYTES + 1 })).toEqual({
      kind: 'photo_size',
      maxBytes: PHOTO_MAX_BYTES,
    });
  });

  it('goes by the extension when the browser gives no type', () => {
    expect(checkPhoto({ name: 'IMG_0001.JPG', type: '', size: 10 })).toBeNull();
    expect(checkPhoto({ name: 'notes.txt', type: '', size: 10 })).toEqual({ kind: 'photo_type' });
  });
});

describe('describeFailure', () => {
  it('puts 400 details next to their fields and keeps the others as a message', () => {
    const body = {
      error: {
        code: 'bad_request',
        message: 'Invalid submission',
        details: [
          { field: 'message', message: 'Too long' },
          { field: 'body.name', message: 'Required' },
          { field: 'captcha', message: 'Missing token' },
        ],
      },
    };
    expect(describeFailure(400, body, null, now)).toEqual({
      kind: 'validation',
      fields: { message: { kind: 'server', message: 'Too long' }, name: { kind: 'server', message: 'Required' } },
      message: 'Missing token',
    });
  });

  it('uses the error message of a 400 without details', () => {
    const body = { error: { code: 'bad_request', message: 'Malformed JSON' } };
    expect(describeFailure(400, body, null, now)).toEqual({
      kind: 'validation',
      fields: {},
      message: 'Malformed JSON',
    });
  });

  it('reads 413 with the server’s words and 429 with its Retry-After', () => {
    expect(describeFailure(413, null, null, now)).toEqual({ kind: 'too_large', message: null });
    const tooLarge = { error: { code: 'payload_too_large', message: 'La photo fait plus de 8 Mo.' } };
    expect(describeFailure(413, tooLarge, null, now)).toEqual({
      kind: 'too_large',
      message: 'La photo fait plus de 8 Mo.',
    });
    expect(describeFailure(429, null, '30', now)).toEqual({ kind: 'rate_limited', retryAfterSeconds: 30 });
  });

  it('reads 403 as a form closed to the web', () => {
    const closed = { error: { code: 'forbidden', message: 'Cet événement ne reçoit pas de messages par le web.' } };
    expect(describeFailure(403, closed, null, now)).toEqual({ kind: 'closed', message: closed.error.message });
  });

  it('puts a bad photo next to the photo field', () => {
    const body = {
      error: { code: 'bad_request', message: 'x', details: [{ field: 'photo', message: 'Pas une image' }] },
    };
    expect(describeFailure(400, body, null, now)).toMatchObject({
      fields: { photo: { kind: 'server', message: 'Pas une image' } },
    });
  });

  it('treats anything else, including a 400 that is not an ApiError, as a server error', () => {
    expect(describeFailure(500, null, null, now)).toEqual({ kind: 'server' });
    expect(describeFailure(400, '<html>', null, now)).toEqual({ kind: 'server' });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter(new Date(now + 90_500).toUTCString(), now)).toBe(90);
    expect(parseRetryAfter(new Date(now - 5000).toUTCString(), now)).toBe(0);
  });

  it('returns null when absent or unreadable', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('', now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});

describe('idempotency keys', () => {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('formats random bytes as a version 4 UUID', () => {
    expect(uuidFromBytes(new Uint8Array(16).fill(0xff))).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(uuidFromBytes(new Uint8Array(16))).toMatch(uuid);
  });

  it('makes a new key each time', () => {
    const a = newIdempotencyKey();
    expect(a).toMatch(uuid);
    expect(newIdempotencyKey()).not.toBe(a);
  });
});
