/**
 * Raw HTTP requests for the tests of bad input: exact bytes and headers (a Content-Encoding that lies, a body cut
 * half-way), which `fetch` would not send or would fix up.
 */
import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export function rawRequest(base: string, options: RawRequest): Promise<RawResponse> {
  const { hostname, port } = new URL(base);
  // Node sends a DELETE's body without a length otherwise, which no server can read.
  const length = options.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(options.body)) };
  const headers = { ...length, ...options.headers };
  return new Promise((resolve, reject) => {
    const req = request(
      { host: hostname, port, method: options.method ?? 'GET', path: options.path, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/**
 * Sends the headers and half of `body` (declaring all of it in Content-Length), then closes the connection, the
 * way a phone that loses the venue wifi does. Resolves once the connection is closed.
 */
export function abortedRequest(base: string, options: RawRequest & { body: Buffer }): Promise<void> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve) => {
    const req = request({
      host: hostname,
      port,
      method: options.method ?? 'POST',
      path: options.path,
      headers: { ...options.headers, 'content-length': String(options.body.length) },
    });
    req.on('error', () => resolve());
    req.on('close', () => resolve());
    req.on('response', () => resolve());
    req.write(options.body.subarray(0, options.body.length / 2), () => {
      // Once the server has read the first half (it is on the wire), the rest never comes.
      setImmediate(() => req.destroy());
    });
  });
}
