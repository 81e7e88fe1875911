import { describe, expect, it } from 'vitest';
import { ignored, malformed, norm, NOW } from '../helpers.js';

describe('normalize web', () => {
  it('reads a form submission keyed by the client', () => {
    const item = norm(
      'web',
      { name: '  Inès   B. ', message: 'Une question ?' },
      { idempotencyKey: 'k-1', clientKey: 'ip-hash' },
    );
    expect(item).toMatchObject({
      source: 'web',
      sourceId: 'k-1',
      url: null,
      author: { name: 'Inès B.' },
      authorKey: 'web:mail-tag(ip-hash)',
      contact: null,
      text: 'Une question ?',
      createdAt: NOW,
    });
  });

  it('names an anonymous author "Web" and keys by name without a client key', () => {
    expect(norm('web', { name: ' ', message: 'x' }, { idempotencyKey: 'k' }).author.name).toBe('Web');
    expect(norm('web', { name: 'Léa', message: 'x' }, { idempotencyKey: 'k' }).authorKey).toBe('web:mail-tag(léa)');
  });

  it('requires the idempotency key and a message', () => {
    expect(malformed(() => norm('web', { name: 'a', message: 'b' })).message).toBe('web: meta.idempotencyKey: missing');
    expect(malformed(() => norm('web', { name: 'a' }, { idempotencyKey: 'k' })).message).toMatch(/^web: message: /);
    expect(ignored(() => norm('web', { message: ' \n ' }, { idempotencyKey: 'k' })).why).toBe('empty message');
  });
});
