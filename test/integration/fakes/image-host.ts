/**
 * A small image host on a loopback address (127.0.0.1 unless told): good images, broken ones, redirects, each
 * request counted, for the media proxy tests. A test that must show a host was never reached reads `requests`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A valid 1x1 PNG. */
export const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

export interface ImageHost {
  /** `http://127.0.0.1:port`, `http://[::1]:port`... */
  url: string;
  port: number;
  hits: Map<string, number>;
  /** Every request, whatever its path. */
  requests: number;
  /** The Host header of each request, in order. */
  hostHeaders: string[];
  /** Serves `body` as `contentType` at `path` from now on. */
  serve(path: string, body: Buffer, contentType: string): void;
  close(): Promise<void>;
}

export async function startImageHost(address = '127.0.0.1'): Promise<ImageHost> {
  const hits = new Map<string, number>();
  const served = new Map<string, { body: Buffer; contentType: string }>();
  const host = { requests: 0, hostHeaders: [] as string[] };
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    host.requests += 1;
    host.hostHeaders.push(req.headers.host ?? '');
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const file = served.get(path.split('?')[0]!);
    if (file) return res.writeHead(200, { 'content-type': file.contentType }).end(file.body);
    if (path.startsWith('/ok.png')) return res.writeHead(200, { 'content-type': 'image/png' }).end(PNG_1X1);
    if (path === '/redirect') return res.writeHead(302, { location: '/ok.png?from=redirect' }).end();
    // `/redirect-to?<URL>`: a redirect anywhere, as any host on the internet may answer.
    if (path.startsWith('/redirect-to?')) {
      return res.writeHead(302, { location: decodeURIComponent(path.slice('/redirect-to?'.length)) }).end();
    }
    if (path === '/page.html') return res.writeHead(200, { 'content-type': 'text/html' }).end('<script>x</script>');
    if (path === '/huge.png') {
      res.writeHead(200, { 'content-type': 'image/png' });
      return res.end(Buffer.alloc(300 * 1024));
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, address, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${address.includes(':') ? `[${address}]` : address}:${port}`,
    port,
    hits,
    get requests() {
      return host.requests;
    },
    hostHeaders: host.hostHeaders,
    serve: (path, body, contentType) => served.set(path, { body, contentType }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Whether this machine has an IPv6 loopback (`::1`) to listen on. */
export async function hasIpv6Loopback(): Promise<boolean> {
  try {
    await (await startImageHost('::1')).close();
    return true;
  } catch {
    return false;
  }
}
