/**
 * The built-in SMTP receiver. When this process already listens on the host and port, the check talks to it as a
 * sending server would (banner, EHLO, QUIT). Otherwise it binds the port for a moment: free means the receiver will
 * start there; taken or forbidden gets the system's own words (EADDRINUSE, EACCES), and whoever holds a taken port
 * is asked for its banner, which usually names the program (Postfix, Exim…).
 */
import { access, constants } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import type { SourceConfig } from '../../config/sources.js';
import type { SourceTestResult } from '../../protocol/admin.js';
import { describeError } from '../retry.js';
import { deadline, errorWords, fact, failed, passed, type CheckDeps, type Fact, type Words } from './common.js';

type SmtpConfig = Extract<SourceConfig, { kind: 'email-smtp' }>;

/** A port taken by someone else only gets this long to say who it is. */
const PROBE_MS = 2_000;

export async function checkSmtp(config: SmtpConfig, deps: CheckDeps, signal: AbortSignal): Promise<SourceTestResult> {
  const where = `${config.host}:${config.port}`;
  const facts = directions(config);
  const tlsProblem = await unreadableTls(config);
  if (tlsProblem) {
    return failed(
      {
        en: 'The STARTTLS certificate or key cannot be read.',
        fr: 'Le certificat ou la clé STARTTLS est illisible.',
      },
      tlsProblem,
      facts,
    );
  }
  if (deps.smtpListening?.(config.host, config.port)) return greetOurs(config, facts, signal);
  if (config.port === 0) {
    return passed(
      {
        en: 'Murmure will listen on a free port chosen at start (shown in the source’s status).',
        fr: 'Murmure écoutera sur un port libre choisi au démarrage (indiqué dans l’état de la source).',
      },
      facts,
    );
  }
  const bound = await tryBind(config.host, config.port);
  if (bound === undefined) {
    return passed(
      {
        en: `${where} is free: Murmure will receive mail there while the event runs.`,
        fr: `${where} est libre\u00a0: Murmure y recevra le courrier pendant l’événement.`,
      },
      facts,
    );
  }
  return cannotListen(config, bound, facts, signal);
}

/** Talks to this process's own receiver as a sending server would. */
async function greetOurs(config: SmtpConfig, facts: Fact[], signal: AbortSignal): Promise<SourceTestResult> {
  const where = `${config.host}:${config.port}`;
  try {
    const talk = await greet(reachable(config.host), config.port, signal);
    facts.push(fact('Banner', 'Bannière', talk.banner), fact('EHLO extensions', 'Extensions EHLO', talk.extensions));
    return passed(
      { en: `Murmure is receiving mail on ${where}.`, fr: `Murmure reçoit le courrier sur ${where}.` },
      facts,
    );
  } catch (error) {
    return failed(
      {
        en: `The receiver on ${where} does not answer as it should.`,
        fr: `Le récepteur sur ${where} ne répond pas comme il devrait.`,
      },
      errorWords(error, signal),
      facts,
    );
  }
}

async function cannotListen(
  config: SmtpConfig,
  error: NodeJS.ErrnoException,
  facts: Fact[],
  signal: AbortSignal,
): Promise<SourceTestResult> {
  const where = `${config.host}:${config.port}`;
  let detail = describeError(error);
  if (error.code === 'EADDRINUSE') {
    const probe = deadline(signal, PROBE_MS);
    const holder = await greet(reachable(config.host), config.port, probe.signal).catch(() => undefined);
    probe.done();
    if (holder) detail += `; it answers: ${holder.banner}`;
    return failed(
      {
        en: `Another program already uses ${where}: stop it, or choose another port.`,
        fr: `Un autre programme utilise déjà ${where}\u00a0: arrêtez-le, ou choisissez un autre port.`,
      },
      detail,
      facts,
    );
  }
  if (error.code === 'EACCES') {
    return failed(
      {
        en: `This system does not let Murmure listen on ${where} (ports below 1024 need privileges): use 2525.`,
        fr: `Le système n’autorise pas Murmure à écouter sur ${where} (les ports sous 1024 demandent des droits)\u00a0: utilisez 2525.`,
      },
      detail,
      facts,
    );
  }
  return failed(
    { en: `Murmure cannot listen on ${where}.`, fr: `Murmure ne peut pas écouter sur ${where}.` },
    detail,
    facts,
  );
}

