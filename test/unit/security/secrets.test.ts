import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SECRET_KEY_ENV, SecretError, createSecretBox, loadSecretKey } from '../../../server/security/secrets.js';
import { KEY_FILE_NAME } from '../../../server/security/key-file.js';

const KEY_A = Buffer.alloc(32, 1);
const KEY_B = Buffer.alloc(32, 2);
const PLAIN = 'fake-bearer-token-for-tests-0123456789abcdef';

let dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'murmure-secrets-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

/** The error `fn` throws, so a test can check both its kind and that its message leaks nothing. */
function thrown(fn: () => unknown): SecretError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SecretError) return error;
    throw error;
  }
  throw new Error('did not throw');
}

describe('createSecretBox', () => {
  it('opens what it sealed, with a fresh IV each time, in the versioned format', () => {
    const box = createSecretBox(KEY_A);
    const first = box.seal(PLAIN);
    const second = box.seal(PLAIN);
    expect(first).toMatch(/^v1:[\w-]{8}:[\w-]{16}:[\w-]{22}:[\w-]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain(PLAIN.slice(0, 12));
    expect(box.open(first)).toBe(PLAIN);
    expect(box.open(second)).toBe(PLAIN);
    expect(box.open(box.seal(''))).toBe('');
    expect(box.open(box.seal('mot de passe: élan 🦌'))).toBe('mot de passe: élan 🦌');
    expect(box.isSealed(first)).toBe(true);
    expect(box.isSealed(PLAIN)).toBe(false);
  });

  it('refuses an altered value without echoing it', () => {
    const box = createSecretBox(KEY_A);
    const sealed = box.seal(PLAIN);
    const [version, kid, iv, tag, data] = sealed.split(':') as [string, string, string, string, string];
    const flip = (part: string) =>
      Buffer.from(Buffer.from(part, 'base64url').map((b, i) => (i === 0 ? b ^ 1 : b))).toString('base64url');
    for (const altered of [
      [version, kid, iv, tag, flip(data)],
      [version, kid, iv, flip(tag), data],
      [version, kid, flip(iv), tag, data],
    ]) {
      const error = thrown(() => box.open(altered.join(':')));
      expect(error.reason).toBe('tampered');
      expect(error.message).toMatch(/altered or damaged/);
      expect(error.message).not.toContain(data.slice(0, 8));
    }
  });

  it('binds a value to its context', () => {
    const box = createSecretBox(KEY_A);
    const sealed = box.seal(PLAIN, 'town-hall/x/bearerToken');
    expect(box.open(sealed, 'town-hall/x/bearerToken')).toBe(PLAIN);
    expect(thrown(() => box.open(sealed, 'town-hall/mastodon/accessToken')).reason).toBe('tampered');
  });

  it('says when a value was sealed with another key', () => {
    const sealed = createSecretBox(KEY_A).seal(PLAIN);
    const error = thrown(() => createSecretBox(KEY_B).open(sealed));
    expect(error.reason).toBe('wrong-key');
    expect(error.message).toMatch(/another key.*MURMURE_SECRET_KEY/);
  });

  it('refuses malformed values with a clear error', () => {
    const box = createSecretBox(KEY_A);
    for (const value of ['', PLAIN, 'v1:a:b:c', 'v2:a:b:c:d', 'v1:a:!!:c:d', `${box.seal('x')}:extra`]) {
      const error = thrown(() => box.open(value));
      expect(error.reason).toBe('format');
      expect(error.message).toBe('Not a sealed secret (expected the v1:… format).');
    }
    expect(() => createSecretBox(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});

describe('loadSecretKey', () => {
  it('derives a key from a new data/secret.key made owner-only', () => {
    const dir = tempDir();
    const key = loadSecretKey(join(dir, 'data'), {});
    const file = join(dir, 'data', KEY_FILE_NAME);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(key).toHaveLength(32);
    // Derived, not the file's key itself: the contact tags and the secrets do not share a key.
    expect(key.toString('hex')).not.toBe(readFileSync(file, 'utf8').trim());
    // Stable across restarts, so what was sealed before opens after.
    const sealed = createSecretBox(key).seal(PLAIN);
    expect(createSecretBox(loadSecretKey(join(dir, 'data'), {})).open(sealed)).toBe(PLAIN);
  });

  it('uses MURMURE_SECRET_KEY when it is set, without creating a key file', () => {
    const dir = tempDir();
    const hex = 'ab'.repeat(32);
    const key = loadSecretKey(join(dir, 'data'), { [SECRET_KEY_ENV]: hex });
    expect(key.toString('hex')).toBe(hex);
    expect(() => statSync(join(dir, 'data', KEY_FILE_NAME))).toThrow();
    const sealed = createSecretBox(key).seal(PLAIN);
    expect(createSecretBox(Buffer.from(hex, 'hex')).open(sealed)).toBe(PLAIN);
    // With the file's key instead, that value no longer opens: the environment really took over.
    expect(() => createSecretBox(loadSecretKey(join(dir, 'data'), {})).open(sealed)).toThrow(/another key/);
  });

  it('refuses a malformed MURMURE_SECRET_KEY without repeating it', () => {
    const dir = tempDir();
    for (const value of ['not-a-key-not-a-key', 'zz'.repeat(32), 'ab'.repeat(16)]) {
      let message = '';
      try {
        loadSecretKey(dir, { [SECRET_KEY_ENV]: value });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/MURMURE_SECRET_KEY must be 64 hexadecimal characters/);
      expect(message).not.toContain(value);
    }
  });
});
