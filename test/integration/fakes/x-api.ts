/**
 * A fake X API v2 on 127.0.0.1, in X's wire format (docs.x.com): bearer check with X's 401 problem body, stream
 * rules (ids, tags, meta.summary, DuplicateRule), the filtered stream (chunked, `\r\n` keep-alives, one JSON object
 * per line, in-stream errors, one connection per app: a second one gets the recorded 429), recent search (since_id,
 * start_time, next_token, x-rate-limit-* headers, 429 with a reset), and post lookup (`errors` for deleted ids).
 * Tests publish posts built from the recorded fixtures (new ids and texts); they go to the stream and to search.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  buildPost,
  editedPost,
  mergeIncludes,
  nextId,
  queryTags,
  quotePost,
  retweetPost,
  type FakePost,
  type PostOptions,
} from './x-api-posts.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/twitter/${name}`, import.meta.url), 'utf8');
const TOO_MANY_CONNECTIONS = fixture('stream-error-too-many-connections.json');
const OPERATIONAL_DISCONNECT = JSON.stringify(JSON.parse(fixture('stream-error-operational-disconnect.json')));
const RECORDED_PAGE = fixture('search-recent-page.json');
/** The recorded response's own headers (content-type, x-rate-limit-limit...), reused on every search answer. */
const RECORDED_HEADERS = Object.fromEntries(
  fixture('search-recent-page.headers.txt')
    .split('\n')
    .slice(1)
    .filter((line) => line.includes(':'))
    .map((line) => [line.slice(0, line.indexOf(':')).trim(), line.slice(line.indexOf(':') + 1).trim()]),
);

