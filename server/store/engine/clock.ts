/** The database's clock in epoch milliseconds, so nodes whose clocks differ agree on leases and windows. */
import { sql, type RawBuilder } from 'kysely';
import type { EngineKind } from './open.js';

export function databaseNowMs(engine: EngineKind): RawBuilder<number> {
  return engine === 'postgres'
    ? sql<number>`(extract(epoch from clock_timestamp()) * 1000)::bigint`
    : sql<number>`CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)`;
}
