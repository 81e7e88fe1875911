/**
 * Who can reach an address: only this machine (loopback), the venue's network (a private address or a local name),
 * or anyone. The console warns by it, the wall hides a QR code no phone could open, and webhook addresses say
 * whether a gateway on the internet can call them. Names are judged by their shape, never resolved: the answer
 * must be the same wherever the console is opened.
 */
import ipaddr from 'ipaddr.js';
import type { AddressKind } from '../protocol/public-address.js';
import { publicAddressesOnly } from '../media/address-policy.js';

export type { AddressKind };

const LOOPBACK_RANGES = new Set(['loopback', 'unspecified']);

/** Suffixes of names that only a local network resolves (mDNS, home routers, RFC 8375, private zones). */
const LOCAL_SUFFIXES = ['.local', '.lan', '.home', '.home.arpa', '.internal', '.intranet', '.corp'];

/** The kind of a URL's host; a string that is not an http(s) URL counts as loopback (nobody can use it). */
export function addressKind(url: string): AddressKind {
  let host: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'loopback';
    host = parsed.hostname;
  } catch {
    return 'loopback';
  }
  return hostKind(host);
}

/** The kind of a host name or IP address as the URL parser gives it (IPv6 in brackets). */
export function hostKind(hostname: string): AddressKind {
  const host = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (ipaddr.isValid(host)) {
    // IPv4-mapped IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address it carries.
    if (LOOPBACK_RANGES.has(ipaddr.process(host).range())) return 'loopback';
    // Public as the media proxy judges it (the one list of special ranges); anything else only a local network
    // can have handed out: private, link-local, unique-local, carrier-grade NAT, reserved, documentation ranges.
    return publicAddressesOnly(host) ? 'public' : 'local';
  }
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
  if (!host.includes('.') || LOCAL_SUFFIXES.some((suffix) => host.endsWith(suffix))) return 'local';
  return 'public';
}
