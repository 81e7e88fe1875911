/**
 * Secrets kept in the database (source tokens, app passwords entered in the console) are sealed with AES-256-GCM:
 * a copy of the database alone does not give them away, and an altered value is refused rather than used.
 *
 * Sealed form: `v1:<key id>:<iv>:<tag>:<ciphertext>`, each part base64url. The key id (a keyed hash of the key,
 * not the key) tells "sealed with another key" apart from "altered", which AES-GCM alone cannot.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { loadOrCreateKey } from './key-file.js';

/** Environment variable holding the secrets key as 64 hex characters; overrides the key file when set. */
export const SECRET_KEY_ENV = 'MURMURE_SECRET_KEY';
/** HKDF info: the sealing key derived from data/secret.key differs from the one that tags contacts. */
const HKDF_INFO = 'murmure/secrets/aes-256-gcm/v1';
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** A sealed value could not be opened. The message never contains the value, sealed or plain. */
export class SecretError extends Error {
  constructor(
    readonly reason: 'format' | 'wrong-key' | 'tampered',
    message: string,
  ) {
    super(message);
    this.name = 'SecretError';
  }
}

export interface SecretBox {
  /** Encrypts `plain`; `context` (e.g. `event/source/field`) must be given again to open it. */
  seal(plain: string, context?: string): string;
  /** Decrypts a value from `seal`; throws SecretError when it is malformed, altered, or sealed with another key. */
  open(sealed: string, context?: string): string;
  /** Whether a stored string is in the sealed format (a value saved before encryption would not be). */
  isSealed(value: string): boolean;
}

const b64 = (buffer: Buffer) => buffer.toString('base64url');
const B64URL = /^[A-Za-z0-9_-]*$/;

function keyId(key: Buffer): string {
  return b64(createHmac('sha256', key).update('murmure secret key id').digest().subarray(0, 6));
}

/** A box over a 256-bit key (see `loadSecretKey` for where the key comes from). */
export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== KEY_BYTES) throw new Error(`The secrets key must be ${KEY_BYTES} bytes, not ${key.length}.`);
  const id = keyId(key);

  function parts(sealed: string): { iv: Buffer; tag: Buffer; data: Buffer; kid: string } {
    const [version, kid, iv, tag, data, ...rest] = typeof sealed === 'string' ? sealed.split(':') : [];
    const valid =
      version === VERSION &&
      rest.length === 0 &&
      [kid, iv, tag, data].every((part) => part !== undefined && B64URL.test(part));
    const ivBytes = valid ? Buffer.from(iv!, 'base64url') : Buffer.alloc(0);
    const tagBytes = valid ? Buffer.from(tag!, 'base64url') : Buffer.alloc(0);
    if (!valid || ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) {
      throw new SecretError('format', `Not a sealed secret (expected the ${VERSION}:… format).`);
    }
    return { iv: ivBytes, tag: tagBytes, data: Buffer.from(data!, 'base64url'), kid: kid! };
  }

  return {
    seal(plain, context = '') {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, id, b64(iv), b64(cipher.getAuthTag()), b64(data)].join(':');
    },

    open(sealed, context = '') {
      const { iv, tag, data, kid } = parts(sealed);
      if (kid !== id) {
        throw new SecretError(
          'wrong-key',
          `This secret was sealed with another key: was ${SECRET_KEY_ENV} changed or data/secret.key replaced? ` +
            'Restore that key, or enter the secret again.',
        );
      }
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretError(
          'tampered',
          'This secret was altered or damaged and cannot be decrypted; enter it again.',
        );
      }
    },

    isSealed(value) {
      try {
        parts(value);
        return true;
      } catch {
        return false;
      }
    },
  };
}

/**
 * The secrets key: `MURMURE_SECRET_KEY` (64 hex characters) when set, so it can live outside the data folder;
 * otherwise derived with HKDF-SHA256 from the server's key (data/secret.key, created (mode 0600) when missing, or
 * `MURMURE_MASTER_KEY`: see server-keys.ts).
 */
export function loadSecretKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  return secretKeyFrom(() => loadOrCreateKey(dataDir), env);
}

export function secretKeyFrom(master: () => Buffer, env: NodeJS.ProcessEnv = process.env): Buffer {
  const fromEnv = env[SECRET_KEY_ENV]?.trim();
  if (fromEnv) return hexKey(SECRET_KEY_ENV, fromEnv);
  return Buffer.from(hkdfSync('sha256', master(), Buffer.alloc(0), HKDF_INFO, KEY_BYTES));
}

/** A 256-bit key written as 64 hex characters; the message says what is wrong with the value without repeating it. */
export function hexKey(variable: string, value: string): Buffer {
  if (!/^[0-9a-fA-F]{64}$/.test(value)) {
    throw new Error(
      `${variable} must be 64 hexadecimal characters (a 256-bit key, e.g. from \`openssl rand -hex 32\`); ` +
        `it has ${value.length} characters${/[^0-9a-fA-F]/.test(value) ? ', some not hexadecimal' : ''}.`,
    );
  }
  return Buffer.from(value, 'hex');
}
