import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateRequest } from 'twilio/lib/webhooks/webhooks.js';
import { readForm } from '../../../server/sources/sms-twilio.js';

interface Vector {
  authToken: string;
  url: string;
  params: Record<string, string>;
  expectedSignature: string;
}

const vector = JSON.parse(
  readFileSync(new URL('../../fixtures/twilio/signature-test-vector.json', import.meta.url), 'utf8'),
) as Vector;

describe('X-Twilio-Signature', () => {
  it("accepts Twilio's published test vector with the function the webhook uses", () => {
    expect(validateRequest(vector.authToken, vector.expectedSignature, vector.url, vector.params)).toBe(true);
  });

  it('refuses the vector with any part changed', () => {
    const { authToken, url, params, expectedSignature } = vector;
    expect(validateRequest('54321', expectedSignature, url, params)).toBe(false);
    expect(validateRequest(authToken, expectedSignature, url.replace('foo=1', 'foo=2'), params)).toBe(false);
    expect(validateRequest(authToken, expectedSignature, url, { ...params, Digits: '1235' })).toBe(false);
    expect(validateRequest(authToken, expectedSignature, url, { ...params, Extra: '' })).toBe(false);
    expect(validateRequest(authToken, '', url, params)).toBe(false);
  });

  it('checks the vector read back from a form body the way the webhook reads it', () => {
    const body = new URLSearchParams(vector.params).toString();
    const { signed } = readForm(body);
    expect(validateRequest(vector.authToken, vector.expectedSignature, vector.url, signed)).toBe(true);
  });
});

describe('readForm', () => {
  it('keeps repeated parameters for the signature and the first value for the message', () => {
    const { signed, form } = readForm('Body=caf%C3%A9+cr%C3%A8me&MediaUrl0=a&MediaUrl0=b&Empty=');
    expect(signed).toEqual({ Body: 'café crème', MediaUrl0: ['a', 'b'], Empty: '' });
    expect(form).toEqual({ Body: 'café crème', MediaUrl0: 'a', Empty: '' });
  });
});
