import { describe, expect, it } from 'vitest';
import { createAttemptLimits, type AttemptLimitsPolicy } from '../../../server/auth/attempt-limits.js';
import { SIGN_IN_LIMITS } from '../../../server/http/api-session.js';
import { SETUP_LIMITS } from '../../../server/http/api-setup.js';

const POLICY: AttemptLimitsPolicy = {
  windowMs: 60_000,
  perAddressAndAccount: 3,
  perAccount: 5,
  total: 8,
  addressShare: 4,
};

function limits(policy = POLICY) {
  let time = 1_000_000;
  const subject = createAttemptLimits(policy, () => time);
  return {
    ...subject,
    advance: (ms: number) => (time += ms),
    /** `count` failures of `address` at `account`. */
    fail(address: string, account: string, count = 1) {
      for (let i = 0; i < count; i++) subject.failed(address, account);
    },
  };
}

describe('attempt limits', () => {
  it('stop one address at one account, and only there', () => {
    const l = limits();
    l.fail('venue', 'admin', 3);
    expect(l.check('venue', 'admin')).toEqual({ ok: false, limit: 'address-and-account', retryAfterSeconds: 60 });
    // The room behind the venue's address still reaches every other account, and the organiser elsewhere this one.
    expect(l.check('venue', 'sam')).toEqual({ ok: true });
    expect(l.check('phone', 'admin')).toEqual({ ok: true });
  });

  it('stop a spread of addresses at one account', () => {
    const l = limits();
    l.fail('a', 'admin', 2);
    l.fail('b', 'admin', 2);
    l.fail('c', 'admin', 1);
    expect(l.check('fresh', 'admin')).toMatchObject({ ok: false, limit: 'account' });
    expect(l.check('fresh', 'sam')).toEqual({ ok: true });
  });

  it('cap every failure together, each address counting for its share only', () => {
    const l = limits();
    // One address making up names: ten failures, but only four count towards the total of eight.
    for (let i = 0; i < 10; i++) l.fail('venue', `name-${i}`);
    expect(l.check('elsewhere', 'admin')).toEqual({ ok: true });
    l.fail('b', 'x', 3);
    expect(l.check('elsewhere', 'admin')).toEqual({ ok: true });
    l.fail('c', 'y');
    expect(l.check('elsewhere', 'admin')).toMatchObject({ ok: false, limit: 'total' });
  });

  it('clear an address’s and an account’s counts on success, not the total', () => {
    const l = limits();
    l.fail('venue', 'admin', 2);
    l.fail('other', 'admin', 2);
    l.succeeded('venue', 'admin');
    l.fail('venue', 'admin', 2);
    expect(l.check('venue', 'admin')).toEqual({ ok: true });
    expect(l.check('third', 'admin')).toEqual({ ok: true });
  });

  it('forget a window once it ends, and say how long is left before', () => {
    const l = limits();
    l.fail('venue', 'admin', 3);
    l.advance(45_500);
    expect(l.check('venue', 'admin')).toMatchObject({ ok: false, retryAfterSeconds: 15 });
    l.advance(14_500);
    expect(l.check('venue', 'admin')).toEqual({ ok: true });
  });

  it('count the set-up token per address and in total only', () => {
    const l = limits(SETUP_LIMITS);
    l.fail('venue', '', 10);
    expect(l.check('venue', '')).toMatchObject({ ok: false, limit: 'address-and-account' });
    expect(l.check('organiser', '')).toEqual({ ok: true });
    for (let i = 0; i < 9; i++) l.fail(`address-${i}`, '', 10);
    expect(l.check('organiser', '')).toMatchObject({ ok: false, limit: 'total' });
  });

  it('keep bounded memory while an address makes up names', () => {
    const l = limits({ ...SIGN_IN_LIMITS });
    for (let i = 0; i < 30_000; i++) l.fail('venue', `made-up-${i}`);
    // The newest names are still counted; the total saw this address's share only.
    l.fail('venue', 'made-up-29999', 9);
    expect(l.check('venue', 'made-up-29999')).toMatchObject({ ok: false, limit: 'address-and-account' });
    expect(l.check('organiser', 'admin')).toEqual({ ok: true });
    expect(l.size()).toBeLessThanOrEqual(20_000);
  });
});
