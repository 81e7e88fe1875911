/** Moderator accounts managed by an admin from the console (the command line offers the same). */
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
const accountRequest = z.strictObject({
  name: NAME,
  role: z.enum(['admin', 'moderator']).default('moderator'),
  password: PASSWORD.optional(),
});

type Failure = {
  ok: false;
  code: 'bad_request' | 'forbidden' | 'not_found' | 'conflict';
  message: string;
  reason: Reason;
};

const forbidden: Failure = {
  ok: false,
  code: 'forbidden',
  message: 'Only an admin can manage accounts.',
  reason: { key: 'admins_only' },
};

function invalid(error: z.ZodError): Failure {
  return {
    ok: false,
    code: 'bad_request',
    message: error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    reason: { key: 'invalid_request', fields: [...new Set(error.issues.map((i) => i.path.join('.')))] },
  };
}

function noAccount(name: string): Failure {
  return { ok: false, code: 'not_found', message: `No account "${name}".`, reason: { key: 'no_account', name } };
}

export function createAccounts(moderators: ModeratorStore, isOnline: (name: string) => boolean) {
  return {
    list(actor: Moderator): Response<ModeratorAccount[]> {
      if (actor.role !== 'admin') return forbidden;
      return { ok: true, data: moderators.list().map((m) => ({ ...m, online: isOnline(m.name) })) };
    },

    async add(actor: Moderator, request: AccountRequest): Promise<Response<AccountCreated>> {
      if (actor.role !== 'admin') return forbidden;
      const parsed = accountRequest.safeParse(request);
      if (!parsed.success) return invalid(parsed.error);
      const { name, role } = parsed.data;
      if (moderators.findByName(name)) {
        return {
          ok: false,
          code: 'conflict',
          message: `"${name}" already exists.`,
          reason: { key: 'account_exists', name },
        };
      }
      const password = parsed.data.password ?? generatePassword();
      const moderator = moderators.add(name, await hashPassword(password), role);
      return { ok: true, data: { moderator, password: parsed.data.password ? null : password } };
    },

    async password(actor: Moderator, request: AccountRequest): Promise<Response<AccountCreated>> {
      const parsed = accountRequest.safeParse(request);
      if (!parsed.success) return invalid(parsed.error);
      if (actor.role !== 'admin' && parsed.data.name.toLowerCase() !== actor.name.toLowerCase()) return forbidden;
      const found = moderators.findByName(parsed.data.name);
      if (!found) return noAccount(parsed.data.name);
      const password = parsed.data.password ?? generatePassword();
      moderators.setPassword(found.name, await hashPassword(password));
      const { passwordHash: _hash, ...moderator } = found;
      return { ok: true, data: { moderator, password: parsed.data.password ? null : password } };
    },

    remove(actor: Moderator, name: string): Response<null> {
      if (actor.role !== 'admin') return forbidden;
      if (typeof name !== 'string') {
        return {
          ok: false,
          code: 'bad_request',
          message: 'name: required',
          reason: { key: 'invalid_request', fields: ['name'] },
        };
      }
      if (name.toLowerCase() === actor.name.toLowerCase()) {
        return {
          ok: false,
          code: 'conflict',
          message: 'You cannot remove your own account.',
          reason: { key: 'own_account' },
        };
      }
      const target = moderators.findByName(name);
      if (!target) return noAccount(name);
      if (target.role === 'admin' && moderators.countAdmins() <= 1) {
        return {
          ok: false,
          code: 'conflict',
          message: 'The last admin cannot be removed.',
          reason: { key: 'last_admin' },
        };
      }
      moderators.remove(target.name);
      return { ok: true, data: null };
    },
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