/** Where senders must be pointed: the domains' MX records (port 25 forwarded to ours), or a mail forward. */
function directions(config: SmtpConfig): Fact[] {
  const domains = [...new Set(config.addresses.map((address) => address.split('@')[1]!.toLowerCase()))];
  const facts = [
    fact('Addresses received', 'Adresses reçues', config.addresses.join(', ')),
    fact('Listening on', 'Écoute sur', listening(config)),
    fact(
      'Point the MX record of these domains to this server',
      'Faites pointer l’enregistrement MX de ces domaines vers ce serveur',
      domains.join(', '),
    ),
    fact(
      'Or forward mail from an existing mailbox to',
      'Ou faites suivre le courrier d’une boîte existante vers',
      config.addresses[0]!,
    ),
    fact(
      'STARTTLS',
      'STARTTLS',
      config.tls
        ? { en: 'on', fr: 'activé' }
        : { en: 'off (mail arrives in clear text)', fr: 'désactivé (le courrier arrive en clair)' },
    ),
  ];
  if (config.port !== 25 && config.port !== 0) {
    facts.splice(3, 0, fact('Forward port 25 to', 'Redirigez le port 25 vers', String(config.port)));
  }
  return facts;
}

/** `0.0.0.0:2525`; port 0 lets the system choose, which only the running source can tell. */
function listening(config: SmtpConfig): string | Words {
  if (config.port !== 0) return `${config.host}:${config.port}`;
  return { en: `${config.host}:(any free port)`, fr: `${config.host}:(un port libre au choix)` };
}

async function unreadableTls(config: SmtpConfig): Promise<string | undefined> {
  if (!config.tls) return undefined;
  for (const file of [config.tls.certFile, config.tls.keyFile]) {
    try {
      await access(file, constants.R_OK);
    } catch (error) {
      return describeError(error);
    }
  }
  return undefined;
}

/** A wildcard address is reached through the loopback of its family. */
function reachable(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::' || host === '[::]') return '::1';
  return host;
}

/** Opens and closes a listener on host:port; resolves with the system's error when it cannot. */
function tryBind(host: string, port: number): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}

interface Greeting {
  banner: string;
  extensions: string;
}

/** Connects, reads the 220 banner, says EHLO, reads the 250 reply, says QUIT; the socket is gone when it settles. */
function greet(host: string, port: number, signal: AbortSignal): Promise<Greeting> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const replies: string[][] = [];
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      if (error) return reject(error);
      const [banner = [], ehlo = []] = replies;
      resolve({
        banner: banner.join(' / '),
        extensions: ehlo
          .slice(1)
          .map((line) => line.slice(4))
          .join(', '),
      });
    };
    const onAbort = () => finish(signal.reason instanceof Error ? signal.reason : new Error('cancelled'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    socket.setEncoding('utf8');
    socket.on('error', (error) => finish(error));
    socket.on('close', () => finish(new Error('the server closed the connection')));
    socket.on(
      'data',
      replyReader((reply) => {
        replies.push(reply);
        const last = reply.at(-1) ?? '';
        if (!last.startsWith(replies.length === 1 ? '220' : '250'))
          return finish(new Error(`the server said: ${last}`));
        if (replies.length === 1) return void socket.write('EHLO murmure-check\r\n');
        socket.end('QUIT\r\n');
        finish();
      }),
    );
  });
}

/** Cuts the byte stream into SMTP replies: lines up to one whose code is followed by a space, not a dash. */
function replyReader(onReply: (lines: string[]) => void): (chunk: string) => void {
  let buffer = '';
  let lines: string[] = [];
  return (chunk) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, end).replace(/\r$/, '');
      buffer = buffer.slice(end + 1);
      lines.push(line);
      if (line[3] === '-') continue;
      const reply = lines;
      lines = [];
      onReply(reply);
    }
  };
}
