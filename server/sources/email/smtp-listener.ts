/**
 * SMTP listeners shared by host and port. Events that configure the same host:port share one listener: RCPT TO is
 * routed to the event owning the address, and every other address is refused (the server never relays, and asks
 * nobody to authenticate). A listener opens with its first event and closes with its last. A message is answered
 * only once every event it was for has committed it (or turned it down), so a 250 means it is on disk.
 */
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Logger } from '../../log.js';

/** What one event did with a message. */
export type Delivery = { kind: 'accepted'; note: string } | { kind: 'unreadable'; why: string };

/** One event's share of a listener. */
export interface SmtpMember {
  event: string;
  /** Lower-case addresses the event receives. */
  addresses: readonly string[];
  maxBytes: number;
  tls?: { certFile: string; keyFile: string } | undefined;
  /** Parses and submits one message for this event; rejects only for trouble on our side (answered 451). */
  deliver(message: Buffer, envelopeFrom: string): Promise<Delivery>;
}

export interface Membership {
  /** The port actually listened on (the configured one, or the one the system chose for port 0). */
  port: number;
  leave(): Promise<void>;
}

/** Waiting for clients still sending when the listener closes: enough to finish a message, not to stall a stop. */
const CLOSE_GRACE_MS = 3_000;

interface Listener {
  server: SMTPServer;
  members: Set<SmtpMember>;
  tlsKey: string;
  ready: Promise<number>;
}

const listeners = new Map<string, Listener>();
let anonymous = 0;

/** Whether this process listens on host:port already (a source's Test then talks to it instead of binding). */
export function isListening(host: string, port: number): boolean {
  return listeners.has(`${host}:${port}`);
}

