/**
 * An IMAP mailbox: log in as the source will (password or OAuth2 token), open the mailbox read-only (EXAMINE, so
 * nothing is marked \Seen by the check), count its messages and unread ones, log out. A refusal carries the
 * server's own words (`[AUTHENTICATIONFAILED] Authentication failed.`); the password never reaches a message.
 */
import { ImapFlow } from 'imapflow';
import type { SourceConfig } from '../../config/sources.js';
import type { SourceTestResult } from '../../protocol/admin.js';
import { errorWords, fact, failed, passed, type Fact } from './common.js';
import { clientOptions } from '../email-imap.js';

type ImapConfig = Extract<SourceConfig, { kind: 'email-imap' }>;

/** A polite LOGOUT gets this long before the socket is cut. */
const LOGOUT_GRACE_MS = 1_000;

/** What imapflow puts on a refused command or login. */
interface ImapFailure {
  authenticationFailed?: boolean;
  serverResponseCode?: string;
  responseText?: string;
  code?: string;
}

export async function checkImap(config: ImapConfig, signal: AbortSignal, timeoutMs: number): Promise<SourceTestResult> {
  const where = `${config.host}:${config.port}`;
  const client = new ImapFlow({
    ...clientOptions(config),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  client.on('error', () => undefined); // socket trouble also rejects the pending command, which is what we read
  const onAbort = () => client.close();
  signal.addEventListener('abort', onAbort, { once: true });
  let step: 'connect' | 'open' = 'connect';
  try {
    await client.connect();
    step = 'open';
    const mailbox = await client.mailboxOpen(config.mailbox, { readOnly: true });
    const unseen = await client.search({ seen: false }, { uid: true });
    const facts = [
      fact(
        'Server',
        'Serveur',
        client.secureConnection ? `${where} (TLS)` : { en: `${where} (no TLS)`, fr: `${where} (sans TLS)` },
      ),
      fact('Mailbox', 'Boîte', mailbox.path),
      fact('Messages', 'Messages', String(mailbox.exists)),
      fact('Unread (to be imported)', 'Non lus (à importer)', String(unseen === false ? 0 : unseen.length)),
      waitFact(config, client.capabilities.has('IDLE')),
    ];
    await logout(client);
    return passed(
      {
        en: `The mailbox ${mailbox.path} opens on ${config.host}.`,
        fr: `La boîte ${mailbox.path} s’ouvre sur ${config.host}.`,
      },
      facts,
    );
  } catch (error) {
    return refused(config, step, error, signal);
  } finally {
    signal.removeEventListener('abort', onAbort);
    client.close();
  }
}

function waitFact(config: ImapConfig, hasIdle: boolean): Fact {
  const value =
    config.idle && hasIdle
      ? { en: 'IDLE (instant)', fr: 'IDLE (immédiat)' }
      : { en: `a check every ${config.pollSeconds} s`, fr: `une vérification toutes les ${config.pollSeconds}\u00a0s` };
  return fact('New mail is noticed by', 'Le nouveau courrier est vu par', value);
}

async function logout(client: ImapFlow): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, LOGOUT_GRACE_MS)));
  await Promise.race([client.logout().catch(() => undefined), grace]);
  clearTimeout(timer);
}

function refused(config: ImapConfig, step: 'connect' | 'open', error: unknown, signal: AbortSignal): SourceTestResult {
  const failure = (error ?? {}) as ImapFailure;
  const server = serverWords(failure);
  if (failure.authenticationFailed) {
    const what = config.accessToken ? { en: 'access token', fr: 'le jeton d’accès' } : undefined;
    return failed(
      {
        en: `The server refused the ${what?.en ?? 'user name or password'} for ${config.user}.`,
        fr: `Le serveur refuse ${what?.fr ?? 'l’identifiant ou le mot de passe'} de ${config.user}.`,
      },
      server ?? errorWords(error, signal),
    );
  }
  if (step === 'open' && !signal.aborted) {
    return failed(
      {
        en: `Logged in, but the mailbox "${config.mailbox}" does not open.`,
        fr: `Connexion acceptée, mais la boîte «\u00a0${config.mailbox}\u00a0» ne s’ouvre pas.`,
      },
      server ?? errorWords(error, signal),
    );
  }
  return failed(
    {
      en: `Cannot connect to the IMAP server ${config.host}:${config.port}.`,
      fr: `Impossible de se connecter au serveur IMAP ${config.host}:${config.port}.`,
    },
    [errorWords(error, signal), server].filter(Boolean).join(': '),
  );
}

/** `[AUTHENTICATIONFAILED] Authentication failed.`, without Dovecot's timings (`(0.001 + 0.000 secs)`). */
function serverWords(failure: ImapFailure): string | undefined {
  const said = failure.responseText?.replace(/\s*\([\d.]+ \+ [\d.]+(?: \+ [\d.]+)? secs\)\.?/g, '').trim();
  if (!said) return undefined;
  const code = failure.serverResponseCode;
  return code && !said.includes(code) ? `[${code}] ${said}` : said;
}
