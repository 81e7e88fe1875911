/**
 * Limits on wrong guesses (passwords at sign-in, the set-up token), counted three ways so that neither the venue
 * nor the internet can abuse them:
 *
 * - per address *and account*: a venue's wifi puts the whole room behind one address, so a limit per address
 *   alone would let anyone in the room lock the organiser out of every account by mistyping on purpose; counted
 *   per account too, they lock only the accounts they guess at, and the organiser signs in with another;
 * - per account, from any address: a spread of addresses gets no more guesses at one account than that, and the
 *   number is generous, since reaching it locks the account for everyone until the window ends;
 * - in total: a ceiling on all wrong guesses (and on the password hashing they cost), to which each address
 *   contributes only its first few, so one address making up names cannot reach it alone.
 *
 * Only failures count, a success clears the counts of its address and account, and a refused attempt is not
 * checked at all (the right password waits too). Windows are fixed and kept in memory: a restart clears them.
 */

export interface AttemptLimitsPolicy {
  windowMs: number;
  /** Failures one address may make at one account per window. */
  perAddressAndAccount: number;
  /** Failures at one account per window, all addresses together; none for the set-up token. */
  perAccount?: number;
  /** Failures per window, everything together. */
  total: number;
  /** How many of one address's failures per window count towards {@link total}. */
  addressShare: number;
}

export type AttemptCheck =
  { ok: true } | { ok: false; limit: 'address-and-account' | 'account' | 'total'; retryAfterSeconds: number };

interface Window {
  count: number;
  endsAt: number;
}

/**
 * Past this many windows kept (an attacker making up names), ended ones are swept, then the oldest dropped down to
 * nine tenths, so the sweep runs once per two thousand failures rather than on each.
 */
const MAX_WINDOWS = 20_000;
const SWEPT_TO = MAX_WINDOWS * 0.9;

export function createAttemptLimits(policy: AttemptLimitsPolicy, now: () => number = Date.now) {
  const windows = new Map<string, Window>();
  const keys = (address: string, account: string) => ({
    pair: `pair\u0000${address}\u0000${account}`,
    account: `account\u0000${account}`,
    address: `address\u0000${address}`,
  });

  function current(key: string): Window | undefined {
    const window = windows.get(key);
    if (window && window.endsAt <= now()) {
      windows.delete(key);
      return undefined;
    }
    return window;
  }

  function count(key: string): number {
    const window = current(key) ?? { count: 0, endsAt: now() + policy.windowMs };
    window.count += 1;
    windows.delete(key); // re-inserted last, so the oldest are first to go
    windows.set(key, window);
    return window.count;
  }

  function sweep(): void {
    if (windows.size <= MAX_WINDOWS) return;
    for (const key of windows.keys()) current(key);
    for (const key of windows.keys()) {
      if (windows.size <= SWEPT_TO) break;
      if (key !== 'total') windows.delete(key);
    }
  }

  const refusal = (limit: Exclude<AttemptCheck, { ok: true }>['limit'], key: string): AttemptCheck => ({
    ok: false,
    limit,
    retryAfterSeconds: Math.max(1, Math.ceil(((current(key)?.endsAt ?? now()) - now()) / 1000)),
  });

  return {
    /** Whether `address` may try `account` now; `account` is normalised by the caller (one spelling per account). */
    check(address: string, account: string): AttemptCheck {
      const key = keys(address, account);
      if ((current(key.pair)?.count ?? 0) >= policy.perAddressAndAccount)
        return refusal('address-and-account', key.pair);
      if (policy.perAccount !== undefined && (current(key.account)?.count ?? 0) >= policy.perAccount) {
        return refusal('account', key.account);
      }
      if ((current('total')?.count ?? 0) >= policy.total) return refusal('total', 'total');
      return { ok: true };
    },

    failed(address: string, account: string): void {
      const key = keys(address, account);
      count(key.pair);
      if (policy.perAccount !== undefined) count(key.account);
      if (count(key.address) <= policy.addressShare) count('total');
      sweep();
    },

    succeeded(address: string, account: string): void {
      const key = keys(address, account);
      windows.delete(key.pair);
      windows.delete(key.account);
    },

    /** Windows kept in memory. */
    size: (): number => windows.size,
  };
}

export type AttemptLimits = ReturnType<typeof createAttemptLimits>;
