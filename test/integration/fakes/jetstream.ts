/**
 * A Jetstream v1 server on 127.0.0.1: `/subscribe` with `wantedCollections` and `cursor` (buffered frames with a
 * later `time_us` are replayed before the live tail, as Jetstream does), identity and account events to every
 * subscriber whatever it asked for (as Jetstream does), and the misbehaviours a source must survive: dropped
 * connections, refused handshakes, garbage frames. Frames are the recorded ones of test/fixtures/bluesky/ with fresh
 * `time_us`, DIDs, rkeys and texts.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../fixtures/bluesky/${name}`, import.meta.url), 'utf8')) as JetstreamFrame;

const POST = fixture('jetstream-post-with-tags.json');
const IMAGES = fixture('jetstream-post-with-images-and-tags.json');
const DELETE = fixture('jetstream-post-delete.json');
const IDENTITY = fixture('jetstream-identity.json');
const ACCOUNT = fixture('jetstream-account.json');

export interface JetstreamFrame {
  did: string;
  time_us: number;
  kind: string;
  commit?: { operation: string; collection: string; rkey: string; record?: Record<string, unknown> };
  [key: string]: unknown;
}

export interface PostOptions {
  did?: string;
  rkey?: string;
  /** `#words` get tag facets with UTF-8 byte offsets, as the Bluesky app writes them. */
  text: string;
  /** Facets are left out (a client that writes none: the text alone carries the hashtag). */
  noFacets?: boolean;
  tags?: string[];
  embed?: Record<string, unknown>;
  reply?: { parent: string; root?: string };
  /** One image (the recorded images embed, with its CID). */
  withImage?: boolean;
  operation?: 'create' | 'update';
}

export interface FakeJetstream {
  /** `ws://127.0.0.1:port/subscribe` */
  url: string;
  /** Connected subscribers. */
  readonly clients: number;
  /** The request URL of every subscription so far (to read `cursor`). */
  readonly subscriptions: URL[];
  /** Frames published so far, in order. */
  readonly frames: readonly JetstreamFrame[];
  /** Publishes (buffers and sends to subscribers) a post; returns the frame. */
  post(options: PostOptions): JetstreamFrame;
  deletePost(did: string, rkey: string): JetstreamFrame;
  identity(did: string, handle: string): JetstreamFrame;
  account(did: string, active: boolean): JetstreamFrame;
  /** A like: another collection, filtered out by `wantedCollections`. */
  like(did: string, subject: string): JetstreamFrame;
  /** Sends raw text to every subscriber, unbuffered. */
  garbage(text: string): void;
  /** Cuts every connection without a close frame (as a crash or a network drop does). */
  drop(): void;
  /** Added to the clock that stamps `time_us`, to publish "in the past" (stamps still only move forward). */
  clockOffsetMs: number;
  /** The next `count` handshakes are answered with this HTTP status. */
  refuse(count: number, status: number, retryAfter?: number): void;
  close(): Promise<void>;
}

const TID_ALPHABET = '234567abcdefghijklmnopqrstuvwxyz';

/** A record key in the TID form atproto uses: 53 bits of microseconds and a 10-bit clock id, base32-sortable. */
export function tid(timeUs: number, clock = 0): string {
  let value = (BigInt(timeUs) << 10n) | BigInt(clock & 1023);
  let out = '';
  for (let i = 0; i < 13; i++) {
    out = TID_ALPHABET[Number(value & 31n)]! + out;
    value >>= 5n;
  }
  return out;
}

/** Tag facets for the `#words` of a text, with UTF-8 byte offsets. */
export function tagFacets(text: string): Record<string, unknown>[] {
  const utf8 = new TextEncoder();
  return [...text.matchAll(/#([\p{L}\p{M}\p{N}_]+)/gu)].map((match) => {
    const byteStart = utf8.encode(text.slice(0, match.index)).length;
    return {
      features: [{ $type: 'app.bsky.richtext.facet#tag', tag: match[1] }],
      index: { byteStart, byteEnd: byteStart + utf8.encode(match[0]).length },
    };
  });
}

