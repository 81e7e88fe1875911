/**
 * Fetches one outside image with hard limits: http(s) only, a few redirects, one deadline for the whole fetch, a
 * byte cap counted while reading, an image content type, and only to addresses the policy allows. Each hop's host
 * is resolved once, every address it resolves to is checked, and the connection is made to those checked addresses
 * and no other (the Host header and TLS name stay the host name), so a second DNS answer cannot point the server
 * at the venue's network after the first one passed. Redirects go through the same steps.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { policyFor, type AddressPolicy } from './address-policy.js';

export const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif']);
const MAX_REDIRECTS = 3;

export interface FetchLimits {
  maxBytes: number;
  /** For the whole fetch, redirects included: a host dribbling bytes does not hold a request for ever. */
  timeoutMs: number;
  allowPrivateNetworks: boolean;
}

/** Every address a host name resolves to. */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

export interface FetchOptions {
  /** Which addresses may be connected to; by default `policyFor(limits.allowPrivateNetworks)`. */
  isAllowed?: AddressPolicy;
  /** The system resolver (`dns.lookup`, every answer) unless given. */
  resolve?: Resolve;
  /** Headers added to the request of one hop (credentials for one origin only, say). */
  headersFor?(url: URL): Record<string, string>;
}

export interface FetchedImage {
  body: Buffer;
  contentType: string;
}

export class ImageFetchError extends Error {
  override readonly name = 'ImageFetchError';
}

const systemResolve: Resolve = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );

export async function fetchImage(url: string, limits: FetchLimits, options: FetchOptions = {}): Promise<FetchedImage> {
  const isAllowed = options.isAllowed ?? policyFor(limits.allowPrivateNetworks);
  const deadline = AbortSignal.timeout(limits.timeoutMs);
  let target = httpUrl(url);
  for (let hop = 0; ; hop++) {
    const addresses = await withDeadline(checkedAddresses(target, isAllowed, options.resolve), deadline, limits);
    const answer = await get(target, addresses, { ...limits, deadline, headers: options.headersFor?.(target) });
    if ('body' in answer) return answer;
    if (hop >= MAX_REDIRECTS) throw new ImageFetchError('too many redirects');
    target = httpUrl(new URL(answer.location, target).toString());
  }
}

function httpUrl(url: string): URL {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new ImageFetchError('not a URL');
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new ImageFetchError('not http(s)');
  return target;
}

/**
 * The addresses to connect to for `target`, every one of them allowed. The URL parser has already turned `127.1`,
 * `0x7f.1` or `2130706433` into `127.0.0.1`; an IPv6 host comes bracketed. A name is resolved once, here.
 */
export async function checkedAddresses(
  target: URL,
  isAllowed: AddressPolicy,
  resolve: Resolve = systemResolve,
): Promise<LookupAddress[]> {
  const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
  const family = isIP(host);
  let addresses: LookupAddress[];
  try {
    addresses = family ? [{ address: host, family }] : await resolve(host);
  } catch (error) {
    throw new ImageFetchError(`${host} could not be resolved (${(error as Error).message})`);
  }
  if (addresses.length === 0) throw new ImageFetchError(`${host} has no address`);
  const refused = addresses.find((answer) => !isAllowed(answer.address));
  if (refused) throw new ImageFetchError(`${host} is at ${refused.address}, which is not a public address`);
  return addresses;
}

/** A `lookup` for the HTTP client that answers with the checked addresses whatever it is asked. */
function pinnedLookup(addresses: LookupAddress[]): typeof dnsLookup {
  return ((_hostname: string, options: LookupOptions, callback: (...args: unknown[]) => void) => {
    if (options.all) return callback(null, addresses);
    return callback(null, addresses[0]!.address, addresses[0]!.family);
  }) as typeof dnsLookup;
}

type Answer = FetchedImage | { location: string };
type Hop = FetchLimits & { deadline: AbortSignal; headers: Record<string, string> | undefined };

function get(target: URL, addresses: LookupAddress[], hop: Hop): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const client = target.protocol === 'https:' ? https : http;
    const settings = {
      // No pooled socket: a kept-alive connection would skip the check of the next fetch's addresses.
      agent: false,
      lookup: pinnedLookup(addresses),
      signal: hop.deadline,
      headers: { accept: 'image/*', 'user-agent': 'Murmure', ...hop.headers },
    };
    const request = client.get(target, settings, (response) => {
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location) {
        response.resume();
        return resolve({ location });
      }
      readImage(response, hop).then(resolve, reject);
    });
    request.on('error', (error) => reject(fetchError(error, hop)));
  });
}

function fetchError(error: Error, hop: Hop): ImageFetchError {
  if (error instanceof ImageFetchError) return error;
  return new ImageFetchError(hop.deadline.aborted ? `not fetched within ${hop.timeoutMs} ms` : error.message);
}

function withDeadline<T>(work: Promise<T>, deadline: AbortSignal, limits: FetchLimits): Promise<T> {
  return new Promise((resolve, reject) => {
    const expire = () => reject(new ImageFetchError(`not fetched within ${limits.timeoutMs} ms`));
    if (deadline.aborted) return expire();
    deadline.addEventListener('abort', expire, { once: true });
    work.then(resolve, reject).finally(() => deadline.removeEventListener('abort', expire));
  });
}

/** The body of a 200 image response, refused past `maxBytes` (counted while reading, whatever it declares). */
function readImage(response: http.IncomingMessage, hop: Hop): Promise<FetchedImage> {
  const { maxBytes } = hop;
  return new Promise((resolve, reject) => {
    const fail = (message: string) => {
      response.destroy();
      reject(new ImageFetchError(message));
    };
    const status = response.statusCode ?? 0;
    const contentType = (response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (status !== 200) return fail(`upstream answered ${status}`);
    if (!IMAGE_TYPES.has(contentType)) return fail(`not an image (${contentType || 'no type'})`);
    if (Number(response.headers['content-length'] ?? 0) > maxBytes) return fail(`larger than ${maxBytes} bytes`);
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return fail(`larger than ${maxBytes} bytes`);
      chunks.push(chunk);
    });
    response.on('end', () => resolve({ body: Buffer.concat(chunks), contentType }));
    // Cut off (deadline, reset) before the end: a promise settles once, so after 'end' this changes nothing.
    response.on('close', () =>
      reject(
        hop.deadline.aborted
          ? new ImageFetchError(`not fetched within ${hop.timeoutMs} ms`)
          : new ImageFetchError('the connection closed before the image was complete'),
      ),
    );
  });
}
