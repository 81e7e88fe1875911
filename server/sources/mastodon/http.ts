/**
 * A small HTTP GET for one instance's REST API, with its own keep-alive agent that stopping the source destroys.
 *
 * Not masto's REST client: its serializer renames every key to camelCase, while the normalizer reads the wire format
 * shared with the streaming payloads, and its paginator hides the rate-limit headers we must honour. Not the global
 * fetch either: its process-wide connection pool keeps idle sockets after the source has stopped.
 */
import http from 'node:http';
import https from 'node:https';

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface GetOptions {
  headers: Record<string, string>;
  signal: AbortSignal;
  timeoutMs: number;
  maxBytes: number;
}

export interface HttpClient {
  get(url: URL, options: GetOptions): Promise<HttpResponse>;
  /** Closes every socket, idle or not. */
  close(): void;
}

export function createHttpClient(): HttpClient {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 2 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 2 }),
  };
  return {
    get(url, options) {
      const secure = url.protocol === 'https:';
      return request(secure ? https : http, secure ? agents['https:'] : agents['http:'], url, options);
    },
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}

function request(
  transport: typeof http | typeof https,
  agent: http.Agent,
  url: URL,
  options: GetOptions,
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const req = transport.get(url, { agent, headers: options.headers, signal: options.signal }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) req.destroy(new Error(`answer larger than ${options.maxBytes} bytes`));
        else chunks.push(chunk);
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
      res.on('close', () => {
        if (!res.complete) reject(new Error('connection closed before the end of the answer'));
      });
    });
    // The socket timeout bounds silence, not the whole exchange: a slow but steady answer is fine.
    req.setTimeout(options.timeoutMs, () => req.destroy(new Error(`no answer within ${options.timeoutMs / 1000} s`)));
    req.on('error', reject);
  });
}

/** The `rel="…"` targets of a `Link` header (RFC 8288), e.g. `{ next: '…?max_id=1', prev: '…?min_id=9' }`. */
export function parseLinkHeader(value: string | undefined): Record<string, string> {
  const links: Record<string, string> = {};
  for (const match of (value ?? '').matchAll(/<([^>]*)>\s*;\s*rel="?([^";,]+)"?/g)) {
    const [, target, rel] = match;
    if (target !== undefined && rel !== undefined) links[rel.trim()] = target;
  }
  return links;
}
