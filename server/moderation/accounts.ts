/**
 * Moderator accounts managed by an admin from the console (the command line offers the same). Requests arrive
 * checked by their schemas (realtime/moderation-schemas.ts), with the account rules below.
 */
import { z } from 'zod';
import type { AccountCreated, AccountRequest, ModeratorAccount } from '../protocol/moderation.js';
import type { Moderator, Reason, Response } from '../protocol/socket.js';
import type { ModeratorStore } from '../store/moderators.js';
import { generatePassword, hashPassword } from '../auth/passwords.js';

/** Account rules, shared with the first-run set-up. */
export const NAME = z
  .string()
  .trim()
  .min(2, 'at least 2 characters')
  .max(40, 'at most 40 characters')
  .regex(/^[\p{L}\p{N}._ -]+$/u, 'letters, digits, spaces, . _ and - only');
export const PASSWORD = z.string().min(10, 'at least 10 characters').max(200);

type Failure = {
  ok: false;
  code: 'forbidden' | 'not_found' | 'conflict';
  message: string;
  reason: Reason;
};

const forbidden: Failure = {
  ok: false,
  code: 'forbidden',
  message: 'Only an admin can manage accounts.',
  reason: { key: 'admins_only' },
};

function noAccount(name: string): Failure {
  return { ok: false, code: 'not_found', message: `No account "${name}".`, reason: { key: 'no_account', name } };
}

export function createAccounts(moderators: ModeratorStore, onlineNames: () => Promise<Set<string>>) {
  return {
    async list(actor: Moderator): Promise<Response<ModeratorAccount[]>> {
      if (actor.role !== 'admin') return forbidden;
      const [accounts, online] = await Promise.all([moderators.list(), onlineNames()]);
      return { ok: true, data: accounts.map((m) => ({ ...m, online: online.has(m.name) })) };
    },

    async add(actor: Moderator, request: AccountRequest): Promise<Response<AccountCreated>> {
      if (actor.role !== 'admin') return forbidden;
      const { name, role = 'moderator' } = request;
      if (await moderators.findByName(name)) {
        return {
          ok: false,
          code: 'conflict',
          message: `"${name}" already exists.`,
          reason: { key: 'account_exists', name },
        };
      }
      const password = request.password ?? generatePassword();
      const moderator = await moderators.add(name, await hashPassword(password), role);
      return { ok: true, data: { moderator, password: request.password ? null : password } };
    },

    async password(actor: Moderator, request: AccountRequest): Promise<Response<AccountCreated>> {
      if (actor.role !== 'admin' && request.name.toLowerCase() !== actor.name.toLowerCase()) return forbidden;
      const found = await moderators.findByName(request.name);
      if (!found) return noAccount(request.name);
      const password = request.password ?? generatePassword();
      await moderators.setPassword(found.name, await hashPassword(password));
      const { passwordHash: _hash, ...moderator } = found;
      return { ok: true, data: { moderator, password: request.password ? null : password } };
    },

    async remove(actor: Moderator, name: string): Promise<Response<null>> {
      if (actor.role !== 'admin') return forbidden;
      if (name.toLowerCase() === actor.name.toLowerCase()) {
        return {
          ok: false,
          code: 'conflict',
          message: 'You cannot remove your own account.',
          reason: { key: 'own_account' },
        };
      }
      const target = await moderators.findByName(name);
      if (!target) return noAccount(name);
      if (target.role === 'admin' && (await moderators.countAdmins()) <= 1) {
        return {
          ok: false,
          code: 'conflict',
          message: 'The last admin cannot be removed.',
          reason: { key: 'last_admin' },
        };
      }
      await moderators.remove(target.name);
      return { ok: true, data: null };
    },
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
