/**
 * A Mastodon instance on 127.0.0.1 speaking the real wire format, built from the recorded statuses in
 * test/fixtures/mastodon: the tag timeline (`min_id`/`max_id`/`since_id`/`limit`, `Link` next/prev, `X-RateLimit-*`,
 * 429 when the window is spent), `/api/v2/instance` (a recorded answer), `verify_credentials` (the account for the
 * token, Mastodon's 401 otherwise), one status by id (`/api/v1/statuses/:id`, 404 once deleted), and the streaming
 * websocket at `/api/v1/streaming` with the access token checked
 * in `Sec-WebSocket-Protocol` (401 without), sending `{stream, event, payload}` frames. Tests can drop streams,
 * refuse new ones, send garbage frames and fail requests.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export type Status = Record<string, unknown> & { id: string; uri: string; created_at: string; tags: Tag[] };
interface Tag {
  name: string;
  url: string;
}

const FIXTURES = new URL('../../fixtures/mastodon/', import.meta.url);
/** 10 statuses recorded from a real Mastodon 4.5 tag timeline (newest first), all tagged with RECORDED_TAG. */
export const RECORDED_PAGE = JSON.parse(readFileSync(new URL('tag-timeline-page.json', FIXTURES), 'utf8')) as Status[];
const RECORDED_TAG = 'fgiztsshwiaqqiztpmmjbtvmescsculuvmgjgopwoeidbcrixp';
const TEMPLATE = RECORDED_PAGE[0]!;
/** mastodon.social's `/api/v2/instance` (Mastodon 4.0), served with this fake's domain and streaming URL. */
const INSTANCE = JSON.parse(readFileSync(new URL('instance-v2.json', FIXTURES), 'utf8')) as {
  configuration: Record<string, unknown>;
};

const RATE_LIMIT = 300;
let started = 0;
const RATE_WINDOW_MS = 5 * 60_000;

export interface PublishInput {
  text: string;
  tags: string[];
  /** The status's canonical URI, for one "federated" from another server; by default one on this instance. */
  uri?: string;
  emojis?: { shortcode: string; url: string; static_url: string; visible_in_picker?: boolean }[];
  spoilerText?: string;
  /**
   * Written this long ago on another server and only now federated here: Mastodon then makes its local id from the
   * creation time, below the ids of statuses received in between.
   */
  ageMs?: number;
}

export interface RequestRecord {
  path: string;
  query: URLSearchParams;
  status: number;
  at: number;
  authorization?: string;
  /** `prev` link's min_id sent back, if any. */
  prevMinId?: string;
}

export interface StartOptions {
  /** With a token, the streaming API accepts this one only; without, streaming is refused (401). */
  token?: string;
  /** Largest page served (Mastodon: 40). */
  maxLimit?: number;
  /** Re-hosts the recorded page under this tag (new local ids, the recorded URIs). */
  seedTag?: string;
}

