/**
 * Fetches one outside image with hard limits: http(s) only, a few redirects, a timeout, a byte cap counted while
 * reading, an image content type, and (unless allowed) no loopback or private addresses, checked on the address
 * actually connected to so a DNS answer cannot point the server at the venue's network.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';

export const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif']);
const MAX_REDIRECTS = 3;

export interface FetchLimits {
  maxBytes: number;
  timeoutMs: number;
  allowPrivateNetworks: boolean;
}

export interface FetchedImage {
  body: Buffer;
  contentType: string;
}

export class ImageFetchError extends Error {
  override readonly name = 'ImageFetchError';
}

const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 4],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv4');
}
PRIVATE.addAddress('::1', 'ipv6');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');
PRIVATE.addSubnet('fe80::', 10, 'ipv6');
PRIVATE.addSubnet('::ffff:0:0', 96, 'ipv6');

function isPrivate(address: string): boolean {
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  return PRIVATE.check(address, family);
}

/** A DNS lookup that refuses private answers, used by the HTTP agent for the connection itself. */
function guardedLookup(allowPrivate: boolean): typeof dnsLookup {
  return ((hostname: string, options: object, callback: (...args: unknown[]) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error);
      const usable = allowPrivate ? addresses : addresses.filter((a) => !isPrivate(a.address));
      if (usable.length === 0) return callback(new ImageFetchError(`${hostname} resolves to a private address`));
      const all = (options as { all?: boolean }).all;
      return all ? callback(null, usable) : callback(null, usable[0]!.address, usable[0]!.family);
    });
  }) as typeof dnsLookup;
}

export function fetchImage(url: string, limits: FetchLimits, redirects = 0): Promise<FetchedImage> {
  return new Promise((resolve, reject) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return reject(new ImageFetchError('not a URL'));
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') return reject(new ImageFetchError('not http(s)'));
    if (!limits.allowPrivateNetworks && isIP(target.hostname.replace(/^\[|\]$/g, '')) && isPrivate(target.hostname)) {
      return reject(new ImageFetchError('private address'));
    }
    const client = target.protocol === 'https:' ? https : http;
    const request = client.get(
      target,
      { lookup: guardedLookup(limits.allowPrivateNetworks), timeout: limits.timeoutMs, headers: { accept: 'image/*' } },
      (response) => {
        const status = response.statusCode ?? 0;
        const location = response.headers.location;
        if (status >= 300 && status < 400 && location) {
          response.resume();
          if (redirects >= MAX_REDIRECTS) return reject(new ImageFetchError('too many redirects'));
          return resolve(fetchImage(new URL(location, target).toString(), limits, redirects + 1));
        }
        const contentType = (response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (status !== 200) return fail(response, `upstream answered ${status}`);
        if (!IMAGE_TYPES.has(contentType)) return fail(response, `not an image (${contentType || 'no type'})`);
        const declared = Number(response.headers['content-length'] ?? 0);
        if (declared > limits.maxBytes) return fail(response, `larger than ${limits.maxBytes} bytes`);
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > limits.maxBytes) return fail(response, `larger than ${limits.maxBytes} bytes`);
          chunks.push(chunk);
        });
        response.on('end', () => resolve({ body: Buffer.concat(chunks), contentType }));
        response.on('error', (error) => reject(new ImageFetchError(error.message)));
      },
    );
    request.on('timeout', () => request.destroy(new ImageFetchError(`no answer within ${limits.timeoutMs} ms`)));
    request.on('error', (error) =>
      reject(error instanceof ImageFetchError ? error : new ImageFetchError(error.message)),
    );

    function fail(response: http.IncomingMessage, message: string): void {
      response.destroy();
      request.destroy();
      reject(new ImageFetchError(message));
    }
  });
}
