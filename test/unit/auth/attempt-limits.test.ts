import { describe, expect, it } from 'vitest';
import { createAttemptLimits, type AttemptLimitsPolicy } from '../../../server/auth/attempt-limits.js';
import { memoryRateWindows } from '../../../server/cluster/rate-windows.js';
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
  const now = () => time;
  const windows = memoryRateWindows(now, (key) => key.endsWith('total'));
  const subject = createAttemptLimits(policy, { windows, now });
  return {
    ...subject,
    size: () => windows.size(),
    advance: (ms: number) => (time += ms),
    /** `count` failures of `address` at `account`. */
    async fail(address: string, account: string, count = 1) {
      for (let i = 0; i < count; i++) await subject.failed(address, account);
    },
  };
}

describe('attempt limits', () => {
  it('stop one address at one account, and only there', async () => {
    const l = limits();
    await l.fail('venue', 'admin', 3);
    expect(await l.check('venue', 'admin')).toEqual({ ok: false, limit: 'address-and-account', retryAfterSeconds: 60 });
    // The room behind the venue's address still reaches every other account, and the organiser elsewhere this one.
    expect(await l.check('venue', 'sam')).toEqual({ ok: true });
    expect(await l.check('phone', 'admin')).toEqual({ ok: true });
  });

  it('stop a spread of addresses at one account', async () => {
    const l = limits();
    await l.fail('a', 'admin', 2);
    await l.fail('b', 'admin', 2);
    await l.fail('c', 'admin', 1);
    expect(await l.check('fresh', 'admin')).toMatchObject({ ok: false, limit: 'account' });
    expect(await l.check('fresh', 'sam')).toEqual({ ok: true });
  });

  it('cap every failure together, each address counting for its share only', async () => {
    const l = limits();
    // One address making up names: ten failures, but only four count towards the total of eight.
    for (let i = 0; i < 10; i++) await l.fail('venue', `name-${i}`);
    expect(await l.check('elsewhere', 'admin')).toEqual({ ok: true });
    await l.fail('b', 'x', 3);
    expect(await l.check('elsewhere', 'admin')).toEqual({ ok: true });
    await l.fail('c', 'y');
    expect(await l.check('elsewhere', 'admin')).toMatchObject({ ok: false, limit: 'total' });
  });

  it('clear an address’s and an account’s counts on success, not the total', async () => {
    const l = limits();
    await l.fail('venue', 'admin', 2);
    await l.fail('other', 'admin', 2);
    await l.succeeded('venue', 'admin');
    await l.fail('venue', 'admin', 2);
    expect(await l.check('venue', 'admin')).toEqual({ ok: true });
    expect(await l.check('third', 'admin')).toEqual({ ok: true });
  });

  it('forget a window once it ends, and say how long is left before', async () => {
    const l = limits();
    await l.fail('venue', 'admin', 3);
    l.advance(45_500);
    expect(await l.check('venue', 'admin')).toMatchObject({ ok: false, retryAfterSeconds: 15 });
    l.advance(14_500);
    expect(await l.check('venue', 'admin')).toEqual({ ok: true });
  });

  it('count the set-up token per address and in total only', async () => {
    const l = limits(SETUP_LIMITS);
    await l.fail('venue', '', 10);
    expect(await l.check('venue', '')).toMatchObject({ ok: false, limit: 'address-and-account' });
    expect(await l.check('organiser', '')).toEqual({ ok: true });
    for (let i = 0; i < 9; i++) await l.fail(`address-${i}`, '', 10);
    expect(await l.check('organiser', '')).toMatchObject({ ok: false, limit: 'total' });
  });

  it('keep bounded memory while an address makes up names', async () => {
    const l = limits({ ...SIGN_IN_LIMITS });
    for (let i = 0; i < 30_000; i++) await l.fail('venue', `made-up-${i}`);
    // The newest names are still counted; the total saw this address's share only.
    await l.fail('venue', 'made-up-29999', 9);
    expect(await l.check('venue', 'made-up-29999')).toMatchObject({ ok: false, limit: 'address-and-account' });
    expect(await l.check('organiser', 'admin')).toEqual({ ok: true });
    expect(l.size()).toBeLessThanOrEqual(20_000);
  });
});
