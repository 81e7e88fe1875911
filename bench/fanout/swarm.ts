/**
 * A swarm of wall clients in one process (at most ~9,500 sockets: `ulimit -n` stops near 20,000 here). It notes
 * when each client receives each item, on the monotonic clock shared by every process of the machine.
 */
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { nowNs, serve } from '../lib/child.js';

export type ClientKind = 'socketio' | 'ws';

interface ConnectRequest {
  url: string;
  kind: ClientKind;
  /** socket.io namespace path, e.g. `/wall`; `/` for the default one. */
  namespace: string;
  auth: Record<string, string>;
  count: number;
  /** Reference instant (ns, as a decimal string): times are reported in µs after it. */
  base: string;
}

const CONNECT_BATCH = 100;
let base = 0n;
const received = new Map<number, number[]>();
const sockets: { close(): void }[] = [];

function record(id: unknown): void {
  if (typeof id !== 'number') return;
  const at = Number(nowNs() - base) / 1000;
  const times = received.get(id);
  if (times) times.push(at);
  else received.set(id, [at]);
}

function connectSocketIo(request: ConnectRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket: Socket = io(`${request.url}${request.namespace === '/' ? '' : request.namespace}`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      auth: request.auth,
    });
    socket.on('item:shown', (item: { id?: unknown }) => record(item.id));
    // A Murmure wall is ready once its snapshot arrived (the server reads it from SQLite for each new client):
    // measuring before that would charge the connection storm's tail to the first approvals.
    socket.once(request.namespace === '/wall' ? 'wall:snapshot' : 'connect', () => resolve());
    socket.once('connect_error', reject);
    sockets.push(socket);
  });
}

function connectWs(request: ConnectRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(request.url, { perMessageDeflate: false });
    socket.on('message', (data) => {
      const [, item] = JSON.parse(data.toString()) as [string, { id?: unknown }];
      record(item.id);
    });
    socket.once('open', () => resolve());
    socket.once('error', reject);
    sockets.push({ close: () => socket.terminate() });
  });
}

serve({
  async connect(message) {
    const request = message as unknown as ConnectRequest;
    base = BigInt(request.base);
    const connectOne = request.kind === 'ws' ? connectWs : connectSocketIo;
    for (let done = 0; done < request.count; done += CONNECT_BATCH) {
      const batch = Math.min(CONNECT_BATCH, request.count - done);
      await Promise.all(Array.from({ length: batch }, () => connectOne(request)));
    }
    return { connected: sockets.length };
  },
  /** How many deliveries so far (to know when every client has every item). */
  count() {
    let deliveries = 0;
    for (const times of received.values()) deliveries += times.length;
    return { deliveries };
  },
  /** Receive times per item id, in µs after `base`. */
  collect() {
    return { received: Object.fromEntries(received) };
  },
  close() {
    for (const socket of sockets) socket.close();
    sockets.length = 0;
    received.clear();
    return {};
  },
});
