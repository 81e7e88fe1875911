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
 * checked at all (the right password waits too). Windows are fixed (cluster/rate-windows.ts): in memory for one
 * process, where a restart clears them, and in the database for several nodes, so that every node counts the same.
 */
import { memoryRateWindows, type RateWindows } from '../cluster/rate-windows.js';

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

export interface AttemptLimitsOptions {
  /** Where the counts are kept: this process's memory by default, the database when several nodes share them. */
  windows?: RateWindows;
  /** What the limits are of (sign-in, set-up), so that two of them share a store without mixing their counts. */
  name?: string;
  now?: () => number;
}

export function createAttemptLimits(policy: AttemptLimitsPolicy, options: AttemptLimitsOptions = {}) {
  const now = options.now ?? Date.now;
  const name = options.name ?? 'attempts';
  const total = `${name}\u0000total`;
  const windows = options.windows ?? memoryRateWindows(now, (key) => key === total);
  const keys = (address: string, account: string) => ({
    pair: `${name}\u0000pair\u0000${address}\u0000${account}`,
    account: `${name}\u0000account\u0000${account}`,
    address: `${name}\u0000address\u0000${address}`,
  });

  const refusal = (limit: Exclude<AttemptCheck, { ok: true }>['limit'], endsAt: number): AttemptCheck => ({
    ok: false,
    limit,
    retryAfterSeconds: Math.max(1, Math.ceil((endsAt - now()) / 1000)),
  });

  return {
    /** Whether `address` may try `account` now; `account` is normalised by the caller (one spelling per account). */
    async check(address: string, account: string): Promise<AttemptCheck> {
      const key = keys(address, account);
      const pair = await windows.get(key.pair);
      if (pair && pair.count >= policy.perAddressAndAccount) return refusal('address-and-account', pair.endsAt);
      if (policy.perAccount !== undefined) {
        const perAccount = await windows.get(key.account);
        if (perAccount && perAccount.count >= policy.perAccount) return refusal('account', perAccount.endsAt);
      }
      const all = await windows.get(total);
      if (all && all.count >= policy.total) return refusal('total', all.endsAt);
      return { ok: true };
    },

    async failed(address: string, account: string): Promise<void> {
      const key = keys(address, account);
      await windows.hit(key.pair, policy.windowMs);
      if (policy.perAccount !== undefined) await windows.hit(key.account, policy.windowMs);
      if ((await windows.hit(key.address, policy.windowMs)).count <= policy.addressShare)
        await windows.hit(total, policy.windowMs);
    },

    async succeeded(address: string, account: string): Promise<void> {
      const key = keys(address, account);
      await windows.clear(key.pair);
      await windows.clear(key.account);
    },
  };
}

export type AttemptLimits = ReturnType<typeof createAttemptLimits>;
