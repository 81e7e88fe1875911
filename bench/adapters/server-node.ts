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
   * PostgreSQL: `pool` gives the adapter a pg pool of pg's default 10 connections, as its README does; `serial`
   * gives it its LISTEN connection apart and one connection for everything it sends (see `serialConnections`).
   */
  connections?: 'pool' | 'serial';
}

/**
 * What the PostgreSQL adapter takes for a pool (it calls only `connect` and `query`), made of one LISTEN client of
 * its own and a pool of one connection for its queries, for two reasons measured here:
 * - with a pool of several connections, concurrent broadcasts NOTIFY on different connections and reach the other
 *   nodes, and the node's own clients (it broadcasts locally once its NOTIFY is done), in another order;
 * - the adapter never releases its LISTEN client when the connection drops and takes a new one from the pool:
 *   each drop costs a pooled connection for good, and once they are gone every broadcast waits forever. It also
 *   sets no 'error' listener on that client, so without one here a dropped connection ends the process.
 */
export function serialConnections(url: string, onError: (error: Error) => void): pg.Pool {
  const queries = new pg.Pool({ connectionString: url, max: 1 });
  queries.on('error', onError);
  const adapterPool = {
    query: queries.query.bind(queries),
    async connect() {
      const listener = new pg.Client({ connectionString: url });
      listener.on('error', onError);
      await listener.connect();
      return Object.assign(listener, { release: () => void listener.end() });
    },
  };
  // Its type asks for a whole pg.Pool, of which it uses these two methods.
  return adapterPool as unknown as pg.Pool;
}

/** A request one node sends the others to know they hear it (answered by each other node). */
const PING = 'bench:ping';

async function adapterFor(choice: AdapterChoice, url: string): Promise<ServerOptions['adapter']> {
  if (choice.kind === 'postgres') {
    const logError = (error: Error) => console.error(`[bench node] PostgreSQL: ${error.message}`);
    const pool =
      choice.connections === 'serial' ? serialConnections(url, logError) : new pg.Pool({ connectionString: url });
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
