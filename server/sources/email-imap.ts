/**
 * An IMAP mailbox as a source (imapflow): connect, read what arrived since last time (email/imap-sync.ts), then
 * wait with IDLE, or poll every `pollSeconds` where the server has no IDLE (or `idle: false`); a poll also runs
 * while idling, as a safety net for servers that drop IDLE quietly. A lost connection is retried from the
 * reconnect delay table, with jitter. The password or token never reaches a log line or a status.
 */
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { SourceConfig } from '../config/sources.js';
import { ensureFolder, syncMailbox } from './email/imap-sync.js';
import { Backoff, describeError, RECONNECT_DELAYS, sleep } from './retry.js';
import type { Source, SourceContext, SourceProblem, SourceState } from './source.js';
import { failure, problemOf } from './problem.js';

type ImapConfig = Extract<SourceConfig, { kind: 'email-imap' }>;

/** How long a stop waits for a polite LOGOUT before cutting the connection. */
const LOGOUT_GRACE_MS = 2_000;
const CONNECT_TIMEOUT_MS = 30_000;

/** Creates the IMAP source for one event. */
export function createImapSource(config: ImapConfig): Source {
  return { run: (ctx) => runImap(config, ctx) };
}

async function runImap(config: ImapConfig, ctx: SourceContext): Promise<void> {
  const backoff = new Backoff(RECONNECT_DELAYS);
  while (!ctx.signal.aborted) {
    ctx.setState('connecting', { detail: where(config) });
    try {
      await session(config, ctx, () => backoff.reset());
    } catch (error) {
      if (ctx.signal.aborted) break;
      const lastError = explain(error, config);
      ctx.log.warn({ err: lastError }, 'imap: connection failed');
      ctx.setState('failing', {
        ...failure(lastError, { problem: problemOfImap(error, config) }),
        detail: where(config),
      });
    }
    await sleep(backoff.next(), ctx.signal);
  }
}

function where(config: ImapConfig): string {
  return `${config.mailbox} on ${config.host}:${config.port}`;
}

/** How to reach and log in to the mailbox (the console's Test button connects the same way). */
export function clientOptions(config: ImapConfig): ImapFlowOptions {
  return {
    host: config.host,
    port: config.port,
    secure: config.secure,
    auth: config.accessToken
      ? { user: config.user, accessToken: config.accessToken }
      : { user: config.user, pass: config.password ?? '' },
    // imapflow logs to stdout by default, and its raw logs would carry the login exchange.
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: CONNECT_TIMEOUT_MS,
  };
}

/** One connection: returns when the source stops, throws when the connection is lost or refused. */
async function session(config: ImapConfig, ctx: SourceContext, connected: () => void): Promise<void> {
  const client = new ImapFlow(clientOptions(config));
  let lost: Error | null = null;
  // imapflow emits 'error' for socket trouble; unheard, it would crash the process.
  client.on('error', (error: Error) => (lost = error));
  // A stop while connecting or waiting on a silent server: give the current step a moment, then cut the socket.
  let cut: NodeJS.Timeout | undefined;
  const onAbort = () => (cut = setTimeout(() => client.close(), LOGOUT_GRACE_MS));
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  try {
    await client.connect();
    await client.mailboxOpen(config.mailbox).catch((error: unknown) => {
      throw new Error(`cannot open the mailbox "${config.mailbox}"${serverSays(error)}`);
    });
    if (config.moveTo) await ensureFolder(client, config.moveTo);
    connected();
    const idle = config.idle && client.capabilities.has('IDLE');
    let shown: SourceState | null = null;
    while (!ctx.signal.aborted) {
      const { skipped } = await syncMailbox(client, config, ctx);
      const state = idle ? 'live' : 'polling';
      if (state !== shown || skipped > 0) {
        const note = skipped > 0 ? `; ${skipped} message(s) left unread (too large or unreadable)` : '';
        ctx.setState(state, { detail: `${where(config)} (${idle ? 'IDLE' : `every ${config.pollSeconds} s`})${note}` });
        shown = state;
      }
      const woke = await waitForMail(client, idle, config.pollSeconds * 1000, ctx.signal);
      if (woke === 'closed') throw lost ?? new Error('the server closed the connection');
    }
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
    await disconnect(client);
    clearTimeout(cut);
  }
}

type Wake = 'mail' | 'timer' | 'closed' | 'aborted';

/** Waits for new mail (an EXISTS while idling), the poll timer, a lost connection or the stop. */
function waitForMail(client: ImapFlow, idle: boolean, ms: number, signal: AbortSignal): Promise<Wake> {
  if (!client.usable) return Promise.resolve('closed');
  return new Promise((resolve) => {
    const done = (why: Wake) => {
      clearTimeout(timer);
      client.off('exists', onExists);
      client.off('close', onClose);
      signal.removeEventListener('abort', onAbort);
      resolve(why);
    };
    const onExists = () => done('mail');
    const onClose = () => done('closed');
    const onAbort = () => done('aborted');
    const timer = setTimeout(() => done('timer'), ms);
    client.on('exists', onExists);
    client.on('close', onClose);
    signal.addEventListener('abort', onAbort, { once: true });
    // The next command (the search) ends the IDLE; a failed IDLE shows up as a 'close'.
    if (idle) client.idle().catch(() => undefined);
  });
}

/** LOGOUT when the connection still works, then make sure the socket is gone whatever happened. */
async function disconnect(client: ImapFlow): Promise<void> {
  if (client.usable) {
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, LOGOUT_GRACE_MS)));
    await Promise.race([client.logout().catch(() => undefined), grace]);
    clearTimeout(timer);
  }
  client.close();
}

/** The error in words a moderator can act on; never the password (imapflow does not put it in messages). */
function explain(error: unknown, config: ImapConfig): string {
  const failure = error as { authenticationFailed?: boolean; code?: string; responseText?: string };
  if (failure.authenticationFailed) {
    const what = config.accessToken ? 'access token' : 'user name or password';
    return `the server refused the ${what} for ${config.user}${serverSays(error)}`;
  }
  if (failure.code === 'ECONNREFUSED') return `cannot connect to ${config.host}:${config.port} (connection refused)`;
  if (failure.code === 'ENOTFOUND') return `cannot find the server ${config.host}`;
  return `${describeError(error)}${serverSays(error)}`;
}

/** What the console says of the failure: a refused login, else what the system error means. */
function problemOfImap(error: unknown, config: ImapConfig): SourceProblem {
  if ((error as { authenticationFailed?: boolean }).authenticationFailed)
    return { code: 'unauthorized', host: config.host };
  return problemOf(error, config.host);
}

/** The server's own words about a refused command, without Dovecot's timings (`(0.001 + 0.000 secs)`). */
function serverSays(error: unknown): string {
  const text = (error as { responseText?: unknown }).responseText;
  if (typeof text !== 'string' || !text.trim()) return '';
  return ` (${text.replace(/\s*\([\d.]+ \+ [\d.]+(?: \+ [\d.]+)? secs\)\.?/g, '').trim()})`;
}
