/** Which addresses the media proxy may connect to, judged on the parsed address whatever its spelling. */
import { describe, expect, it } from 'vitest';
import { anyHostAddress, publicAddressesOnly } from '../../../server/media/address-policy.js';
import { checkedAddresses } from '../../../server/media/fetch-image.js';

/** Never a public image host, each with the range that makes it so. */
const REFUSED = [
  ['127.0.0.1', 'loopback'],
  ['127.255.0.9', 'loopback'],
  ['::1', 'loopback'],
  ['0:0:0:0:0:0:0:1', 'loopback, long form'],
  ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
  ['::ffff:7f00:1', 'IPv4-mapped loopback, hex'],
  ['::7f00:1', 'IPv4-compatible loopback'],
  ['::ffff:0:7f00:1', 'IPv4-translated loopback (RFC 6145)'],
  ['0.0.0.0', 'unspecified'],
  ['::', 'unspecified'],
  ['10.0.0.1', 'private'],
  ['172.16.5.4', 'private'],
  ['192.168.1.1', 'private'],
  ['::ffff:10.0.0.1', 'IPv4-mapped private'],
  ['::ffff:192.168.1.1', 'IPv4-mapped private'],
  ['169.254.169.254', 'link-local (cloud metadata)'],
  ['fe80::1', 'link-local'],
  ['fe80::1%eth0', 'link-local with a zone'],
  ['100.64.0.1', 'carrier-grade NAT'],
  ['fd00::1', 'unique-local'],
  ['fc00::1', 'unique-local'],
  ['224.0.0.1', 'multicast'],
  ['ff02::1', 'multicast'],
  ['255.255.255.255', 'broadcast'],
  ['192.0.2.1', 'documentation'],
  ['198.18.0.1', 'benchmarking'],
  ['240.0.0.1', 'reserved'],
  ['64:ff9b::a00:1', 'NAT64 of a private address'],
  ['64:ff9b::7f00:1', 'NAT64 of loopback'],
  ['64:ff9b:1::1', 'local-use NAT64'],
  ['2002:7f00:1::1', '6to4 of loopback'],
  ['2002:c0a8:101::1', '6to4 of a private address'],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo'],
  ['2001:db8::1', 'documentation'],
  ['not-an-address', 'not an address'],
] as const;

const PUBLIC = ['93.184.215.14', '8.8.8.8', '2606:4700::1111', '2a00:1450:4007:80f::200e', '::ffff:8.8.8.8'];

describe('publicAddressesOnly (the default)', () => {
  it.each(REFUSED)('refuses %s (%s)', (address) => {
    expect(publicAddressesOnly(address)).toBe(false);
  });

  it.each(PUBLIC)('allows the public address %s', (address) => {
    expect(publicAddressesOnly(address)).toBe(true);
  });

  it('judges NAT64 and 6to4 addresses by the IPv4 address inside', () => {
    expect(publicAddressesOnly('64:ff9b::808:808')).toBe(true); // 8.8.8.8, as DNS64 gives it
    expect(publicAddressesOnly('2002:808:808::1')).toBe(true);
  });
});

describe('anyHostAddress (allowPrivateNetworks)', () => {
  it.each(['127.0.0.1', '::1', '::ffff:127.0.0.1', '10.0.0.1', 'fd00::1', 'fe80::1', '8.8.8.8'])('allows %s', (a) => {
    expect(anyHostAddress(a)).toBe(true);
  });

  it.each(['0.0.0.0', '::', '224.0.0.1', 'ff02::1', '255.255.255.255', 'nonsense'])('still refuses %s', (a) => {
    expect(anyHostAddress(a)).toBe(false);
  });
});

describe('checkedAddresses', () => {
  const nothingResolved = () => Promise.reject(new Error('no DNS for a literal address'));

  /** Hosts as a post may spell them; the URL parser and the policy together must see each for what it is. */
  it.each([
    'http://127.1/',
    'http://0x7f.1/',
    'http://2130706433/',
    'http://0177.0.0.1/',
    'http://0.0.0.0/',
    'http://[::1]/',
    'http://[0:0:0:0:0:0:0:1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[::]/',
    'http://[::ffff:10.0.0.1]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://100.64.0.1/',
    'http://[fd00::1]/',
    'http://[fe80::1]/',
    'https://10.1.2.3:8443/',
  ])('refuses %s without looking anything up', async (url) => {
    await expect(checkedAddresses(new URL(url), publicAddressesOnly, nothingResolved)).rejects.toThrow(
      /not a public address/,
    );
  });

  it('checks every address a name resolves to, and refuses the name when one of them is refused', async () => {
    const resolve = () =>
      Promise.resolve([
        { address: '93.184.215.14', family: 4 },
        { address: '10.0.0.7', family: 4 },
      ]);
    await expect(
      checkedAddresses(new URL('http://images.example/a.jpg'), publicAddressesOnly, resolve),
    ).rejects.toThrow('images.example is at 10.0.0.7, which is not a public address');
  });

  it('answers with the addresses it checked, for the connection to use', async () => {
    const answers = [
      { address: '93.184.215.14', family: 4 },
      { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 },
    ];
    const resolve = () => Promise.resolve(answers);
    expect(await checkedAddresses(new URL('http://images.example/'), publicAddressesOnly, resolve)).toEqual(answers);
    expect(await checkedAddresses(new URL('http://[2606:4700::1111]/'), publicAddressesOnly, resolve)).toEqual([
      { address: '2606:4700::1111', family: 6 },
    ]);
  });

  it('refuses a name that does not resolve, with the reason', async () => {
    const resolve = () => Promise.reject(new Error('getaddrinfo ENOTFOUND nowhere.invalid'));
    await expect(checkedAddresses(new URL('http://nowhere.invalid/'), publicAddressesOnly, resolve)).rejects.toThrow(
      'nowhere.invalid could not be resolved (getaddrinfo ENOTFOUND nowhere.invalid)',
    );
  });
});
