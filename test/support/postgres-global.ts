/**
 * Vitest global setup: the PostgreSQL server the tests of the PostgreSQL store use. CI starts a throw-away cluster
 * itself (.ci/run) and names it in MURMURE_TEST_POSTGRES; without it, one is started here with the same script,
 * in a temp folder, and stopped at the end. Where PostgreSQL is not installed, the PostgreSQL tests are skipped
 * with the reason (as the IMAP tests are without Dovecot) — unless MURMURE_TEST_POSTGRES was set, where a server
 * that does not answer fails them.
 */
import { freePort } from './free-port.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL of the tests' PostgreSQL server, or '' when there is none. */
    postgresUrl: string;
    /** Why there is none. */
    noPostgres: string;
  }
}

const SCRIPT = resolve(import.meta.dirname, '../../.ci/postgres-cluster');

export default async function setup(project: TestProject) {
  const given = process.env.MURMURE_TEST_POSTGRES;
  if (given) {
    project.provide('postgresUrl', given);
    project.provide('noPostgres', '');
    return;
  }
  const folder = mkdtempSync(join(tmpdir(), 'murmure-pg-'));
  let url: string;
  try {
    url = execFileSync(SCRIPT, ['start', folder, String(await freePort())], { encoding: 'utf8' }).trim();
  } catch (error) {
    project.provide('postgresUrl', '');
    project.provide('noPostgres', `no PostgreSQL server for the tests (${(error as Error).message.split('\n')[0]})`);
    return;
  }
  project.provide('postgresUrl', url);
  project.provide('noPostgres', '');
  return () => {
    execFileSync(SCRIPT, ['stop', folder]);
  };
}
