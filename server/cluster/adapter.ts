/**
 * socket.io across nodes: on PostgreSQL, every node's broadcasts reach the clients of the others through the
 * database itself (LISTEN/NOTIFY; payloads over 8,000 bytes through a table), so several nodes need no other
 * service. The choice against Redis was measured: bench/RESULTS.md, "Socket.io adapters across two nodes".
 */
import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import type { Server } from 'socket.io';
import type { Logger } from '../log.js';

const ATTACHMENTS = 'socket_io_attachments';

export interface ClusterAdapter {
  close(): Promise<void>;
}

/** Attaches the PostgreSQL adapter to `io`; its own small pool, since a listening connection stays taken. */
export async function attachPostgresAdapter(io: Server, url: string, log: Logger): Promise<ClusterAdapter> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // A lost idle connection is the pool's to replace; unheard, its 'error' would crash the process.
  pool.on('error', (error) => log.warn({ err: error }, 'realtime: a database connection was lost'));
  await pool.query(`
    CREATE TABLE IF NOT EXISTS ${ATTACHMENTS} (
      id BIGSERIAL UNIQUE,
      created_at TIMESTAMPTZ DEFAULT NOW(),
      payload BYTEA
    )`);
  let reported = false;
  io.adapter(
    createAdapter(pool, {
      tableName: ATTACHMENTS,
      // Logged once: while the database is away every heartbeat fails, and the log would fill with them.
      errorHandler: (error) => {
        if (!reported) log.error({ err: error }, 'realtime: the other nodes cannot be reached through the database');
        reported = true;
      },
      // A node that stops answering is forgotten after this: its clients reconnect elsewhere.
      heartbeatInterval: 2_000,
      heartbeatTimeout: 6_000,
    }),
  );
  return { close: () => pool.end() };
}
