/**
 * Clients of a cluster as the room has them: walls that reconnect the way the wall app does (its own delay table,
 * long-polling first with the front's cookie, then the websocket) and phones that post the web form through the
 * front, each from its own address, and post again with the same Idempotency-Key until they get an answer.
 */
import { request } from 'node:http';
import { io } from 'socket.io-client';
import type { Item, PublicItem } from '../../../server/protocol/items.js';
import type { QueueSnapshot, WallSnapshot } from '../../../server/protocol/socket.js';
import type { SubmissionResponse } from '../../../server/protocol/api.js';
import { reconnectDelay } from '../../../wall/lib/retry.js';
import type { WallSocket } from '../helpers/clients.js';
import type { ModeratorClient } from '../helpers/moderation.js';

export interface ClusterWall {
  readonly connected: boolean;
  /** When each snapshot came, and the items it showed (ids, newest first). */
  snapshots: { at: number; ids: number[] }[];
  /** When each connection dropped. */
  drops: number[];
  /** What the wall shows now: its last snapshot, with what was shown and hidden since. */
  ids(): number[];
  close(): void;
}

export function openWall(url: string, event: string): ClusterWall {
  // The cookie jar (withCredentials) keeps the front's cookie, so every polling request reaches the same node.
  const socket: WallSocket = io(`${url}/wall`, {
    auth: { event },
    reconnection: false,
    forceNew: true,
    withCredentials: true,
    timeout: 10_000,
  });
  let attempt = 0;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let ids: number[] = [];
  const wall: ClusterWall = {
    get connected() {
      return socket.connected;
    },
    snapshots: [],
    drops: [],
    ids: () => [...ids],
    close() {
      closed = true;
      clearTimeout(timer);
      socket.disconnect();
    },
  };
  const retry = () => {
    if (closed || socket.connected || timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      attempt += 1;
      if (!closed) socket.connect();
    }, reconnectDelay(attempt));
  };
  socket.on('connect', () => (attempt = 0));
  socket.on('disconnect', (reason) => {
    wall.drops.push(Date.now());
    if (reason !== 'io client disconnect') retry();
  });
  socket.on('connect_error', retry);
  socket.on('wall:snapshot', (snapshot: WallSnapshot) => {
    ids = snapshot.items.map((item) => item.id);
    wall.snapshots.push({ at: Date.now(), ids: [...ids] });
  });
  socket.on('item:shown', (item: PublicItem) => (ids = [item.id, ...ids.filter((id) => id !== item.id)]));
  socket.on('item:hidden', ({ id }) => (ids = ids.filter((shown) => shown !== id)));
  return wall;
}

export interface Submission {
  key: string;
  message: string;
  /** The answer that acknowledged it (2xx), or the last one. */
  status: number;
  duplicate: boolean;
  attempts: number;
  ackedAt: number;
}

/** Answers a phone retries: the front could not reach a node, or the connection dropped. */
const RETRIED = new Set([502, 503, 504]);
const RETRY_DELAYS_MS = [100, 200, 500, 1000];
const GIVE_UP_MS = 30_000;

function post(url: URL, body: Buffer, key: string, from: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        localAddress: from,
        agent: false,
        headers: { 'content-type': 'application/json', 'idempotency-key': key, 'content-length': body.length },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Posts one message until it is acknowledged (or refused for good), with the same key each time. */
export async function submitUntilAnswered(
  front: string,
  event: string,
  message: string,
  key: string,
  from = '127.0.0.1',
): Promise<Submission> {
  const url = new URL(`/api/events/${event}/submissions`, front);
  const body = Buffer.from(JSON.stringify({ name: 'Claire', message }));
  const started = Date.now();
  for (let attempts = 1; ; attempts++) {
    const answer = await post(url, body, key, from).catch(() => ({ status: 0, body: '' }));
    const retried = answer.status === 0 || RETRIED.has(answer.status);
    if (!retried || Date.now() - started > GIVE_UP_MS) {
      const parsed = answer.status < 300 ? (JSON.parse(answer.body) as SubmissionResponse) : null;
      return {
        key,
        message,
        status: answer.status,
        duplicate: parsed?.duplicate ?? false,
        attempts,
        ackedAt: Date.now(),
      };
    }
    const delay = RETRY_DELAYS_MS[Math.min(attempts - 1, RETRY_DELAYS_MS.length - 1)]!;
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

export interface BurstOptions {
  /** Posts in flight at once. */
  concurrency: number;
  /** Told of each acknowledged submission, in order. */
  onAnswer?: (submission: Submission, answered: number) => void;
}

/** Phones of a room: 127.0.0.11, .12, ... (the whole of 127/8 is this machine), each posting its share. */
const PHONES = ['127.0.0.11', '127.0.0.12', '127.0.0.13', '127.0.0.14', '127.0.0.15'];

export interface Post {
  message: string;
  /** Its Idempotency-Key: the same on every retry, and on a replay. */
  key: string;
}

/** Numbered messages, each with its own key. */
export const numbered = (prefix: string, count: number): Post[] =>
  Array.from({ length: count }, (_, n) => ({ message: `${prefix} ${n + 1}`, key: `${prefix}-${n + 1}-key` }));

/** Every post through the front, `concurrency` at a time. */
export async function burst(front: string, event: string, posts: Post[], options: BurstOptions) {
  const results: Submission[] = [];
  let next = 0;
  const phone = async () => {
    while (next < posts.length) {
      const index = next++;
      const { message, key } = posts[index]!;
      const result = await submitUntilAnswered(front, event, message, key, PHONES[index % PHONES.length]);
      results.push(result);
      options.onAnswer?.(result, results.length);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, phone));
  return results;
}

/** Every item of the event in `status`, read page by page through a console. */
export async function allItems(moderator: ModeratorClient, event: string, status: Item['status']): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | undefined;
  do {
    const page = await moderator.ok<QueueSnapshot>('queue:snapshot', { event, status, limit: 500, cursor });
    items.push(...page.items);
    cursor = page.next ?? undefined;
  } while (cursor);
  return items;
}

/** How many times each value occurs. */
export function tally(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}
