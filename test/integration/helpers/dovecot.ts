/**
 * A real Dovecot IMAP server for the IMAP tests: its own config in a temp folder, listening on 127.0.0.1 on a free
 * port, one user with a password (and, when asked, OAuth2 tokens checked against a local introspection endpoint),
 * maildir storage, no TLS. Mail is delivered with `doveadm save`, as a local delivery agent would.
 * Dovecot refuses to run its login processes as root: under root they run as `nobody`, who then owns the mail.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export const DOVECOT_BINARY = '/usr/sbin/dovecot';
/** CI installs Debian's `dovecot-imapd`; without it the IMAP tests are skipped with this reason. */
export const hasDovecot = existsSync(DOVECOT_BINARY);
export const NO_DOVECOT = `${DOVECOT_BINARY} is absent: install the Debian package dovecot-imapd to run the IMAP tests`;

export const IMAP_USER = 'wall';
export const IMAP_PASSWORD = 'dovecot-test-password';

export interface DovecotOptions {
  /** An OAuth2 token introspection URL (RFC 7662, POST): enables XOAUTH2 and OAUTHBEARER logins. */
  oauthIntrospectionUrl?: string;
}

export interface Dovecot {
  host: string;
  port: number;
  /** Delivers a raw message into `mailbox` (created if missing); resolves once it is stored. */
  deliver(message: string | Buffer, mailbox?: string): Promise<void>;
  /** Runs doveadm against this server; resolves with its output. */
  doveadm(args: string[], input?: string | Buffer): Promise<string>;
  /** How many IMAP sessions the user has open. */
  sessions(): Promise<number>;
  /** Disconnects every session of the user, as a server restart or a network cut would. */
  kick(): Promise<void>;
  /** Dovecot's own log, to show what happened when a test fails. */
  log(): string;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The system account Dovecot's processes and mail belong to. */
function account(): { user: string; uid: number; gid: number } {
  const me = userInfo();
  if (me.uid !== 0) return { user: me.username, uid: me.uid, gid: process.getgid?.() ?? me.gid };
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('nobody:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  return { user: 'nobody', uid: Number(uid ?? 65534), gid: Number(gid ?? 65534) };
}

function config(dir: string, port: number, options: DovecotOptions): string {
  const { user, uid, gid } = account();
  const oauth = options.oauthIntrospectionUrl;
  return `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login${oauth ? ' xoauth2 oauthbearer' : ''}
default_internal_user = ${user}
default_internal_group = nogroup
default_login_user = ${user}
first_valid_uid = 1
# Tests check refused logins: no need to slow the answer down as a real server should.
auth_failure_delay = 0 secs
mail_location = maildir:${dir}/mail/%u
mailbox_idle_check_interval = 1 secs
passdb {
  driver = passwd-file
  args = ${dir}/passwd
}
${oauth ? `passdb {\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = ${dir}/oauth2.conf.ext\n}` : ''}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${dir}/home/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
`;
}

function waitForPort(port: number, child: ChildProcess, dir: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`dovecot exited: ${logOf(dir)}`));
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`dovecot did not listen: ${logOf(dir)}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

function logOf(dir: string): string {
  const file = join(dir, 'dovecot.log');
  return existsSync(file) ? readFileSync(file, 'utf8') : '(no log)';
}

export async function startDovecot(options: DovecotOptions = {}): Promise<Dovecot> {
  const dir = mkdtempSync(join(tmpdir(), 'murmure-dovecot-'));
  chmodSync(dir, 0o755); // the mail user (nobody, under root) must reach its maildir
  const { uid, gid } = account();
  for (const sub of ['run', 'state', 'mail', 'home']) mkdirSync(join(dir, sub));
  for (const sub of ['mail', 'home']) chownSync(join(dir, sub), uid, gid);
  writeFileSync(join(dir, 'passwd'), `${IMAP_USER}:{PLAIN}${IMAP_PASSWORD}::::::\n`);
  if (options.oauthIntrospectionUrl) {
    writeFileSync(
      join(dir, 'oauth2.conf.ext'),
      `introspection_mode = post\nintrospection_url = ${options.oauthIntrospectionUrl}\nusername_attribute = username\nactive_attribute = active\nactive_value = true\n`,
    );
  }
  const port = await freePort();
  const confFile = join(dir, 'dovecot.conf');
  writeFileSync(confFile, config(dir, port, options));
  const child = spawn(DOVECOT_BINARY, ['-F', '-c', confFile], { stdio: 'ignore' });
  await waitForPort(port, child, dir);

  const doveadm = (args: string[], input?: string | Buffer) =>
    new Promise<string>((resolve, reject) => {
      const run = execFile('doveadm', ['-c', confFile, ...args], (error, stdout, stderr) =>
        error ? reject(new Error(`doveadm ${args[0]}: ${stderr || error.message}`)) : resolve(stdout),
      );
      run.stdin?.end(input ?? '');
    });

  return {
    host: '127.0.0.1',
    port,
    doveadm,
    async deliver(message, mailbox = 'INBOX') {
      if (mailbox !== 'INBOX') await doveadm(['mailbox', 'create', '-u', IMAP_USER, mailbox]).catch(() => undefined);
      await doveadm(['save', '-u', IMAP_USER, '-m', mailbox], message);
    },
    async sessions() {
      const out = await doveadm(['who', '-1', IMAP_USER]).catch(() => '');
      return out.split('\n').filter((line) => line.startsWith(`${IMAP_USER} `)).length;
    },
    async kick() {
      await doveadm(['kick', IMAP_USER]).catch(() => undefined);
    },
    log: () => logOf(dir),
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
