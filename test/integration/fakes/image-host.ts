/** A small image host on 127.0.0.1: good images, slow ones, broken ones, counted, for the media proxy tests. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A valid 1x1 PNG. */
export const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

export interface ImageHost {
  url: string;
  hits: Map<string, number>;
  close(): Promise<void>;
}

export async function startImageHost(): Promise<ImageHost> {
  const hits = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path.startsWith('/ok.png')) return res.writeHead(200, { 'content-type': 'image/png' }).end(PNG_1X1);
    if (path === '/redirect') return res.writeHead(302, { location: '/ok.png?from=redirect' }).end();
    if (path === '/page.html') return res.writeHead(200, { 'content-type': 'text/html' }).end('<script>x</script>');
    if (path === '/huge.png') {
      res.writeHead(200, { 'content-type': 'image/png' });
      return res.end(Buffer.alloc(300 * 1024));
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
