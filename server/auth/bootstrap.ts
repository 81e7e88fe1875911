/**
 * First start: an admin is needed before anyone can moderate. Automation and tests give its password
 * (MURMURE_ADMIN_PASSWORD) and get the account at once; otherwise set-up happens in the browser, guarded by a
 * one-time token (first-run.ts).
 */
import type { ModeratorStore } from '../store/moderators.js';
import { DEFAULT_ADMIN_NAME, type FirstRun } from './first-run.js';
import { hashPassword } from './passwords.js';

export { DEFAULT_ADMIN_NAME } from './first-run.js';

export interface CreatedAdmin {
  /** The account made with the preset password. */
  name: string;
}

export interface FirstStart {
  /** Set when the admin was just created with the preset password. */
  admin: CreatedAdmin | null;
  /** Set when no admin exists and none was preset: the one-time token of the set-up page, to print once. */
  setupToken: string | null;
}

/** Creates the admin from a preset password, or opens the browser set-up when there is none; nothing if one exists. */
export async function ensureAdmin(
  moderators: ModeratorStore,
  firstRun: FirstRun,
  presetPassword?: string,
): Promise<FirstStart> {
  if ((await moderators.countAdmins()) > 0) return { admin: null, setupToken: null };
  if (!presetPassword) return { admin: null, setupToken: await firstRun.open() };
  await moderators.add(DEFAULT_ADMIN_NAME, await hashPassword(presetPassword), 'admin');
  return { admin: { name: DEFAULT_ADMIN_NAME }, setupToken: null };
}
