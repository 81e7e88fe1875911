/**
 * Moderator accounts from the command line:
 *   npm run user -- add NAME [--role admin|moderator] [--password P]
 *   npm run user -- passwd NAME [--password P]
 *   npm run user -- remove NAME
 *   npm run user -- list
 * Without --password a password is generated and printed once. Works while the server runs (SQLite WAL).
 * On several nodes, add --database postgres://… (or set DATABASE_URL), as for the nodes.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/index.js';
import { openStore } from '../store/index.js';
import { generatePassword, hashPassword } from '../auth/passwords.js';
import { DATABASE_FILE } from '../app.js';

const USAGE =
  'Usage: npm run user -- add|passwd|remove|list [NAME] [--role admin|moderator] [--password P] [--data DIR] [--database URL]';

async function run(argv: string[]): Promise<string> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: 'string', default: 'moderator' },
      password: { type: 'string' },
      data: { type: 'string' },
      database: { type: 'string' },
      config: { type: 'string' },
    },
  });
  const [command, name] = positionals;
  const dataDir = values.data ?? process.env.MURMURE_DATA_DIR;
  const { config } = loadConfig(values.config ?? process.env.MURMURE_CONFIG, dataDir ? { dataDir } : {});
  // On several nodes the accounts are in PostgreSQL: the same --database / DATABASE_URL as the nodes'.
  const database = values.database ?? process.env.DATABASE_URL;
  const store = await openStore(database || join(resolve(config.dataDir), DATABASE_FILE));
  try {
    if (command === 'list') return (await store.moderators.list()).map((m) => `${m.name} (${m.role})`).join('\n');
    if (!name || !['add', 'passwd', 'remove'].includes(command ?? '')) throw new Error(USAGE);
    if (command === 'remove') {
      if (!(await store.moderators.remove(name))) throw new Error(`No moderator "${name}".`);
      return `Removed ${name}.`;
    }
    const password = values.password ?? generatePassword();
    const shown = values.password ? '' : `\nPassword: ${password}\n(shown once; note it now)`;
    if (command === 'add') {
      if (values.role !== 'admin' && values.role !== 'moderator') throw new Error('--role is admin or moderator.');
      if (await store.moderators.findByName(name))
        throw new Error(`"${name}" already exists; use passwd to change it.`);
      await store.moderators.add(name, await hashPassword(password), values.role);
      return `Added ${values.role} ${name}.${shown}`;
    }
    if (!(await store.moderators.setPassword(name, await hashPassword(password))))
      throw new Error(`No moderator "${name}".`);
    return `Changed the password of ${name}; their sessions are closed.${shown}`;
  } finally {
    await store.close();
  }
}

run(process.argv.slice(2)).then(
  (output) => process.stdout.write(`${output}\n`),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
