/**
 * The media proxy's fetch never reaches a loopback or private address, however a post spells it and wherever a
 * redirect points: real servers on 127.0.0.1, 127.0.0.2 and ::1 count every request they get, and a refused
 * one must get none. Each refusal is paired with the same fetch allowed, so the servers are shown reachable.
 */
import type { LookupAddress } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchImage, type FetchLimits } from '../../server/media/fetch-image.js';
import { hasIpv6Loopback, PNG_1X1, startImageHost, type ImageHost } from './fakes/image-host.js';

const STRICT: FetchLimits = { maxBytes: 1024 * 1024, timeoutMs: 5000, allowPrivateNetworks: false };
const LAX: FetchLimits = { ...STRICT, allowPrivateNetworks: true };
/** The first hop's server stands for a public host; every other loopback address stays refused. */
const onlyFirst = (address: string) => address === '127.0.0.1';

const ipv6 = await hasIpv6Loopback();
let v4: ImageHost;
let other: ImageHost;
let v6: ImageHost | null = null;
beforeAll(async () => {
  v4 = await startImageHost('127.0.0.1');
  other = await startImageHost('127.0.0.2');
  if (ipv6) v6 = await startImageHost('::1');
});
afterAll(async () => {
  await Promise.all([v4.close(), other.close(), v6?.close()]);
});

const totalRequests = () => v4.requests + other.requests + (v6?.requests ?? 0);

describe('loopback spellings', () => {
  const v4Forms = ['127.0.0.1', '127.1', '0x7f.1', '2130706433', '0177.0.0.1', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]'];
  it.each(v4Forms)('refuses http://%s by default, and reaches the server when allowed', async (form) => {
    const url = `http://${form}:${v4.port}/ok.png`;
    const before = v4.requests;
    await expect(fetchImage(url, STRICT)).rejects.toThrow(/not a public address/);
    expect(v4.requests).toBe(before);
    expect(await fetchImage(url, LAX)).toEqual({ body: PNG_1X1, contentType: 'image/png' });
    expect(v4.requests).toBe(before + 1);
  });

  it.skipIf(!ipv6).each(['[::1]', '[0:0:0:0:0:0:0:1]', '[0::1]'])(
    'refuses http://%s by default, and reaches the IPv6 server when allowed',
    async (form) => {
      const url = `http://${form}:${v6!.port}/ok.png`;
      const before = v6!.requests;
      await expect(fetchImage(url, STRICT)).rejects.toThrow(/not a public address/);
      expect(v6!.requests).toBe(before);
      expect(await fetchImage(url, LAX)).toEqual({ body: PNG_1X1, contentType: 'image/png' });
      expect(v6!.requests).toBe(before + 1);
    },
  );

  it.each(['0.0.0.0', '[::]'])(
    'refuses the unspecified address %s even when private networks are allowed',
    async (form) => {
      const before = totalRequests();
      for (const port of [v4.port, v6?.port ?? v4.port]) {
        await expect(fetchImage(`http://${form}:${port}/ok.png`, STRICT)).rejects.toThrow(/not a public address/);
        await expect(fetchImage(`http://${form}:${port}/ok.png`, LAX)).rejects.toThrow(/not a public address/);
      }
      expect(totalRequests()).toBe(before);
    },
  );

  it('refuses a name that resolves to loopback (localhost), on either family', async () => {
    const before = totalRequests();
    for (const port of [v4.port, v6?.port ?? v4.port]) {
      await expect(fetchImage(`http://localhost:${port}/ok.png`, STRICT)).rejects.toThrow(
        /localhost is at (127\.0\.0\.1|::1), which is not a public address/,
      );
    }
    expect(totalRequests()).toBe(before);
  });
});

describe('the address connected to', () => {
  it('is the one checked: resolved once, the Host header keeping the name', async () => {
    const asked: string[] = [];
    // A resolver that changes its answer after the first question, as a rebinding DNS server does.
    const resolve = (hostname: string): Promise<LookupAddress[]> => {
      asked.push(hostname);
      return Promise.resolve([{ address: asked.length === 1 ? '127.0.0.1' : '127.0.0.2', family: 4 }]);
    };
    const before = other.requests;
    const image = await fetchImage(`http://images.test:${v4.port}/ok.png`, STRICT, { isAllowed: onlyFirst, resolve });
    expect(image.body).toEqual(PNG_1X1);
    expect(asked).toEqual(['images.test']);
    expect(v4.hostHeaders.at(-1)).toBe(`images.test:${v4.port}`);
    expect(other.requests).toBe(before);
  });

  it('is never one of several answers when any of them is refused', async () => {
    const resolve = () =>
      Promise.resolve([
        { address: '127.0.0.1', family: 4 },
        { address: '127.0.0.2', family: 4 },
      ]);
    const before = totalRequests();
    await expect(
      fetchImage(`http://images.test:${v4.port}/ok.png`, STRICT, { isAllowed: onlyFirst, resolve }),
    ).rejects.toThrow('images.test is at 127.0.0.2, which is not a public address');
    expect(totalRequests()).toBe(before);
  });
});

describe('redirects', () => {
  const via = (target: string) => `${v4.url}/redirect-to?${encodeURIComponent(target)}`;

  it('are followed to an allowed address', async () => {
    const image = await fetchImage(via(`${v4.url}/ok.png?hop=2`), STRICT, { isAllowed: onlyFirst });
    expect(image.body).toEqual(PNG_1X1);
    expect(v4.hits.get('/ok.png?hop=2')).toBe(1);
  });

  it('are checked hop by hop: a redirect to another loopback address is refused before connecting', async () => {
    const targets = [
      `${other.url}/ok.png`,
      `http://2130706434:${other.port}/ok.png`,
      `http://[::ffff:127.0.0.2]:${other.port}/ok.png`,
      `http://[::ffff:7f00:2]:${other.port}/ok.png`,
    ];
    if (v6) targets.push(`${v6.url}/ok.png`, `http://[0:0:0:0:0:0:0:1]:${v6.port}/ok.png`);
    const before = { first: v4.requests, refused: other.requests + (v6?.requests ?? 0) };
    for (const target of targets) {
      await expect(fetchImage(via(target), STRICT, { isAllowed: onlyFirst })).rejects.toThrow(/not a public address/);
    }
    expect(v4.requests - before.first).toBe(targets.length);
    expect(other.requests + (v6?.requests ?? 0)).toBe(before.refused);

    // The same redirect with every address allowed does reach the other server: the refusal above was the check's.
    await fetchImage(via(`${other.url}/ok.png`), LAX);
    expect(other.requests).toBe(1);
  });

  it('are refused past three hops', async () => {
    const chain = via(via(via(via(`${v4.url}/ok.png`))));
    await expect(fetchImage(chain, STRICT, { isAllowed: onlyFirst })).rejects.toThrow('too many redirects');
  });
});

describe('the deadline', () => {
  it('gives up on a host that never answers, after the time allowed', async () => {
    const { createServer } = await import('node:http');
    // Takes the request and never answers it.
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const quick = { ...LAX, timeoutMs: 300 };
      await expect(fetchImage(`http://127.0.0.1:${port}/slow.png`, quick)).rejects.toThrow(/not fetched within 300 ms/);
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
