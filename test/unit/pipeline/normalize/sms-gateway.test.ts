import { describe, expect, it } from 'vitest';
import { malformed, norm, NOW } from '../helpers.js';

describe('normalize sms-gateway', () => {
  it('reads Vonage inbound fields, with its UTC timestamp', () => {
    const item = norm('sms-gateway', {
      msisdn: '447700900456',
      to: '447700900000',
      messageId: '0A0000001234ABCD',
      text: 'Name: Tom\nWill slides be shared?',
      type: 'text',
      keyword: 'NAME:',
      'message-timestamp': '2026-03-12 18:11:40',
    });
    expect(item).toMatchObject({
      source: 'sms',
      sourceId: '0A0000001234ABCD',
      author: { name: 'Tom' },
      authorKey: 'sms:sms-tag(+447700900456)',
      contact: { masked: '+44 7700 ••••56' },
      text: 'Will slides be shared?',
      createdAt: Date.UTC(2026, 2, 12, 18, 11, 40),
    });
  });

  it('reads a generic body with id and epoch-seconds timestamp; one number, one tag across gateways', () => {
    const item = norm('sms-gateway', {
      from: '+33 6 39 98 12 78',
      to: '+33639980000',
      text: 'Bravo',
      id: 77,
      timestamp: 1773338952,
    });
    expect(item.sourceId).toBe('77');
    expect(item.authorKey).toBe('sms:sms-tag(+33639981278)');
    expect(item.author.name).toBe('SMS');
    expect(item.createdAt).toBe(1773338952000);
  });

  it('falls back to now() without a timestamp', () => {
    expect(norm('sms-gateway', { from: '0639981278', text: 'a', messageId: 'm' }).createdAt).toBe(NOW);
  });

  it('requires a message id and a sender', () => {
    expect(malformed(() => norm('sms-gateway', { from: '+33639981278', text: 'a' })).message).toBe(
      'sms-gateway: messageId: missing (or id)',
    );
    expect(malformed(() => norm('sms-gateway', { text: 'a', messageId: 'm' })).message).toBe(
      'sms-gateway: from: missing (or msisdn)',
    );
  });
});
