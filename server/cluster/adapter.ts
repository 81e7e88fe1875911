/**
 * socket.io across nodes: on PostgreSQL, every node's broadcasts reach the clients of the others through the
 * database itself (LISTEN/NOTIFY; payloads over 8,000 bytes through a table), so several nodes need no other
 * service. The adapters are compared, Redis ones included, by `npm run bench -- --only adapters` (bench/adapters).
 */
import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import type { Server } from 'socket.io';
import type { Logger } from '../log.js';

const ATTACHMENTS = 'socket_io_attachments';

export interface ClusterAdapter {
  close(): Promise<void>;
}

/**
 * What the adapter takes for a pool (it calls only `connect`, for its LISTEN client, and `query`): a LISTEN client
 * of its own, made afresh each time, and one connection for everything it sends. Measured in bench/adapters:
 * - with a pool of several connections, concurrent broadcasts NOTIFY on different connections and reach the other
 *   nodes, and this node's own clients, in another order (an item hidden before it is shown);
 * - the adapter does not give its LISTEN client back when the connection drops and takes another: from a pool,
 *   each drop would cost a connection for good, until every broadcast waited forever.
 */
function serialConnections(url: string, onError: (error: Error) => void) {
  const queries = new pg.Pool({ connectionString: url, max: 1 });
  queries.on('error', onError);
  const connections = {
    query: queries.query.bind(queries),
    async connect() {
      const listener = new pg.Client({ connectionString: url });
      // Unheard, a dropped connection's 'error' would end the process.
      listener.on('error', onError);
      await listener.connect();
      return Object.assign(listener, { release: () => void listener.end().catch(() => undefined) });
    },
  };
  return { connections, end: () => queries.end() };
}

/** Attaches the PostgreSQL adapter to `io`. */
export async function attachPostgresAdapter(io: Server, url: string, log: Logger): Promise<ClusterAdapter> {
  let reported = false;
  // Logged once: while the database is away every heartbeat fails, and the log would fill with them.
  const onError = (error: Error) => {
    if (!reported) log.error({ err: error }, 'realtime: the other nodes cannot be reached through the database');
    reported = true;
  };
  const { connections, end } = serialConnections(url, onError);
  await connections.query(`
    CREATE TABLE IF NOT EXISTS ${ATTACHMENTS} (
      id BIGSERIAL UNIQUE,
      created_at TIMESTAMPTZ DEFAULT NOW(),
      payload BYTEA
    )`);
  io.adapter(
    // Its type asks for a whole pg.Pool, of which it uses the two methods above.
    createAdapter(connections as unknown as pg.Pool, {
      tableName: ATTACHMENTS,
      errorHandler: onError,
      // A node that stops answering is forgotten after this: its clients reconnect elsewhere.
      heartbeatInterval: 2_000,
      heartbeatTimeout: 6_000,
    }),
  );
  return { close: end };
}
