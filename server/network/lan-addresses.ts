/**
 * The machine's own addresses on the venue's network, offered in the console as one-click public addresses for an
 * event without a domain name: phones on the same Wi-Fi reach the wall's web view there.
 */
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { hostKind } from './address-kind.js';

export interface LanAddress {
  /** `http://192.168.1.20:8080` */
  url: string;
  /** The interface's name as the system gives it (`wlan0`, `en0`, `Wi-Fi`). */
  interface: string;
  family: 'IPv4' | 'IPv6';
}

type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

/**
 * Every non-internal address of the machine reachable from another machine, IPv4 first (what phones and gateways
 * handle best), as `http://` URLs on `port`. Link-local IPv6 needs a zone index no phone can type: left out.
 */
export function lanAddresses(port: number, interfaces: Interfaces = networkInterfaces()): LanAddress[] {
  const found: LanAddress[] = [];
  for (const [name, entries] of Object.entries(interfaces)) {
    for (const entry of entries ?? []) {
      if (entry.internal || hostKind(entry.address) === 'loopback') continue;
      if (entry.family === 'IPv6' && entry.address.toLowerCase().startsWith('fe80:')) continue;
      const host = entry.family === 'IPv6' ? `[${entry.address}]` : entry.address;
      found.push({ url: new URL(`http://${host}:${port}`).origin, interface: name, family: entry.family });
    }
  }
  return found.sort((a, b) => (a.family === b.family ? 0 : a.family === 'IPv4' ? -1 : 1));
}
