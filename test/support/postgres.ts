/**
 * A fresh PostgreSQL database per test file (or per test), on the tests' server (postgres-global.ts): each gets
 * its own, so files run in parallel and nothing leaks between them. Dropped when done.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

export const postgresUrl = inject('postgresUrl');
export const hasPostgres = postgresUrl !== '';
export const NO_POSTGRES = inject('noPostgres');

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

async function asSuperuser<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function freshPostgresDatabase(): Promise<TestDatabase> {
  if (!hasPostgres) throw new Error(NO_POSTGRES);
  const name = `murmure_${randomBytes(6).toString('hex')}`;
  await asSuperuser((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      asSuperuser((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
