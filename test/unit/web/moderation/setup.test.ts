import { describe, expect, it } from 'vitest';
import {
  checkSetup,
  firstProblem,
  refusal,
  tokenFromHash,
  type FieldProblem,
  type SetupField,
} from '../../../../moderation/lib/setup.js';
import { fieldProblemText, setupMessages } from '../../../../moderation/lib/i18n-setup.js';
import { NAME, PASSWORD } from '../../../../server/moderation/accounts.js';

const valid = { token: 'ABCD-EFGH-JKMN', name: 'admin', password: 'long-enough-1', confirm: 'long-enough-1' };

describe('tokenFromHash', () => {
  it('reads the token from the printed link fragment', () => {
    expect(tokenFromHash('#token=7K3M-QX9P-2HDA')).toBe('7K3M-QX9P-2HDA');
    expect(tokenFromHash('#lang=fr&token=%207K3M-QX9P-2HDA%20')).toBe('7K3M-QX9P-2HDA');
    expect(tokenFromHash('')).toBe('');
    expect(tokenFromHash('#other=1')).toBe('');
  });
});

describe('checkSetup', () => {
  it('accepts a complete form', () => {
    expect(checkSetup(valid)).toEqual({});
  });

  it('names the problem of each field, in the order of the form', () => {
    const problems = checkSetup({ token: ' ', name: 'x', password: 'short', confirm: '' });
    expect(problems).toEqual({ token: 'required', name: 'tooShort', password: 'tooShort' });
    expect(firstProblem(problems)).toBe('token');
    expect(checkSetup({ ...valid, confirm: 'long-enough-2' })).toEqual({ confirm: 'mismatch' });
    expect(firstProblem(checkSetup({ ...valid, confirm: 'other' }))).toBe('confirm');
    expect(checkSetup({ ...valid, name: 'a<b>' })).toEqual({ name: 'badCharacters' });
    expect(checkSetup({ ...valid, name: 'n'.repeat(41) })).toEqual({ name: 'tooLong' });
    expect(checkSetup({ ...valid, name: '' }).name).toBe('required');
  });

  it('agrees with the server account rules on every sample', () => {
    const names = ['admin', 'Léa Dupont', 'a', 'x'.repeat(40), 'x'.repeat(41), 'é_t.é-2', 'semi;colon', '  padded  '];
    for (const name of names) {
      expect(checkSetup({ ...valid, name }).name === undefined, name).toBe(NAME.safeParse(name).success);
    }
    for (const password of ['123456789', '1234567890', 'p'.repeat(200), 'p'.repeat(201)]) {
      const fields = { ...valid, password, confirm: password };
      expect(checkSetup(fields).password === undefined, password).toBe(PASSWORD.safeParse(password).success);
    }
  });
});

describe('refusal', () => {
  it('puts each refusal of the server next to its field or on the form', () => {
    expect(refusal(403, [], null)).toEqual({ ok: false, fields: { token: 'wrongToken' }, form: null });
    expect(refusal(409, ['name'], null)).toEqual({ ok: false, fields: { name: 'taken' }, form: null });
    expect(refusal(409, [], null)).toEqual({ ok: false, fields: {}, form: { kind: 'done' } });
    expect(refusal(429, [], '900')).toMatchObject({ form: { kind: 'rate_limited', retryAfterSeconds: 900 } });
    expect(refusal(400, ['password', 'language'], null)).toEqual({
      ok: false,
      fields: { password: 'refused' },
      form: null,
    });
    expect(refusal(500, [], null)).toMatchObject({ form: { kind: 'network' } });
  });
});

describe('set-up messages', () => {
  const keys = (value: object): string[] =>
    Object.entries(value)
      .flatMap(([key, inner]) =>
        typeof inner === 'object' && inner !== null ? keys(inner).map((k) => `${key}.${k}`) : [key],
      )
      .sort();

  it('has every text in both languages, none empty', () => {
    expect(keys(setupMessages.fr)).toEqual(keys(setupMessages.en));
    for (const t of Object.values(setupMessages)) {
      for (const [key, value] of Object.entries(t)) if (typeof value === 'string') expect(value, key).not.toBe('');
      expect(t.created('Léa')).toContain('Léa');
      expect(t.rateLimited(120)).toMatch(/2/);
      expect(t.rateLimited(null)).not.toBe('');
    }
  });

  it('words every problem the checks and the server can give', () => {
    const cases: [SetupField, FieldProblem][] = [
      ['token', 'required'],
      ['token', 'wrongToken'],
      ['name', 'required'],
      ['name', 'tooShort'],
      ['name', 'tooLong'],
      ['name', 'badCharacters'],
      ['name', 'taken'],
      ['password', 'required'],
      ['password', 'tooShort'],
      ['password', 'tooLong'],
      ['confirm', 'mismatch'],
    ];
    for (const t of Object.values(setupMessages)) {
      for (const [field, problem] of cases) expect(fieldProblemText(field, problem, t)).not.toBe(t.invalid);
    }
  });
});
