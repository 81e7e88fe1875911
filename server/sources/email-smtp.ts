/**
 * The built-in SMTP receiver as a source: it listens while the event runs and closes when it stops. Mail for the
 * event's addresses is parsed, its images stored, and submitted; the sender's server gets its 250 only once the
 * item is committed. Listeners are shared by host and port (see email/smtp-listener.ts), so several events can
 * receive on one port. A port that cannot be opened is retried from the reconnect delay table.
 */
import type { SourceConfig } from '../config/sources.js';
import { readMail, UnreadableMailError } from './email/parse.js';
import { joinListener, type Delivery, type SmtpMember } from './email/smtp-listener.js';
import { Backoff, describeError, RECONNECT_DELAYS, sleep } from './retry.js';
import type { Source, SourceContext } from './source.js';
import { failure } from './problem.js';

type SmtpConfig = Extract<SourceConfig, { kind: 'email-smtp' }>;

/** Creates the SMTP source for one event. */
export function createSmtpSource(config: SmtpConfig): Source {
  return { run: (ctx) => runSmtp(config, ctx) };
}

async function runSmtp(config: SmtpConfig, ctx: SourceContext): Promise<void> {
  const member: SmtpMember = {
    event: ctx.event,
    addresses: config.addresses.map((address) => address.toLowerCase()),
    maxBytes: config.maxBytes,
    tls: config.tls,
    deliver: (message, envelopeFrom) => deliver(ctx, message, envelopeFrom),
  };
  const backoff = new Backoff(RECONNECT_DELAYS);
  while (!ctx.signal.aborted) {
    try {
      const membership = await joinListener(config.host, config.port, member, ctx.log);
      if (ctx.signal.aborted) return membership.leave();
      backoff.reset();
      const tls = config.tls ? ', STARTTLS' : '';
      ctx.setState('live', { detail: `receiving on ${config.host}:${membership.port}${tls}` });
      await aborted(ctx.signal);
      return membership.leave();
    } catch (error) {
      const lastError = describeError(error);
      ctx.log.warn({ err: lastError }, 'smtp: cannot receive mail');
      ctx.setState('failing', failure(lastError, { error }));
      await sleep(backoff.next(), ctx.signal);
    }
  }
}

function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/** One message for this event: parsed, submitted, and described in the words of the SMTP answer. */
async function deliver(ctx: SourceContext, message: Buffer, envelopeFrom: string): Promise<Delivery> {
  let payload;
  try {
    payload = await readMail(message, { envelopeFrom, saveImage: ctx.saveImage, log: ctx.log });
  } catch (error) {
    if (!(error instanceof UnreadableMailError)) throw error;
    ctx.log.warn({ err: error.message, bytes: message.length }, 'smtp: unreadable message refused');
    return { kind: 'unreadable', why: error.message };
  }
  const outcome = await ctx.submit(payload);
  switch (outcome.kind) {
    case 'stored':
      ctx.log.info({ item: outcome.item.id }, 'smtp: message received');
      return { kind: 'accepted', note: 'Message received: it will be shown after moderation' };
    case 'duplicate':
      return { kind: 'accepted', note: 'Message already received' };
    case 'ignored':
      // Accepted, not refused: a refusal would send a bounce, and answering a machine is how mail loops start.
      ctx.log.info({ why: outcome.why }, 'smtp: message ignored');
      return { kind: 'accepted', note: 'Message accepted' };
    case 'malformed':
      ctx.log.warn({ err: outcome.message }, 'smtp: unreadable message refused');
      return { kind: 'unreadable', why: outcome.message };
  }
}