const UNAUTHORIZED = { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' };
const TOO_MANY_REQUESTS = { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 };
const NOT_ENROLLED = {
  client_id: '28659504',
  detail:
    'When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project. You can create a project via the developer portal.',
  registration_url: 'https://developer.twitter.com/en/docs/projects/overview',
  title: 'Client Forbidden',
  required_enrollment: 'Appropriate Level of API Access',
  reason: 'client-not-enrolled',
  type: 'https://api.twitter.com/2/problems/client-forbidden',
};

export interface FakeXOptions {
  token?: string;
  /** False: the tier has no filtered stream (rules and stream answer 403 client-not-enrolled). */
  streamAccess?: boolean;
  /** False: recent search answers 403 client-not-enrolled too (a tier that reads no posts). */
  searchAccess?: boolean;
  /** Keep-alive period; null sends none (a silent connection). */
  keepAliveMs?: number | null;
  /** Rules already on the app (another tool's, another event's). */
  rules?: { value: string; tag?: string }[];
  /** Stream messages are written in two pieces, cut inside a multi-byte character (as TCP may deliver them). */
  splitCharacters?: boolean;
  /** Most posts per search page, whatever `max_results` asks, to make pagination happen with a few posts. */
  searchPageSize?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  at: number;
}

interface Rule {
  id: string;
  value: string;
  tag?: string;
}

export interface FakeX {
  url: string;
  token: string;
  requests: RecordedRequest[];
  rules(): Rule[];
  /** Stream connections open now, and accepted so far. */
  openStreams(): number;
  streamsAccepted(): number;
  publish(options: PostOptions): string;
  retweet(originalId: string): string;
  quote(quotedId: string, options: PostOptions): string;
  /**
   * Edits a post as its author does: a new version of its latest version (`id` is any version of it), with a
   * new id, goes to the stream and to search.
   */
  edit(id: string, options: PostOptions): string;
  /** Sends a post already published to the streams once more, as it was. */
  replay(id: string): void;
  deletePost(id: string): void;
  /** Cuts every stream connection without a word (a network drop). */
  dropStreams(): void;
  /** Sends the recorded operational-disconnect error, then ends the stream as X does. */
  disconnectStreams(): void;
  /** Sends a line to every stream as is (e.g. not JSON). */
  sendLine(line: string): void;
  /** Search answers 429 until `resetAt` (epoch ms, rounded up to X's whole seconds). */
  limitSearch(resetAt: number): void;
  /** The next search answers the recorded page byte for byte (its next_token then leads to an empty page). */
  serveRecordedPage(): void;
  close(): Promise<void>;
}

export async function startFakeX(options: FakeXOptions = {}): Promise<FakeX> {
  const token = options.token ?? 'fake-bearer-token-do-not-log';
  const posts = new Map<string, FakePost>();
  const deleted = new Set<string>();
  const rules: Rule[] = (options.rules ?? []).map((rule) => ({ id: nextId(), ...rule }));
  const streams = new Set<ServerResponse>();
  const requests: RecordedRequest[] = [];
  let accepted = 0;
  let searchLimitedUntil = 0;
  let recordedPending = false;

  function matching(post: FakePost): Rule[] {
    return rules.filter((rule) => queryTags(rule.value).some((tag) => post.hashtags.includes(tag)));
  }

  function add(post: FakePost): string {
    posts.set(post.data.id, post);
    stream(post);
    return post.data.id;
  }

  function stream(post: FakePost): void {
    const matched = matching(post).map(({ id, tag }) => ({ id, ...(tag === undefined ? {} : { tag }) }));
    const message = JSON.stringify({ data: post.data, includes: post.includes, matching_rules: matched });
    if (matched.length > 0) for (const res of streams) write(res, `${message}\r\n`);
  }

  /** The newest version of the post that `id` is a version of. */
  function latestVersion(id: string): FakePost {
    const history = posts.get(id)!.data.edit_history_tweet_ids as string[];
    const versions = [...posts.values()].filter(
      (post) => (post.data.edit_history_tweet_ids as string[])[0] === history[0],
    );
    return versions.reduce((latest, post) => (BigInt(post.data.id) > BigInt(latest.data.id) ? post : latest));
  }

  function route(req: IncomingMessage, res: ServerResponse, body: string): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, at: Date.now() });
    if (req.headers.authorization !== `Bearer ${token}`)
      return json(res, 401, UNAUTHORIZED, 'application/problem+json');
    const streamPath = url.pathname.startsWith('/2/tweets/search/stream');
    if (streamPath && options.streamAccess === false) return json(res, 403, NOT_ENROLLED);
    if (url.pathname === '/2/tweets/search/stream/rules') return rulesEndpoint(req.method, res, body);
    if (url.pathname === '/2/tweets/search/stream') return openStream(res);
    if (url.pathname === '/2/tweets/search/recent') {
      return options.searchAccess === false ? json(res, 403, NOT_ENROLLED) : search(url.searchParams, res);
    }
    if (url.pathname === '/2/tweets') return lookup(url.searchParams, res);
    json(res, 404, { title: 'Not Found Error', type: 'about:blank', status: 404, detail: 'Not Found' });
  }

  /** With `splitCharacters`, a message goes in two TCP writes cut inside its first multi-byte character. */
  function write(res: ServerResponse, text: string): void {
    const bytes = Buffer.from(text);
    const cut = bytes.findIndex((byte) => byte >= 0xc0) + 1;
    if (!options.splitCharacters || cut === 0) return void res.write(bytes);
    res.write(bytes.subarray(0, cut));
    setTimeout(() => res.writableEnded || res.write(bytes.subarray(cut)), 30);
  }

  function rulesEndpoint(method: string | undefined, res: ServerResponse, body: string): void {
    const sent = new Date().toISOString();
    if (method === 'GET') {
      const meta = { sent, result_count: rules.length };
      return json(res, 200, rules.length > 0 ? { data: rules, meta } : { meta });
    }
    const request = JSON.parse(body) as { add?: Omit<Rule, 'id'>[]; delete?: { ids: string[] } };
    if (request.delete) {
      const before = rules.length;
      const ids = new Set(request.delete.ids);
      rules.splice(0, rules.length, ...rules.filter((rule) => !ids.has(rule.id)));
      const deletedCount = before - rules.length;
      return json(res, 200, {
        meta: { sent, summary: { deleted: deletedCount, not_deleted: ids.size - deletedCount } },
      });
    }
    const created: Rule[] = [];
    const errors: unknown[] = [];
    for (const rule of request.add ?? []) {
      const same = rules.find((existing) => existing.value === rule.value);
      if (same) {
        errors.push({
          value: rule.value,
          id: same.id,
          title: 'DuplicateRule',
          type: 'https://api.x.com/2/problems/duplicate-rules',
        });
      } else {
        created.push({ id: nextId(), value: rule.value, ...(rule.tag === undefined ? {} : { tag: rule.tag }) });
      }
    }
    rules.push(...created);
    const summary = {
      created: created.length,
      not_created: errors.length,
      valid: created.length,
      invalid: errors.length,
    };
    json(res, 201, {
      ...(created.length ? { data: created } : {}),
      meta: { sent, summary },
      ...(errors.length ? { errors } : {}),
    });
  }

  function openStream(res: ServerResponse): void {
    if (streams.size > 0) return json(res, 429, JSON.parse(TOO_MANY_CONNECTIONS));
    accepted += 1;
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...rateHeaders(50, 49) });
    res.flushHeaders();
    streams.add(res);
    const keepAlive =
      options.keepAliveMs === null ? undefined : setInterval(() => res.write('\r\n'), options.keepAliveMs ?? 20_000);
    res.on('close', () => {
      clearInterval(keepAlive);
      streams.delete(res);
    });
  }

  function search(params: URLSearchParams, res: ServerResponse): void {
    if (Date.now() < searchLimitedUntil) {
      return json(res, 429, TOO_MANY_REQUESTS, 'application/json', rateHeaders(450, 0, searchLimitedUntil));
    }
    if (recordedPending) {
      recordedPending = false;
      return send(res, 200, RECORDED_PAGE, RECORDED_HEADERS);
    }
    if (params.get('next_token') === JSON.parse(RECORDED_PAGE).meta.next_token)
      return json(res, 200, { meta: { result_count: 0 } });
    const tags = queryTags(params.get('query') ?? '');
    const since = BigInt(params.get('since_id') ?? '0');
    const startTime = Date.parse(params.get('start_time') ?? '1970-01-01T00:00:00Z');
    const until = params.has('next_token')
      ? BigInt(Buffer.from(params.get('next_token')!, 'base64url').toString())
      : undefined;
    const found = [...posts.values()]
      .filter((post) => !deleted.has(post.data.id) && post.hashtags.some((tag) => tags.includes(tag)))
      .filter((post) => BigInt(post.data.id) > since && Date.parse(post.data.created_at) >= startTime)
      .filter((post) => until === undefined || BigInt(post.data.id) < until)
      .sort((a, b) => (BigInt(b.data.id) > BigInt(a.data.id) ? 1 : -1));
    const size = Math.min(Number(params.get('max_results') ?? 10), options.searchPageSize ?? 100);
    const page = found.slice(0, size);
    const headers = { ...RECORDED_HEADERS, ...rateHeaders(450, 449) };
    if (page.length === 0) return json(res, 200, { meta: { result_count: 0 } }, undefined, headers);
    const oldest = page.at(-1)!.data.id;
    const meta = {
      newest_id: page[0]!.data.id,
      oldest_id: oldest,
      result_count: page.length,
      ...(found.length > size ? { next_token: Buffer.from(oldest).toString('base64url') } : {}),
    };
    json(res, 200, { data: page.map((post) => post.data), includes: mergeIncludes(page), meta }, undefined, headers);
  }

  function lookup(params: URLSearchParams, res: ServerResponse): void {
    const ids = (params.get('ids') ?? '').split(',').filter(Boolean);
    const data = ids
      .filter((id) => posts.has(id) && !deleted.has(id))
      .map((id) => ({ id, text: posts.get(id)!.data.text }));
    const errors = ids
      .filter((id) => !posts.has(id) || deleted.has(id))
      .map((id) => ({
        value: id,
        detail: `Could not find tweet with ids: [${id}].`,
        title: 'Not Found Error',
        resource_type: 'tweet',
        parameter: 'ids',
        resource_id: id,
        type: 'https://api.x.com/2/problems/resource-not-found',
      }));
    json(
      res,
      200,
      { ...(data.length ? { data } : {}), ...(errors.length ? { errors } : {}) },
      undefined,
      rateHeaders(300, 299),
    );
  }

  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => route(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    requests,
    rules: () => rules.map((rule) => ({ ...rule })),
    openStreams: () => streams.size,
    streamsAccepted: () => accepted,
    publish: (post) => add(buildPost(nextId(), post)),
    retweet: (originalId) => add(retweetPost(nextId(), posts.get(originalId)!)),
    quote: (quotedId, post) => add(quotePost(nextId(), posts.get(quotedId)!, post)),
    edit: (id, post) => add(editedPost(nextId(), latestVersion(id), post)),
    replay: (id) => stream(posts.get(id)!),
    deletePost: (id) => void deleted.add(id),
    dropStreams: () =>
      streams.forEach((res) => {
        streams.delete(res); // gone for publishing at once, as the connection is for X
        res.socket?.destroy();
      }),
    disconnectStreams: () => streams.forEach((res) => res.end(`${OPERATIONAL_DISCONNECT}\r\n`)),
    sendLine: (line) => streams.forEach((res) => res.write(`${line}\r\n`)),
    limitSearch: (resetAt) => void (searchLimitedUntil = Math.ceil(resetAt / 1000) * 1000),
    serveRecordedPage: () => void (recordedPending = true),
    close: () =>
      new Promise((resolve) => {
        streams.forEach((res) => res.socket?.destroy());
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function rateHeaders(limit: number, remaining: number, resetAt = Date.now() + 900_000): Record<string, string> {
  return {
    'x-rate-limit-limit': String(limit),
    'x-rate-limit-remaining': String(remaining),
    'x-rate-limit-reset': String(Math.ceil(resetAt / 1000)),
  };
}

function json(res: ServerResponse, status: number, body: unknown, type = 'application/json', headers = {}): void {
  send(res, status, JSON.stringify(body), { ...headers, 'content-type': `${type}; charset=utf-8` });
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string>): void {
  res.writeHead(status, headers).end(body);
}
