/**
 * The server's secret key, kept in the data folder with owner-only permissions. It keys the hash that turns a
 * phone number or email address into a short tag: moderators can ban a sender without ever seeing the number,
 * and a copy of the database alone cannot reverse the tags.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const KEY_FILE_NAME = 'secret.key';

export function loadOrCreateKey(dataDir: string): Buffer {
  const file = join(dataDir, KEY_FILE_NAME);
  if (existsSync(file)) {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
    if (key.length < 32) throw new Error(`${file} does not hold a 256-bit hex key; remove it to make a new one`);
    return key;
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
}

/** Only digits (and the leading +) of a number, lower-case for an address: one person, one tag. */
function canonicalContact(kind: 'phone' | 'email', value: string): string {
  return kind === 'phone' ? value.replace(/[^\d+]/g, '') : value.trim().toLowerCase();
}

/** `sms-3fa92c1b` / `mail-81c0d2e4`: stable per sender, not reversible without the key. */
export function createContactTagger(key: Buffer) {
  return (kind: 'phone' | 'email', value: string): string => {
    const digest = createHmac('sha256', key)
      .update(`${kind}:${canonicalContact(kind, value)}`)
      .digest('hex');
    return `${kind === 'phone' ? 'sms' : 'mail'}-${digest.slice(0, 8)}`;
  };
}
