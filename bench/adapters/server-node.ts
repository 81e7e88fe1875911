/**
 * One node of a two-node cluster: the minimal socket.io server of bench/fanout/server-socketio.ts (same options,
 * same `broadcast` handler) with an adapter that carries its broadcasts to the other node. The adapter is chosen
 * by the `start` request, so every contender runs this same file.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { createClient } from 'redis';
import { Server, type ServerOptions } from 'socket.io';
import { createAdapter as createPostgresAdapter } from '@socket.io/postgres-adapter';
import { createAdapter as createRedisAdapter } from '@socket.io/redis-adapter';
import { createAdapter as createRedisStreamsAdapter } from '@socket.io/redis-streams-adapter';
import { serve } from '../lib/child.js';
import { serverStats } from '../fanout/server-stats.js';
import { ATTACHMENTS_TABLE } from './services.js';

export interface AdapterChoice {
  kind: 'postgres' | 'redis' | 'redis-streams';
  /**
   * PostgreSQL: connections of the adapter's pool (pg's default is 10). The adapter holds one for LISTEN and sends
   * each broadcast's NOTIFY on any other, so with several free ones concurrent broadcasts can commit in another
   * order than they were sent; and a node broadcasts to its own clients only once its NOTIFY is done.
   */
  poolMax?: number;
}

/** A request one node sends the others to know they hear it (answered by each other node). */
const PING = 'bench:ping';

async function adapterFor(choice: AdapterChoice, url: string): Promise<ServerOptions['adapter']> {
  if (choice.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: url, ...(choice.poolMax ? { max: choice.poolMax } : {}) });
    return createPostgresAdapter(pool, { tableName: ATTACHMENTS_TABLE });
  }
  const client = await createClient({ url }).connect();
  if (choice.kind === 'redis-streams') return createRedisStreamsAdapter(client);
  const subscriber = await client.duplicate().connect();
  return createRedisAdapter(client, subscriber);
}

let io: Server | null = null;

serve({
  async start(message) {
    const httpServer = createServer();
    const adapter = await adapterFor(message.adapter as unknown as AdapterChoice, String(message.url));
    io = new Server(httpServer, { serveClient: false, perMessageDeflate: false, adapter });
    io.on('connection', (socket) => {
      socket.on('broadcast', (payload: unknown, ack: () => void) => {
        socket.broadcast.emit('item:shown', payload);
        ack();
      });
    });
    io.on(PING, (ack: (reply: string) => void) => ack('pong'));
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    return { port: (httpServer.address() as AddressInfo).port };
  },
  /**
   * Resolves once `peers` other nodes answer a request sent through the adapter: they listen, so a broadcast
   * from here reaches them (the adapters subscribe after they are created, and learn of each other by heartbeats).
   */
  async awaitPeers(message) {
    const peers = Number(message.peers);
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      try {
        const replies: unknown[] = await io!.serverSideEmitWithAck(PING);
        if (replies.length >= peers) return { peers: replies.length };
      } catch {
        // No answer within the adapter's request timeout: not subscribed yet.
      }
      await sleep(100);
    }
    throw new Error(`fewer than ${peers} other nodes answer through the adapter after 30 s`);
  },
  ...serverStats,
});
