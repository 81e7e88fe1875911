/** First start: make sure an admin exists, so the console can be reached without reading any documentation. */
import type { ModeratorStore } from '../store/moderators.js';
import { generatePassword, hashPassword } from './passwords.js';

export const DEFAULT_ADMIN_NAME = 'admin';

export interface CreatedAdmin {
  name: string;
  /** Only set when generated: the caller prints it once; it is never stored in clear. */
  generatedPassword: string | null;
}

/** Creates the admin account when there is none; returns null when one already exists. */
export async function ensureAdmin(moderators: ModeratorStore, presetPassword?: string): Promise<CreatedAdmin | null> {
  if (moderators.countAdmins() > 0) return null;
  const password = presetPassword || generatePassword();
  moderators.add(DEFAULT_ADMIN_NAME, await hashPassword(password), 'admin');
  return { name: DEFAULT_ADMIN_NAME, generatedPassword: presetPassword ? null : password };
}
