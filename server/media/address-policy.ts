/**
 * Which network addresses the media proxy may connect to. Image URLs come from public posts, so their hosts are
 * chosen by anyone: without this a post could point the server at its own loopback ports, the venue's network or a
 * cloud metadata service. Decided on parsed addresses (ipaddr.js and its table of special ranges), never on how a
 * URL spells its host, so `[::ffff:7f00:1]`, `[0:0:0:0:0:0:0:1]` and `2130706433` are all seen for what they are.
 */
import ipaddr from 'ipaddr.js';

/** Whether a connection to `address` (an IPv4 or IPv6 literal, without brackets) may be made. */
export type AddressPolicy = (address: string) => boolean;

/** IPv6 blocks refused outright although ipaddr.js calls them unicast. */
const REFUSED_IPV6 = [
  ipaddr.parseCIDR('::/8'), // IETF-reserved: IPv4-compatible `::a.b.c.d` and every other odd form of `::`
  ipaddr.parseCIDR('64:ff9b:1::/48'), // NAT64 prefixes for local use (RFC 8215): they lead into a local network
];

/**
 * The default: public unicast addresses only. Refused: loopback, unspecified, private, carrier-grade NAT,
 * link-local, unique-local, multicast, broadcast and every reserved or documentation range. IPv4-mapped IPv6
 * (`::ffff:a.b.c.d`) is judged as the IPv4 address it reaches; so are the IPv4 addresses inside NAT64
 * (`64:ff9b::/96`, what DNS64 gives on an IPv6-only network) and 6to4 (`2002::/16`) addresses. Teredo addresses
 * are refused (no image host is reached that way, and the IPv4 inside them is disguised).
 */
export const publicAddressesOnly: AddressPolicy = (address) => {
  const parsed = parse(address);
  if (!parsed) return false;
  if (parsed.kind() === 'ipv4') return parsed.range() === 'unicast';
  const v6 = parsed as ipaddr.IPv6;
  const range = v6.range();
  // Before the ::/8 check: the NAT64 prefix 64:ff9b::/96 lies inside it.
  if (range === 'rfc6052') return publicAddressesOnly(embeddedIpv4(v6, 12));
  if (range === '6to4') return publicAddressesOnly(embeddedIpv4(v6, 2));
  return range === 'unicast' && !REFUSED_IPV6.some((block) => v6.match(block));
};

/** Never a host to fetch from, whatever the network: "any address", group and broadcast addresses. */
const NEVER = new Set(['unspecified', 'multicast', 'broadcast']);

/**
 * `allowPrivateNetworks: true` (an instance on the venue's network, whose images live there): any address a host
 * can actually be, loopback and private ones included.
 */
export const anyHostAddress: AddressPolicy = (address) => {
  const parsed = parse(address);
  return parsed !== null && !NEVER.has(parsed.range());
};

export function policyFor(allowPrivateNetworks: boolean): AddressPolicy {
  return allowPrivateNetworks ? anyHostAddress : publicAddressesOnly;
}

/** The address as ipaddr.js sees it, IPv4-mapped IPv6 turned into IPv4; null for anything that is not an address. */
function parse(address: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  // A zone index (`fe80::1%eth0`) names an interface: it only ever goes with a link-local address.
  const bare = address.replace(/%.*$/, '');
  return ipaddr.isValid(bare) ? ipaddr.process(bare) : null;
}

/** The IPv4 address held by the four bytes of `v6` starting at byte `offset`. */
function embeddedIpv4(v6: ipaddr.IPv6, offset: number): string {
  return v6
    .toByteArray()
    .slice(offset, offset + 4)
    .join('.');
}
