/**
 * Migrations after version 9, one set for both engines: each is written once on the query layer (or with the
 * engine's own words where the engines differ), runs once, in the transaction that records its version.
 * Versions 1–9 are SQLite's history (migrations/); PostgreSQL starts at version 9 (postgres-schema.ts).
 */
import type { Kysely, Transaction } from 'kysely';
import type { EngineKind } from './open.js';
import type { Tables } from './tables.js';
import { CLUSTER_TABLES } from './migration-010-cluster.js';

export interface LaterMigration {
  version: number;
  name: string;
  up(db: Kysely<Tables> | Transaction<Tables>, engine: EngineKind): Promise<void>;
}

export const LATER_MIGRATIONS: readonly LaterMigration[] = [CLUSTER_TABLES];

/** The schema version of a database opened today, on either engine. */
export const SCHEMA_VERSION = LATER_MIGRATIONS.at(-1)?.version ?? 9;