/** An error in SMTP terms: smtp-server answers with `responseCode` and the message. */
function smtpError(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * Adds `member` to the listener on host:port, opening it if needed. Rejects (with a message for moderators) when
 * the port cannot be opened, when another event on it uses other TLS files, or already owns one of the addresses.
 */
export async function joinListener(host: string, port: number, member: SmtpMember, log: Logger): Promise<Membership> {
  // Port 0 means "any free port": such a listener is the member's own, never shared.
  const key = port === 0 ? `${host}:0#${++anonymous}` : `${host}:${port}`;
  const tlsKey = member.tls ? `${member.tls.certFile}\n${member.tls.keyFile}` : '';
  let listener = listeners.get(key);
  if (listener) checkCompatible(listener, member, tlsKey, `${host}:${port}`);
  else {
    listener = openListener(host, port, member, tlsKey, log);
    listeners.set(key, listener);
  }
  listener.members.add(member);
  setSize(listener);
  const joined = listener;
  try {
    const actualPort = await joined.ready;
    return { port: actualPort, leave: () => leaveListener(key, joined, member) };
  } catch (error) {
    joined.members.delete(member);
    if (listeners.get(key) === joined) listeners.delete(key);
    throw error;
  }
}

function checkCompatible(listener: Listener, member: SmtpMember, tlsKey: string, where: string): void {
  const others = [...listener.members];
  if (listener.tlsKey !== tlsKey) {
    throw new Error(`${where} is shared with event "${others[0]?.event}", which uses other TLS certificate settings`);
  }
  for (const other of others) {
    const taken = member.addresses.find((address) => other.addresses.includes(address));
    if (taken) throw new Error(`${taken} is already received by event "${other.event}" on ${where}`);
  }
}

async function leaveListener(key: string, listener: Listener, member: SmtpMember): Promise<void> {
  listener.members.delete(member);
  if (listener.members.size > 0) return setSize(listener);
  if (listeners.get(key) === listener) listeners.delete(key);
  await new Promise<void>((resolve) => listener.server.close(() => resolve()));
}

/** SIZE is advertised per listener: the largest limit of its events (each event's own is checked after DATA). */
function setSize(listener: Listener): void {
  listener.server.options.size = Math.max(0, ...[...listener.members].map((m) => m.maxBytes));
}

function openListener(host: string, port: number, first: SmtpMember, tlsKey: string, log: Logger): Listener {
  const members = new Set<SmtpMember>();
  const server = new SMTPServer({
    banner: 'Murmure event wall: mail to this event only',
    size: first.maxBytes,
    authOptional: true,
    // No AUTH at all: nobody can log in to relay. STARTTLS only with a certificate of the organiser's.
    disabledCommands: first.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    closeTimeout: CLOSE_GRACE_MS,
    hideENHANCEDSTATUSCODES: false,
    onRcptTo(address, _session, callback) {
      const wanted = address.address.toLowerCase();
      if (ownerOf(members, wanted)) return callback();
      callback(smtpError(550, refusal(members, wanted)));
    },
    onData(stream, session, callback) {
      receive(stream, session, members, log).then(
        (answer) => callback(null, answer),
        (error: Error) => callback(error),
      );
    },
  });
  // Connection-level trouble (a client resetting, a failed TLS handshake) is the client's; never crash on it.
  server.on('error', (error) => log.debug({ err: error.message }, 'smtp: connection error'));
  const ready = loadTls(first, server).then(() => listen(server, host, port));
  return { server, members, tlsKey, ready };
}

async function loadTls(member: SmtpMember, server: SMTPServer): Promise<void> {
  if (!member.tls) return;
  const read = (file: string, what: string) =>
    readFile(file).catch((error: NodeJS.ErrnoException) => {
      throw new Error(`cannot read the TLS ${what} ${file} (${error.code ?? error.message})`);
    });
  const [cert, key] = await Promise.all([read(member.tls.certFile, 'certificate'), read(member.tls.keyFile, 'key')]);
  server.updateSecureContext({ cert, key });
}

function listen(server: SMTPServer, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.server.off('listening', onListening);
      const why = error.code === 'EADDRINUSE' ? 'the port is already in use' : (error.code ?? error.message);
      reject(new Error(`cannot receive mail on ${host}:${port}: ${why}`));
    };
    const onListening = () => {
      server.server.off('error', onError);
      resolve((server.server.address() as AddressInfo).port);
    };
    server.server.once('error', onError);
    server.server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** Why RCPT TO is refused: an unknown mailbox of one of our domains, or any other domain (a relay attempt). */
function refusal(members: Set<SmtpMember>, address: string): string {
  const domain = address.slice(address.lastIndexOf('@'));
  const ours = [...members].some((member) => member.addresses.some((own) => own.endsWith(domain)));
  return ours
    ? `No such mailbox: <${address}> is not an address of this event wall`
    : `Relaying denied: this server only receives mail for its event wall addresses, not <${address}>`;
}

function ownerOf(members: Set<SmtpMember>, address: string): SmtpMember | undefined {
  return [...members].find((member) => member.addresses.includes(address));
}

/** Reads the message (up to the largest limit), then hands it to each event it is addressed to. */
async function receive(
  stream: SMTPServerDataStream,
  session: SMTPServerSession,
  members: Set<SmtpMember>,
  log: Logger,
): Promise<string> {
  const message = await readStream(stream);
  if (stream.sizeExceeded) throw smtpError(552, 'Message too large for this event wall');
  const recipients = new Set(session.envelope.rcptTo.map((rcpt) => ownerOf(members, rcpt.address.toLowerCase())));
  const targets = [...recipients].filter((member): member is SmtpMember => member !== undefined);
  // The event stopped between RCPT and DATA: the sender's server will try again later.
  if (targets.length === 0) throw smtpError(451, 'This event wall is not receiving mail right now, try again later');
  const fitting = targets.filter((member) => message.length <= member.maxBytes);
  if (fitting.length === 0) throw smtpError(552, 'Message too large for this event wall');
  const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
  const results = await Promise.allSettled(fitting.map((member) => member.deliver(message, envelopeFrom)));
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) {
    log.error({ err: String(failed.reason) }, 'smtp: a message could not be stored; the sender will retry');
    throw smtpError(451, 'Temporary failure while storing the message, try again later');
  }
  const deliveries = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const unreadable = deliveries.find((delivery) => delivery.kind === 'unreadable');
  if (unreadable?.kind === 'unreadable' && deliveries.every((delivery) => delivery.kind === 'unreadable')) {
    throw smtpError(554, `Message refused: ${unreadable.why}`);
  }
  return deliveries.map((delivery) => (delivery.kind === 'accepted' ? delivery.note : '')).find(Boolean) ?? 'OK';
}

/** Collects the DATA stream; past the size limit bytes are counted but not kept (smtp-server flags the stream). */
function readStream(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => {
      if (!stream.sizeExceeded) chunks.push(chunk);
    });
    stream.once('end', () => resolve(Buffer.concat(chunks)));
    stream.once('error', reject);
  });
}