export async function startMastodon(options: StartOptions = {}) {
  const timeline: Status[] = []; // oldest first
  const requests: RequestRecord[] = [];
  const upgrades: { url: string; protocol: string | undefined; at: number; accepted: boolean }[] = [];
  const subscribeFrames: unknown[] = [];
  const sockets = new Set<Socket>();
  const streams = new Map<WebSocket, Set<string>>();
  const rate = { remaining: RATE_LIMIT, resetAt: 0 };
  let failures: number[] = [];
  let refusingStreams = false;
  // Each fake counts from its own offset, so two instances never give a status the same local id.
  let sequence = (started++ * 4096) % 65536;
  let url = '';

  /** A snowflake id like Mastodon's: milliseconds shifted 16 bits, plus a sequence. */
  function newId(at: number): string {
    sequence = (sequence + 1) % 65536;
    return ((BigInt(at) << 16n) + BigInt(sequence)).toString();
  }

  function hashtagLink(tag: string): string {
    return `<a href="${url}/tags/${tag.toLowerCase()}" class="mention hashtag" rel="tag">#<span>${tag}</span></a>`;
  }

  function build(input: PublishInput): Status {
    const now = Date.now() - (input.ageMs ?? 0);
    const id = newId(now);
    const username = 'mastodonpy_test_2';
    const account = { ...(TEMPLATE.account as object), url: `${url}/@${username}`, uri: `${url}/users/${username}` };
    return {
      ...TEMPLATE,
      id,
      created_at: new Date(now).toISOString(),
      uri: input.uri ?? `${url}/users/${username}/statuses/${id}`,
      url: `${url}/@${username}/${id}`,
      language: 'fr',
      content: `<p>${input.text} ${input.tags.map(hashtagLink).join(' ')}</p>`,
      spoiler_text: input.spoilerText ?? '',
      sensitive: Boolean(input.spoilerText),
      account,
      tags: input.tags.map((name) => ({ name: name.toLowerCase(), url: `${url}/tags/${name.toLowerCase()}` })),
      emojis: input.emojis ?? [],
    };
  }

  function broadcast(status: Status, event: 'update' | 'status.update' | 'delete'): void {
    for (const [socket, subscribed] of streams) {
      for (const tag of status.tags) {
        if (!subscribed.has(tag.name.toLowerCase())) continue;
        const payload = event === 'delete' ? status.id : JSON.stringify(status);
        socket.send(JSON.stringify({ stream: ['hashtag', tag.name], event, payload }));
      }
    }
  }

  function add(status: Status): Status {
    timeline.push(status);
    timeline.sort((a, b) => compare(a.id, b.id));
    broadcast(status, 'update');
    return status;
  }

  if (options.seedTag) {
    const tag = options.seedTag;
    for (const recorded of [...RECORDED_PAGE].reverse()) {
      const json = JSON.stringify(recorded).replaceAll(RECORDED_TAG, tag.toLowerCase());
      const status = JSON.parse(json) as Status;
      // Mastodon gives a status from elsewhere an id made from its creation time.
      timeline.push({ ...status, id: newId(Date.parse(status.created_at)) });
    }
  }

  const server = createServer((req, res) => answer(req, res));
  // Like nginx in front of Mastodon: idle keep-alive connections stay open long after a test's patience.
  server.keepAliveTimeout = 75_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  }

  function rateHeaders(): Record<string, string> {
    const now = Date.now();
    if (now >= rate.resetAt) Object.assign(rate, { remaining: RATE_LIMIT, resetAt: now + RATE_WINDOW_MS });
    return {
      'x-ratelimit-limit': String(RATE_LIMIT),
      'x-ratelimit-remaining': String(Math.max(rate.remaining - 1, 0)),
      'x-ratelimit-reset': new Date(rate.resetAt).toISOString(),
    };
  }

  function answer(req: IncomingMessage, res: ServerResponse): void {
    const target = new URL(req.url ?? '/', url);
    const record: RequestRecord = { path: target.pathname, query: target.searchParams, status: 200, at: Date.now() };
    if (req.headers.authorization) record.authorization = req.headers.authorization;
    requests.push(record);
    const headers = rateHeaders();
    const failure = failures.shift();
    if (rate.remaining <= 0) record.status = 429;
    else if (failure !== undefined) record.status = failure;
    rate.remaining = Math.max(rate.remaining - 1, 0);
    if (record.status === 429) return sendJson(res, 429, { error: 'Too many requests' }, headers);
    if (record.status !== 200) return sendJson(res, record.status, { error: 'Something went wrong' }, headers);
    if (target.pathname === '/api/v2/instance') {
      const configuration = { ...INSTANCE.configuration, urls: { streaming: url.replace('http', 'ws') } };
      return sendJson(res, 200, { ...INSTANCE, domain: target.host, configuration });
    }
    if (target.pathname === '/api/v1/accounts/verify_credentials') {
      const bearer = req.headers.authorization?.replace(/^Bearer /, '');
      if (options.token === undefined || bearer !== options.token) {
        record.status = 401;
        return sendJson(res, 401, { error: 'The access token is invalid' });
      }
      return sendJson(res, 200, { ...(TEMPLATE.account as object), source: { privacy: 'public', note: '' } });
    }
    const statusId = /^\/api\/v1\/statuses\/([^/]+)$/.exec(target.pathname)?.[1];
    if (statusId !== undefined) {
      const status = timeline.find((candidate) => candidate.id === decodeURIComponent(statusId));
      if (status) return sendJson(res, 200, status, headers);
      record.status = 404;
      return sendJson(res, 404, { error: 'Record not found' }, headers);
    }
    const tag = /^\/api\/v1\/timelines\/tag\/([^/]+)$/.exec(target.pathname)?.[1];
    if (tag === undefined) {
      record.status = 404;
      return sendJson(res, 404, { error: 'Record not found' });
    }
    const page = tagPage(decodeURIComponent(tag), target.searchParams);
    if (page.length > 0) {
      const link = (param: string, id: string) => {
        const next = new URL(target);
        for (const key of ['max_id', 'min_id', 'since_id']) next.searchParams.delete(key);
        next.searchParams.set(param, id);
        return `<${next.toString()}>`;
      };
      record.prevMinId = page[0]!.id;
      headers.link = `${link('max_id', page.at(-1)!.id)}; rel="next", ${link('min_id', page[0]!.id)}; rel="prev"`;
    }
    sendJson(res, 200, page, headers);
  }

  /** Mastodon's paginated query: newest first; `min_id` gives the statuses just above it, `since_id` the newest. */
  function tagPage(tag: string, query: URLSearchParams): Status[] {
    const limit = Math.min(Number(query.get('limit') ?? 20) || 20, options.maxLimit ?? 40);
    const [maxId, minId, sinceId] = ['max_id', 'min_id', 'since_id'].map((key) => query.get(key));
    let matching = timeline.filter(
      (status) =>
        status.tags.some((t) => t.name.toLowerCase() === tag.toLowerCase()) &&
        (!maxId || compare(status.id, maxId) < 0) &&
        (!minId || compare(status.id, minId) > 0) &&
        (!sinceId || compare(status.id, sinceId) > 0),
    );
    matching = minId ? matching.slice(0, limit) : matching.slice(-limit);
    return matching.reverse();
  }

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const target = new URL(req.url ?? '/', url);
    const protocol = req.headers['sec-websocket-protocol']?.split(',')[0]?.trim();
    const upgrade = { url: target.toString(), protocol, at: Date.now(), accepted: false };
    upgrades.push(upgrade);
    const bearer = req.headers.authorization?.replace(/^Bearer /, '');
    const authorized = options.token !== undefined && (protocol === options.token || bearer === options.token);
    if (target.pathname !== '/api/v1/streaming' || !authorized || refusingStreams) {
      const [code, text] = refusingStreams ? [503, 'Service Unavailable'] : [401, 'Unauthorized'];
      const body = JSON.stringify({ error: code === 401 ? 'Error: Missing access token' : 'Unavailable' });
      socket.end(
        `HTTP/1.1 ${code} ${text}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      );
      return;
    }
    upgrade.accepted = true;
    wss.handleUpgrade(req, socket, head, (ws) => {
      const subscribed = new Set<string>();
      if (target.searchParams.get('stream') === 'hashtag' && target.searchParams.get('tag')) {
        subscribed.add(target.searchParams.get('tag')!.toLowerCase());
      }
      streams.set(ws, subscribed);
      ws.on('message', (data) => onClientMessage(ws, subscribed, String(data)));
      ws.on('close', () => streams.delete(ws));
    });
  });

  function onClientMessage(ws: WebSocket, subscribed: Set<string>, text: string): void {
    let message: { type?: string; stream?: string; tag?: string };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return ws.send(JSON.stringify({ error: 'Invalid JSON', status: 400 }));
    }
    subscribeFrames.push(message);
    if (message.stream !== 'hashtag' || !message.tag) {
      return ws.send(JSON.stringify({ error: 'Unknown stream type', status: 400 }));
    }
    if (message.type === 'subscribe') subscribed.add(message.tag.toLowerCase());
    if (message.type === 'unsubscribe') subscribed.delete(message.tag.toLowerCase());
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    requests,
    upgrades,
    subscribeFrames,
    timeline,
    /** Posts a status here: on the tag timeline, and to the streams of its hashtags. */
    publish: (input: PublishInput): Status => add(build(input)),
    /** The same status relayed to this instance: its URI and content, a local id of ours. */
    federate: (status: Status): Status => add({ ...status, id: newId(Date.now()) }),
    /** The author edits a status: `status.update` on the streams. */
    edit(id: string, text: string): Status {
      const index = timeline.findIndex((status) => status.id === id);
      const before = timeline[index]!;
      const content = `<p>${text} ${before.tags.map((tag) => hashtagLink(tag.name)).join(' ')}</p>`;
      const edited = { ...before, content, edited_at: new Date().toISOString() };
      timeline[index] = edited;
      broadcast(edited, 'status.update');
      return edited;
    },
    /** The author deletes a status: it leaves the timeline and a `delete` goes to the streams. */
    remove(id: string): void {
      const index = timeline.findIndex((status) => status.id === id);
      const [removed] = timeline.splice(index, 1);
      if (removed) broadcast(removed, 'delete');
    },
    /** Sends a raw text frame to every open stream (garbage, unknown events). */
    sendRaw(text: string): void {
      for (const socket of streams.keys()) socket.send(text);
    },
    /** Cuts every open stream, as a network drop or a restart of the streaming server would. */
    dropStreams(): void {
      for (const socket of streams.keys()) socket.terminate();
    },
    refuseStreams(refuse: boolean): void {
      refusingStreams = refuse;
    },
    /** Spends the rate-limit window: every request gets a 429 until `ms` from now. */
    exhaustRateLimit(ms: number): number {
      Object.assign(rate, { remaining: 0, resetAt: Date.now() + ms });
      return rate.resetAt;
    },
    /** The next requests answer these HTTP statuses. */
    failNext(...statuses: number[]): void {
      failures = [...failures, ...statuses];
    },
    timelineRequests: () => requests.filter((request) => request.path.startsWith('/api/v1/timelines/tag/')),
    openStreams: () => streams.size,
    /** TCP connections still open, HTTP or websocket. */
    openConnections: () => sockets.size,
    async close(): Promise<void> {
      for (const socket of streams.keys()) socket.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export type FakeMastodon = Awaited<ReturnType<typeof startMastodon>>;

function compare(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}
