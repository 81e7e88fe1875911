import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEY_FILE_NAME } from '../../../server/security/key-file.js';
import { loadSecretKey } from '../../../server/security/secrets.js';
import { loadServerKeys, MissingKeyError } from '../../../server/security/server-keys.js';

const dirs: string[] = [];
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'murmure-keys-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('server keys', () => {
  it('keeps one process on its key file, with the secrets key derived as before', () => {
    const dir = folder();
    const keys = loadServerKeys(dir, false, {});
    expect(keys.master.toString('hex')).toBe(readFileSync(join(dir, KEY_FILE_NAME), 'utf8').trim());
    expect(keys.secrets.equals(loadSecretKey(dir, {}))).toBe(true);
    expect(loadServerKeys(dir, false, {}).master.equals(keys.master)).toBe(true);
  });

  it('refuses to start a node of several without the shared key, saying what to set', () => {
    expect(() => loadServerKeys(folder(), true, {})).toThrow(MissingKeyError);
    expect(() => loadServerKeys(folder(), true, {})).toThrow(/set MURMURE_MASTER_KEY to 64 hexadecimal characters/);
    expect(() => loadServerKeys(folder(), true, { MURMURE_MASTER_KEY: 'abc' })).toThrow(/it has 3 characters/);
  });

  it('gives every node the same keys from the environment, and the copied installation its own', () => {
    const installation = folder();
    const before = loadServerKeys(installation, false, {});
    const env = { MURMURE_MASTER_KEY: before.master.toString('hex') };
    const [a, b] = [loadServerKeys(folder(), true, env), loadServerKeys(folder(), true, env)];
    expect(a.master.equals(before.master) && b.master.equals(before.master)).toBe(true);
    expect(a.secrets.equals(before.secrets) && b.secrets.equals(before.secrets)).toBe(true);
    const sealed = { ...env, MURMURE_SECRET_KEY: 'ab'.repeat(32) };
    expect(loadServerKeys(folder(), true, sealed).secrets.toString('hex')).toBe('ab'.repeat(32));
  });
});
