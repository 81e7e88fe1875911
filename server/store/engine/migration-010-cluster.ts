/**
 * Version 10: what several nodes share through the database.
 * - `leases`: work done once per cluster (pull sources, timed jobs) runs on the node holding its lease; the
 *   token grows at every change of holder, so a node that lost its lease can tell (fencing).
 * - `rate_windows`: counters of fixed windows (sign-in attempts, web-form and SMS limits), so a limit holds for the
 *   cluster rather than per node.
 * - `uploads`: photos people sent, so every node serves them without a shared disk.
 */
import { sql } from 'kysely';
import type { LaterMigration } from './later-migrations.js';

export const CLUSTER_TABLES: LaterMigration = {
  version: 10,
  name: 'leases, shared rate windows and uploaded photos',
  async up(db, engine) {
    const bytes = engine === 'postgres' ? 'BYTEA' : 'BLOB';
    const time = engine === 'postgres' ? 'BIGINT' : 'INTEGER';
    await sql
      .raw(
        `CREATE TABLE leases (
          name TEXT PRIMARY KEY,
          holder TEXT NOT NULL,
          token ${time} NOT NULL,
          expires_at ${time} NOT NULL
        )`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TABLE rate_windows (
          key TEXT PRIMARY KEY,
          count INTEGER NOT NULL,
          ends_at ${time} NOT NULL
        )`,
      )
      .execute(db);
    await sql.raw('CREATE INDEX rate_windows_by_end ON rate_windows (ends_at)').execute(db);
    await sql
      .raw(
        `CREATE TABLE uploads (
          name TEXT PRIMARY KEY,
          content_type TEXT NOT NULL,
          data ${bytes} NOT NULL,
          created_at ${time} NOT NULL
        )`,
      )
      .execute(db);
  },
};
