/**
 * The address people reach the server at, which every QR code, printed link and webhook address is made of. The
 * configuration file or `--public-url` wins when set; otherwise the admin chooses it in the console (stored in the
 * database, so it survives restarts); otherwise each request's own address stands in, which is right for a browser
 * on the same network and wrong for a phone when that browser runs on the server itself (`localhost`).
 */
import { addressKind } from '../network/address-kind.js';
import type { InstallSettingsStore } from '../store/install-settings.js';
import type { PublicAddressInUse } from '../protocol/public-address.js';

/** An origin without a trailing slash (`https://wall.example.org`, `http://192.168.1.20:8080`), where it comes from. */
export type PublicAddress = PublicAddressInUse;

/** Why an address typed in the console was refused. */
export type AddressProblem = 'not_url' | 'scheme' | 'credentials' | 'path';

export type ParsedAddress = { ok: true; url: string } | { ok: false; problem: AddressProblem };

/**
 * An address as typed (`192.168.1.20:8080`, `https://wall.example.org/`) turned into an origin. A path, query or
 * fragment is refused rather than dropped: links are made from the origin, and a silently lost `/murmure` prefix
 * would give the room dead QR codes.
 */
export function parsePublicAddress(input: string): ParsedAddress {
  const text = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, problem: 'not_url' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, problem: 'scheme' };
  if (url.hostname === '') return { ok: false, problem: 'not_url' };
  if (url.username || url.password) return { ok: false, problem: 'credentials' };
  if (url.pathname !== '/' || url.search || url.hash) return { ok: false, problem: 'path' };
  return { ok: true, url: url.origin };
}

export interface PublicAddressDeps {
  /** From the configuration file, `--public-url` or `MURMURE_PUBLIC_URL`: wins over the console's choice. */
  configured: string | undefined;
  settings: InstallSettingsStore;
}

/**
 * Reads are synchronous, over the console's choice as `load()` read it at start and `set()` wrote it since: every
 * origin check and every QR code reads the address.
 */
export function createPublicAddress({ configured, settings }: PublicAddressDeps) {
  const fromConfig = configured ? new URL(configured).origin : null;
  const listeners: Array<() => void> = [];
  let stored: string | null = null;

  function current(): PublicAddress | null {
    if (fromConfig) return { url: fromConfig, source: 'config', kind: addressKind(fromConfig) };
    return stored ? { url: stored, source: 'console', kind: addressKind(stored) } : null;
  }

  return {
    /** Reads the console's choice from the store (at start). */
    async load(): Promise<void> {
      stored = await settings.get('public.url');
    },
    current,
    /** What the file or the flag sets, whatever the console stored. */
    configured: (): string | null => fromConfig,
    /** What the admin chose in the console (applies only while the file sets none). */
    stored: (): string | null => stored,
    /** The address links are made of for a request that came in at `requestOrigin`. */
    forRequest(requestOrigin: string): PublicAddress {
      return current() ?? { url: requestOrigin, source: 'request', kind: addressKind(requestOrigin) };
    },
    /** Stores the console's choice (null forgets it); listeners hear of it when the address in use changed. */
    async set(url: string | null): Promise<void> {
      const before = current()?.url ?? null;
      if (url === null) await settings.remove('public.url');
      else await settings.set('public.url', url);
      stored = url;
      if ((current()?.url ?? null) !== before) for (const listener of listeners) listener();
    },
    onChange(listener: () => void): void {
      listeners.push(listener);
    },
  };
}

export type PublicAddressService = ReturnType<typeof createPublicAddress>;
