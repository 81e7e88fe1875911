import { describe, expect, it } from 'vitest';
import { addressKind, hostKind } from '../../../server/network/address-kind.js';
import { lanAddresses } from '../../../server/network/lan-addresses.js';
import { parsePublicAddress } from '../../../server/events/public-address.js';

describe('addressKind', () => {
  it('knows this machine in every spelling', () => {
    for (const url of [
      'http://localhost:8080',
      'http://LOCALHOST',
      'http://wall.localhost',
      'http://127.0.0.1:8080',
      'http://127.1',
      'http://0x7f.1',
      'http://2130706433',
      'http://[::1]',
      'http://[0:0:0:0:0:0:0:1]',
      'http://[::ffff:127.0.0.1]',
      'http://[::ffff:7f00:1]',
      'http://0.0.0.0',
      'http://[::]',
      'ftp://wall.example.org',
      'not a url',
    ]) {
      expect(addressKind(url), url).toBe('loopback');
    }
  });

  it('tells the local network from the internet', () => {
    for (const url of [
      'http://192.168.1.20:8080',
      'http://10.0.0.5',
      'http://172.16.4.1',
      'http://169.254.3.4',
      'http://100.64.0.1',
      'http://[fd00::2]',
      'http://[fe80::1]',
      'http://[::ffff:192.168.1.2]',
      'http://192.0.2.2:8080',
      'http://murmure.local',
      'http://wall.home.arpa',
      'http://salle',
    ]) {
      expect(addressKind(url), url).toBe('local');
    }
    for (const url of ['https://wall.example.org', 'http://93.184.215.14', 'http://[2a00:1450::1]']) {
      expect(addressKind(url), url).toBe('public');
    }
  });

  it('reads a bare host name the same way', () => {
    expect(hostKind('[::1]')).toBe('loopback');
    expect(hostKind('192.168.0.1')).toBe('local');
    expect(hostKind('wall.example.org.')).toBe('public');
  });
});

describe('lanAddresses', () => {
  it('offers the machine’s reachable addresses, IPv4 first, never loopback or link-local', () => {
    const found = lanAddresses(8080, {
      lo: [
        { address: '127.0.0.1', family: 'IPv4', internal: true, netmask: '', mac: '', cidr: null },
        { address: '::1', family: 'IPv6', internal: true, netmask: '', mac: '', cidr: null, scopeid: 0 },
      ],
      wlan0: [
        { address: 'fd00::2', family: 'IPv6', internal: false, netmask: '', mac: '', cidr: null, scopeid: 0 },
        { address: 'fe80::1', family: 'IPv6', internal: false, netmask: '', mac: '', cidr: null, scopeid: 3 },
        { address: '192.168.1.20', family: 'IPv4', internal: false, netmask: '', mac: '', cidr: null },
      ],
    });
    expect(found).toEqual([
      { url: 'http://192.168.1.20:8080', interface: 'wlan0', family: 'IPv4' },
      { url: 'http://[fd00::2]:8080', interface: 'wlan0', family: 'IPv6' },
    ]);
  });
});

describe('parsePublicAddress', () => {
  it('takes an address as people type it and keeps its origin', () => {
    expect(parsePublicAddress('192.168.1.20:8080')).toEqual({ ok: true, url: 'http://192.168.1.20:8080' });
    expect(parsePublicAddress(' https://Wall.Example.org/ ')).toEqual({ ok: true, url: 'https://wall.example.org' });
    expect(parsePublicAddress('http://[fd00::2]:8080')).toEqual({ ok: true, url: 'http://[fd00::2]:8080' });
  });

  it('refuses what would make dead links, saying why', () => {
    expect(parsePublicAddress('ftp://wall.example.org')).toEqual({ ok: false, problem: 'scheme' });
    expect(parsePublicAddress('https://user:pw@wall.example.org')).toEqual({ ok: false, problem: 'credentials' });
    expect(parsePublicAddress('https://wall.example.org/murmure')).toEqual({ ok: false, problem: 'path' });
    expect(parsePublicAddress('https://wall.example.org/?x=1')).toEqual({ ok: false, problem: 'path' });
    expect(parsePublicAddress('http://')).toEqual({ ok: false, problem: 'not_url' });
    expect(parsePublicAddress('wall example')).toEqual({ ok: false, problem: 'not_url' });
  });
});
