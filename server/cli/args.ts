/** Command-line flags of `npm start -- ...`; each has an environment variable twin. */
import { parseArgs } from 'node:util';

export const HELP = `Murmure: live event wall

Usage: npm start -- [options]

Options:
  --port <n>          Port to listen on (env PORT; default 8080, or the config file's "port")
  --host <addr>       Address to listen on (env HOST; default 0.0.0.0)
  --data <dir>        Folder for the database, media cache and key (env MURMURE_DATA_DIR; default ./data)
  --database <url>    A PostgreSQL server instead of the SQLite file in the data folder, for several nodes
                      (env DATABASE_URL; postgres://user:password@host:5432/murmure; README › Running several nodes)
  --config <file>     Configuration file, JSON or YAML (env MURMURE_CONFIG; default murmure.config.json,
                      .yaml or .yml in the current folder, else a built-in demo event)
  --public-url <url>  Address people reach this server at, for QR codes and webhooks (env MURMURE_PUBLIC_URL)
  --demo              Replay bundled sample items into the first event (env MURMURE_DEMO=1)
  --log-level <lvl>   trace, debug, info, warn or error (env LOG_LEVEL; default info)
  -h, --help          Show this help

Environment only:
  MURMURE_ADMIN_PASSWORD  Password of the "admin" account created on first start (otherwise a one-time
                          set-up link is printed, to choose it in the browser)
  MURMURE_MASTER_KEY      With --database: 64 hex characters, the same on every node (required there)
  MURMURE_SECRET_KEY      64 hex characters sealing the sources' secrets (optional: derived otherwise)
`;

export interface CliOptions {
  help: boolean;
  port?: number;
  host?: string;
  dataDir?: string;
  /** A postgres:// URL; absent: the SQLite file in the data folder. */
  database?: string;
  configFile?: string;
  publicUrl?: string;
  demo: boolean;
  logLevel: string;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseCli(argv: string[], env: NodeJS.ProcessEnv): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        database: { type: 'string' },
        config: { type: 'string' },
        'public-url': { type: 'string' },
        demo: { type: 'boolean', default: false },
        'log-level': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nRun with --help to see the options.`);
  }
  const port = values.port ?? env.PORT;
  if (port !== undefined && !/^\d{1,5}$/.test(port))
    throw new UsageError(`--port / PORT must be a number, got "${port}"`);
  const database = values.database ?? env.DATABASE_URL;
  // Only a server for now: the SQLite file is the data folder's, and a second file would split an installation.
  if (database !== undefined && database !== '' && !/^postgres(ql)?:\/\/./i.test(database))
    throw new UsageError(`--database / DATABASE_URL must be a postgres:// URL, got "${database.split('@').pop()}"`);
  return {
    help: values.help,
    ...optional('database', database),
    ...(port !== undefined ? { port: Number(port) } : {}),
    ...optional('host', values.host ?? env.HOST),
    ...optional('dataDir', values.data ?? env.MURMURE_DATA_DIR),
    ...optional('configFile', values.config ?? env.MURMURE_CONFIG),
    ...optional('publicUrl', values['public-url'] ?? env.MURMURE_PUBLIC_URL),
    demo: values.demo || env.MURMURE_DEMO === '1',
    logLevel: values['log-level'] ?? env.LOG_LEVEL ?? 'info',
  };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}
