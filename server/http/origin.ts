/**
 * Which browser pages may drive the console. Session cookies are SameSite=Strict, which keeps other sites out but
 * not other pages of the same site: a page on another port of this host, or on a sibling subdomain, gets the
 * moderator's cookie sent along with its requests. So whatever a session cookie authorises (the console's HTTP
 * routes, the `/moderation` socket) also checks the page the request comes from:
 *
 * - a browser names it in `Origin` on every POST, PUT, PATCH and DELETE, on every cross-origin request and on every
 *   WebSocket handshake: it must be one of {@link OriginPolicy.allowedOrigins};
 * - without `Origin` (a same-origin GET, curl, a server), `Sec-Fetch-Site`, when a browser sent it, must not say
 *   another site's or another origin of this site's page made the request;
 * - without either, the request is not driven by a browser page: nothing here applies.
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import proxyaddr from 'proxy-addr';
import type { Config } from '../config/index.js';

export type OriginVerdict =
  /** From a page of one of the allowed origins. */
  | 'allowed'
  /** No browser page named: a server, a script, a same-origin GET. */
  | 'unnamed'
  /** From a page of another origin. */
  | 'foreign';

export interface OriginPolicy {
  /**
   * The origins whose pages may use a session: the request's own (`${proto}://${host}` as it reached the first
   * trusted proxy, so the console works at whatever address it was opened) and the configured public address's.
   */
  allowedOrigins(req: IncomingMessage): string[];
  verdict(req: IncomingMessage): OriginVerdict;
  /**
   * The origin the request came in on, as the first trusted proxy received it (`X-Forwarded-Proto` and `-Host`
   * believed as express believes them); null without a Host. What links are made of when no public address is set.
   */
  ownOrigin(req: IncomingMessage): string | null;
}

export interface OriginPolicyOptions {
  /** The same setting as express's `trust proxy`: which proxies' X-Forwarded-Proto and -Host to believe. */
  trustProxy: Config['trustProxy'];
  /** The addresses people are sent to (the configured public URL), read on each request. */
  addresses: () => ReadonlyArray<string | null | undefined>;
}

export function createOriginPolicy(options: OriginPolicyOptions): OriginPolicy {
  const trust = compileTrust(options.trustProxy);

  function ownOrigin(req: IncomingMessage): string | null {
    const trusted = trust(req.socket.remoteAddress ?? '', 0);
    const proto = (trusted && firstValue(req.headers['x-forwarded-proto'])) || protocolOf(req);
    const host = (trusted && firstValue(req.headers['x-forwarded-host'])) || req.headers.host;
    return host ? originOf(`${proto}://${host}`) : null;
  }

  function allowedOrigins(req: IncomingMessage): string[] {
    const origins = [ownOrigin(req), ...options.addresses().map((address) => (address ? originOf(address) : null))];
    return [...new Set(origins.filter((origin): origin is string => origin !== null))];
  }

  return {
    allowedOrigins,
    ownOrigin,
    verdict(req) {
      const origin = req.headers.origin;
      if (origin !== undefined) {
        const named = originOf(origin);
        return named !== null && allowedOrigins(req).includes(named) ? 'allowed' : 'foreign';
      }
      const site = req.headers['sec-fetch-site'];
      return site === 'same-site' || site === 'cross-site' ? 'foreign' : 'unnamed';
    },
  };
}

/** Express's own reading of its `trust proxy` setting, so both agree on which proxies to believe. */
function compileTrust(value: Config['trustProxy']): (address: string, hop: number) => boolean {
  if (value === true) return () => true;
  if (typeof value === 'number') return (_address, hop) => hop < value;
  if (typeof value === 'string') return proxyaddr.compile(value.split(',').map((part) => part.trim()));
  return proxyaddr.compile([]);
}

function protocolOf(req: IncomingMessage): string {
  return (req.socket as Partial<TLSSocket>).encrypted ? 'https' : 'http';
}

function firstValue(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.split(',')[0]?.trim() || undefined;
}

/** `scheme://host[:port]` as browsers write it in `Origin` (default port left out), or null if not a URL. */
function originOf(url: string): string | null {
  try {
    const { origin } = new URL(url);
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}
