/**
 * Entry point: read flags and configuration, create the app, listen. SIGTERM and SIGINT stop it cleanly
 * (sources, sockets, then the database), so a restart loses nothing.
 */
import type { AddressInfo } from 'node:net';
import { loadConfig, ConfigError } from './config/index.js';
import { createLogger } from './log.js';
import { createApp } from './app.js';
import type { FirstStart } from './auth/bootstrap.js';
import { HELP, parseCli, UsageError } from './cli/args.js';
import { MissingKeyError } from './security/server-keys.js';
import { withoutPassword } from './store/engine/open.js';
import { lanAddresses } from './network/lan-addresses.js';
import type { PublicAddress } from './events/public-address.js';

async function main(): Promise<number | null> {
  const cli = parseCli(process.argv.slice(2), process.env);
  if (cli.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const { config, file, declarations } = loadConfig(cli.configFile, {
    ...(cli.port !== undefined ? { port: cli.port } : {}),
    ...(cli.dataDir ? { dataDir: cli.dataDir } : {}),
    ...(cli.publicUrl ? { publicUrl: cli.publicUrl } : {}),
    demo: cli.demo,
  });
  const log = createLogger({ level: cli.logLevel, pretty: process.stdout.isTTY });
  const app = await createApp(config, {
    log,
    declarations,
    ...(cli.database ? { database: cli.database } : {}),
    ...(process.env.MURMURE_ADMIN_PASSWORD ? { adminPassword: process.env.MURMURE_ADMIN_PASSWORD } : {}),
  });
  const firstStart = await app.start();
  await new Promise<void>((resolve, reject) => {
    app.httpServer.once('error', reject);
    app.httpServer.listen(config.port, cli.host ?? config.host, resolve);
  });
  const { port } = app.httpServer.address() as AddressInfo;
  announce(port, file, app.events.slugs(), firstStart, app.publicAddress.current());
  log.info({ port, config: file ?? 'built-in demo' }, 'listening');
  if (firstStart.setupToken) log.warn('no admin account yet: open the set-up link printed above');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'unclean stop');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  return null;
}

function announce(
  port: number,
  file: string | null,
  slugs: string[],
  { admin, setupToken }: FirstStart,
  address: PublicAddress | null,
): void {
  const base = `http://localhost:${port}`;
  const publicUrl = address?.url;
  const lines = [
    '',
    `  Murmure is running (${file ? `config: ${file}` : 'built-in demo configuration'})`,
    `  Wall:        ${base}/`,
    ...slugs.map((slug) => `  ${slug.padEnd(12)} wall ${base}/w/${slug}   web view ${base}/e/${slug}`),
    ...(slugs.length === 0 ? ['  No live event yet: an admin creates one in the console (Events).'] : []),
    `  Moderation:  ${base}/moderation`,
    '',
    ...addressLines(port, address),
  ];
  if (setupToken) {
    // The token travels in the fragment, which browsers never send: it stays out of access logs and proxies.
    const setupBase = (publicUrl ?? base).replace(/\/+$/, '');
    lines.push(
      '',
      `  First start: no admin account yet. Open the set-up page to choose the admin password and language:`,
      `    ${setupBase}/moderation/setup#token=${setupToken}`,
      `  Set-up token: ${setupToken}`,
      `  It works once, and only until the next restart (each start prints a new one until set-up is done).`,
      `  Automation can skip this page: start with MURMURE_ADMIN_PASSWORD set.`,
    );
  } else if (admin) {
    lines.push('', `  First start: admin account "${admin.name}" created with MURMURE_ADMIN_PASSWORD.`);
  }
  process.stdout.write(lines.join('\n') + '\n\n');
}

/** Where phones will be sent, or a plain warning that they cannot be, with the addresses that would work. */
function addressLines(port: number, address: PublicAddress | null): string[] {
  if (address && address.kind !== 'loopback') {
    const where = address.source === 'config' ? 'configuration' : 'chosen in the console';
    const reach = address.kind === 'local' ? ' (reachable on the local network only)' : '';
    return [`  Public address (${where}): ${address.url}${reach}`];
  }
  const lan = lanAddresses(port).map((candidate) => `    ${candidate.url}   (${candidate.interface})`);
  return [
    address ? `  Public address: ${address.url} is this machine only.` : '  No public address set yet.',
    '  Phones cannot reach "localhost": QR codes and links for the room need the address people can reach.',
    '  Set it in the console (Events › Public address), or start with --public-url.',
    ...(lan.length > 0 ? ['  This machine on the local network:', ...lan] : []),
  ];
}

/** What went wrong reaching a PostgreSQL server, in words an organiser can act on (pg's codes and SQLSTATEs). */
function databaseProblem(error: unknown): string | null {
  const { code } = (error ?? {}) as { code?: string };
  const where = withoutPassword(process.env.DATABASE_URL ?? argValue('--database') ?? '');
  if (code === 'ECONNREFUSED') return `nothing answers at ${where} (is PostgreSQL running there?)`;
  if (code === 'ENOTFOUND') return `cannot find the database server of ${where}`;
  if (code === '28P01' || code === '28000') return `the database server refused the user or password of ${where}`;
  if (code === '3D000') return `the database of ${where} does not exist: create it first (createdb)`;
  return null;
}

function argValue(flag: string): string | undefined {
  const at = process.argv.indexOf(flag);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

main().then(
  (code) => {
    if (code !== null) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof UsageError || error instanceof MissingKeyError) {
      process.stderr.write(`${error.message}\n`);
    } else if (databaseProblem(error)) {
      process.stderr.write(`Murmure could not start: ${databaseProblem(error)}\n`);
    } else {
      process.stderr.write(
        `Murmure could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
    process.exit(1);
  },
);
