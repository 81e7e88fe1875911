/**
 * First run in the browser. While no admin exists, start-up opens a one-time set-up token, printed once by
 * main.ts (so nobody else on the venue network can claim the console first); whoever holds it chooses the admin's
 * name and password and the console's language. Only the token's hash is kept, in memory: a restart prints a new
 * token and the old one stops working, and once an admin exists there is nothing left to claim.
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { LANGUAGES, type Language } from '../protocol/event.js';
import type { SetupStatus } from '../protocol/api.js';
import type { Moderator } from '../protocol/socket.js';
import { AppError, BadRequestError, ForbiddenError } from '../errors.js';
import { NAME, PASSWORD } from '../moderation/accounts.js';
import type { InstallSettingsStore } from '../store/install-settings.js';
import type { ModeratorStore } from '../store/moderators.js';
import { hashPassword } from './passwords.js';

export const DEFAULT_ADMIN_NAME = 'admin';

/** Crockford's base32: no I, L, O or U, so a token read off a screen is typed right. */
const TOKEN_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 3 groups of 4: 60 random bits, against 10 guesses per quarter hour per address. */
const TOKEN_GROUPS = 3;
const TOKEN_GROUP_LENGTH = 4;
const LANGUAGE_KEY = 'console.language';

const setupRequest = z.object({
  token: z.string().max(100),
  name: NAME.default(DEFAULT_ADMIN_NAME),
  password: PASSWORD,
  language: z.enum(LANGUAGES as readonly [Language, ...Language[]]),
});

/** The set-up is done (an admin exists) or being done by another request. */
export class SetupClosedError extends AppError {
  constructor(message = 'Set-up is already done: sign in with the admin account.') {
    super(409, 'conflict', message);
  }
}

const hash = (token: string) => createHash('sha256').update(token).digest();

/** `7k3m qx9p-2hda` and `7K3M-QX9P-2HDA` are the same token; so are the look-alikes O/0 and I/L/1. */
export function normalizeSetupToken(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export function generateSetupToken(): string {
  const groups = Array.from({ length: TOKEN_GROUPS }, () =>
    Array.from({ length: TOKEN_GROUP_LENGTH }, () => TOKEN_ALPHABET[randomInt(TOKEN_ALPHABET.length)]).join(''),
  );
  return groups.join('-');
}

function fieldErrors(error: z.ZodError): BadRequestError {
  const details = error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
  return new BadRequestError(details.map((d) => `${d.field}: ${d.message}`).join('; '), details);
}

export function createFirstRun(moderators: ModeratorStore, settings: InstallSettingsStore) {
  /** open: waiting for its token; claimed: a request holding the right token is creating the admin. */
  let state: { kind: 'none' } | { kind: 'open'; tokenHash: Buffer } | { kind: 'claimed' } = { kind: 'none' };

  function checkToken(token: unknown): void {
    if (state.kind === 'claimed') throw new SetupClosedError('Set-up is being completed by someone else.');
    const given = hash(typeof token === 'string' ? normalizeSetupToken(token) : '');
    if (state.kind !== 'open' || !timingSafeEqual(given, state.tokenHash)) {
      throw new ForbiddenError(
        "Wrong set-up token: copy it from the server's output (each start prints a new one while set-up is needed).",
      );
    }
  }

  return {
    /** Opens set-up with a fresh token when no admin exists (the caller prints it once); null otherwise. */
    async open(): Promise<string | null> {
      if ((await moderators.countAdmins()) > 0) return null;
      const token = generateSetupToken();
      state = { kind: 'open', tokenHash: hash(normalizeSetupToken(token)) };
      return token;
    },

    async status(): Promise<SetupStatus> {
      const [language, admins] = await Promise.all([settings.get(LANGUAGE_KEY), moderators.countAdmins()]);
      return {
        needed: admins === 0,
        language: LANGUAGES.find((lang) => lang === language) ?? null,
      };
    },

    /**
     * Checks the token, then the fields, then creates the admin and saves the language. The token works once:
     * it is claimed before the (slow) password hashing, so a second request with it meanwhile is refused, and
     * the admin count is checked again after it, in case `npm run user` made one in between.
     */
    async complete(body: unknown): Promise<Moderator> {
      if ((await moderators.countAdmins()) > 0) throw new SetupClosedError();
      checkToken((body as { token?: unknown } | null)?.token);
      const parsed = setupRequest.safeParse(body);
      if (!parsed.success) throw fieldErrors(parsed.error);
      const { name, password, language } = parsed.data;
      // Claimed between the token check and the first wait: a second request with the token meanwhile is refused.
      const claimed = state;
      state = { kind: 'claimed' };
      let passwordHash: string;
      try {
        if (await moderators.findByName(name)) {
          throw new AppError(409, 'conflict', `"${name}" is already a moderator's name: choose another.`, [
            { field: 'name', message: 'already taken' },
          ]);
        }
        passwordHash = await hashPassword(password);
      } catch (error) {
        state = claimed;
        throw error;
      }
      if ((await moderators.countAdmins()) > 0) {
        state = { kind: 'none' };
        throw new SetupClosedError();
      }
      const admin = await moderators.add(name, passwordHash, 'admin');
      await settings.set(LANGUAGE_KEY, language);
      state = { kind: 'none' };
      return admin;
    },
  };
}

export type FirstRun = ReturnType<typeof createFirstRun>;
