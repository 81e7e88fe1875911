/**
 * The server's keys: the master key (it tags contacts and signs media URLs) and the secrets key (it seals source
 * secrets). One process keeps the master key in data/secret.key. Several nodes on PostgreSQL must all have the
 * same keys, and no node's disk is shared: there they come from the environment, and a node without them refuses
 * to start rather than make keys of its own (its tags, signed URLs and sealed secrets would differ from the others').
 */
import { loadOrCreateKey } from './key-file.js';
import { hexKey, SECRET_KEY_ENV, secretKeyFrom } from './secrets.js';

/** The master key as 64 hex characters: the content of data/secret.key, to keep an installation's tags. */
export const MASTER_KEY_ENV = 'MURMURE_MASTER_KEY';

export interface ServerKeys {
  master: Buffer;
  secrets: Buffer;
}

export class MissingKeyError extends Error {
  override readonly name = 'MissingKeyError';
}

export const MISSING_SHARED_KEY =
  `On PostgreSQL every node needs the same keys: set ${MASTER_KEY_ENV} to 64 hexadecimal characters on each ` +
  `node (the content of data/secret.key of the installation you copied, to keep its sender tags, signed links and ` +
  `sealed secrets; or \`openssl rand -hex 32\` for a new installation). ${SECRET_KEY_ENV} is optional.`;

export function loadServerKeys(dataDir: string, shared: boolean, env: NodeJS.ProcessEnv = process.env): ServerKeys {
  const fromEnv = env[MASTER_KEY_ENV]?.trim();
  if (shared && !fromEnv) throw new MissingKeyError(MISSING_SHARED_KEY);
  const master = fromEnv ? hexKey(MASTER_KEY_ENV, fromEnv) : loadOrCreateKey(dataDir);
  return { master, secrets: secretKeyFrom(() => master, env) };
}