export async function startJetstream(): Promise<FakeJetstream> {
  const frames: JetstreamFrame[] = [];
  const subscriptions: URL[] = [];
  const wanted = new Map<WebSocket, Set<string>>();
  let lastTimeUs = 0;
  let refusals: { count: number; status: number; retryAfter?: number } = { count: 0, status: 0 };
  const http = createServer((_req, res) => res.writeHead(426).end());
  const wss = new WebSocketServer({ noServer: true });

  const accepts = (frame: JetstreamFrame, collections: Set<string>) =>
    frame.kind !== 'commit' || collections.size === 0 || collections.has(frame.commit?.collection ?? '');

  http.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'ws://127.0.0.1');
    if (url.pathname !== '/subscribe') return socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
    if (refusals.count > 0) {
      refusals.count--;
      const retry = refusals.retryAfter === undefined ? '' : `Retry-After: ${refusals.retryAfter}\r\n`;
      return socket.end(`HTTP/1.1 ${refusals.status} Refused\r\n${retry}Content-Length: 0\r\n\r\n`);
    }
    subscriptions.push(url);
    wss.handleUpgrade(request, socket, head, (ws) => {
      const collections = new Set(url.searchParams.getAll('wantedCollections'));
      const cursor = Number(url.searchParams.get('cursor'));
      if (url.searchParams.has('cursor') && Number.isFinite(cursor)) {
        for (const frame of frames)
          if (frame.time_us > cursor && accepts(frame, collections)) ws.send(JSON.stringify(frame));
      }
      wanted.set(ws, collections);
      ws.on('close', () => wanted.delete(ws));
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;

  const clock = { offsetMs: 0 };
  const nowUs = () => (Date.now() + clock.offsetMs) * 1000;

  function publish(frame: JetstreamFrame): JetstreamFrame {
    lastTimeUs = Math.max(nowUs(), lastTimeUs + 1);
    const stamped = { ...frame, time_us: lastTimeUs };
    frames.push(stamped);
    const text = JSON.stringify(stamped);
    for (const [ws, collections] of wanted) if (accepts(stamped, collections)) ws.send(text);
    return stamped;
  }

  function commit(did: string, commitBody: Record<string, unknown>): JetstreamFrame {
    return publish({ ...POST, did, kind: 'commit', commit: commitBody as JetstreamFrame['commit'] });
  }

  return {
    url: `ws://127.0.0.1:${port}/subscribe`,
    get clients() {
      return wanted.size;
    },
    get clockOffsetMs() {
      return clock.offsetMs;
    },
    set clockOffsetMs(offset: number) {
      clock.offsetMs = offset;
    },
    subscriptions,
    frames,
    post(options) {
      const did = options.did ?? POST.did;
      const record: Record<string, unknown> = {
        ...POST.commit!.record,
        createdAt: new Date().toISOString(),
        text: options.text,
        facets: options.noFacets ? [] : tagFacets(options.text),
        langs: ['fr'],
      };
      if (options.tags) record.tags = options.tags;
      if (options.withImage) record.embed = IMAGES.commit!.record!.embed;
      if (options.embed) record.embed = options.embed;
      if (options.reply) {
        const parent = { uri: options.reply.parent, cid: 'bafyreiparent' };
        record.reply = { root: options.reply.root ? { uri: options.reply.root, cid: 'bafyreiroot' } : parent, parent };
      }
      const rkey = options.rkey ?? tid(Math.max(nowUs(), lastTimeUs + 1), frames.length);
      const body = { ...POST.commit, operation: options.operation ?? 'create', rkey, record };
      return commit(did, body);
    },
    deletePost: (did, rkey) => commit(did, { ...DELETE.commit, rkey }),
    identity: (did, handle) =>
      publish({ ...IDENTITY, did, identity: { ...(IDENTITY.identity as object), did, handle } }),
    account: (did, active) => publish({ ...ACCOUNT, did, account: { ...(ACCOUNT.account as object), did, active } }),
    like(did, subject) {
      const record = { $type: 'app.bsky.feed.like', createdAt: new Date().toISOString(), subject: { uri: subject } };
      return commit(did, {
        rev: 'r',
        operation: 'create',
        collection: 'app.bsky.feed.like',
        rkey: tid(nowUs()),
        record,
      });
    },
    garbage(text) {
      for (const ws of wanted.keys()) ws.send(text);
    },
    drop() {
      for (const ws of wanted.keys()) ws.terminate();
    },
    refuse(count, status, retryAfter) {
      refusals = { count, status, ...(retryAfter === undefined ? {} : { retryAfter }) };
    },
    async close() {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}
