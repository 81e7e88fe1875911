/**
 * The source checks' shared pieces: a result is scrubbed of every secret wherever it hides (even one a service
 * echoed back), webhook URLs keep a path prefix, instants read as UTC, and the deadline says why it fired.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SourceTestResult } from '../../../server/protocol/admin.js';
import {
  abortedWhy,
  abortedWords,
  deadline,
  errorValue,
  fact,
  joinUrl,
  utc,
  webhookUrl,
  withoutSecrets,
} from '../../../server/sources/checks/common.js';

describe('withoutSecrets', () => {
  it('replaces each secret in the summary, the detail and every fact', () => {
    const token = 'tok_Secret-Abc123';
    const result: SourceTestResult = {
      ok: false,
      summary: { en: `refused ${token}`, fr: `refusé ${token}` },
      detail: `GET /x?access_token=${token}: 401 Bearer ${token}`,
      facts: [{ label: { en: token, fr: 'jeton' }, value: `…${token}…` }],
    };
    const clean = withoutSecrets(result, [token, 'pw-9876']);
    expect(JSON.stringify(clean)).not.toContain(token);
    expect(clean.detail).toBe('GET /x?access_token=***: 401 Bearer ***');
    expect(clean.facts![0]!.value).toBe('…***…');
  });

  it('scrubs a value given in both languages as well as a plain one', () => {
    const token = 'tok_Secret-Abc123';
    const result: SourceTestResult = {
      ok: true,
      summary: { en: 'ok', fr: 'ok' },
      facts: [fact('Token', 'Jeton', { en: `sent ${token}`, fr: `envoyé ${token}` }), fact('Id', 'Id', 'AC12')],
    };
    const clean = withoutSecrets(result, [token]);
    expect(clean.facts).toEqual([
      { label: { en: 'Token', fr: 'Jeton' }, value: { en: 'sent ***', fr: 'envoyé ***' } },
      { label: { en: 'Id', fr: 'Id' }, value: 'AC12' },
    ]);
  });

  it('leaves a result alone when there is no secret, and ignores values too short to be one', () => {
    const result: SourceTestResult = { ok: true, summary: { en: 'a b c', fr: 'a b c' } };
    expect(withoutSecrets(result, [])).toBe(result);
    expect(withoutSecrets(result, ['a'])).toBe(result);
  });
});

describe('URLs and times', () => {
  it('keeps a base path when joining', () => {
    expect(joinUrl('https://proxy.example/x/', '/2/tweets').toString()).toBe('https://proxy.example/x/2/tweets');
    expect(webhookUrl('https://wall.example.org/', 'town hall', 'sms/twilio')).toBe(
      'https://wall.example.org/hooks/town%20hall/sms/twilio',
    );
    expect(webhookUrl('', 'fete', 'sms/gateway')).toBe('/hooks/fete/sms/gateway');
  });

  it('writes instants in UTC to the minute', () => {
    expect(utc(Date.UTC(2031, 4, 6, 14, 30, 59))).toBe('2031-05-06 14:30 UTC');
  });
});

describe('deadline', () => {
  afterEach(() => void vi.useRealTimers());

  it('aborts with how long it waited, or with the caller, and clears its timer when done', () => {
    vi.useFakeTimers();
    const parent = new AbortController();
    const first = deadline(parent.signal, 8_000);
    vi.advanceTimersByTime(8_000);
    expect(first.signal.reason).toBeInstanceOf(Error);
    expect(abortedWhy(first.signal)).toBe('no answer within 8 s');
    first.done();

    const second = deadline(parent.signal, 8_000);
    parent.abort();
    expect(abortedWhy(second.signal)).toBe('the check was cancelled');
    expect(abortedWords(second.signal)).toEqual({ en: 'the check was cancelled', fr: 'la vérification a été annulée' });
    second.done();

    const third = deadline(new AbortController().signal, 8_000);
    third.done();
    expect(vi.getTimerCount()).toBe(0);
    expect(third.signal.aborted).toBe(false);
    expect(abortedWords(third.signal)).toBeUndefined();
  });

  it('says why in both languages for a fact, and leaves a network error in Node’s words', () => {
    vi.useFakeTimers();
    const limit = deadline(new AbortController().signal, 2_500);
    const refused = new Error('connect ECONNREFUSED 127.0.0.1:9');
    expect(errorValue(refused, limit.signal)).toBe('connect ECONNREFUSED 127.0.0.1:9');
    vi.advanceTimersByTime(2_500);
    expect(errorValue(refused, limit.signal)).toEqual({
      en: 'no answer within 2.5 s',
      fr: 'pas de réponse en 2,5\u00a0s',
    });
    limit.done();
  });
});
