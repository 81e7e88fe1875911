/**
 * Reading new mail from an open IMAP mailbox. The source remembers the mailbox's UIDVALIDITY and the last UID it
 * dealt with (ctx.memory), so a reconnect or a restart resumes where it stopped. A message is marked processed
 * (\Seen, or moved) only after `submit` resolved, that is after the commit: a crash in between re-reads it, and the
 * pipeline drops the copy by its Message-ID. A new UIDVALIDITY (the mailbox was rebuilt) re-reads it all, the same way.
 */
import type { ImapFlow } from 'imapflow';
import type { SourceConfig } from '../../config/sources.js';
import type { SourceContext } from '../source.js';
import { readMail, UnreadableMailError } from './parse.js';

type ImapConfig = Extract<SourceConfig, { kind: 'email-imap' }>;

/** Keys in ctx.memory, per account and mailbox (an event may read several). */
export function cursorKeys(config: Pick<ImapConfig, 'user' | 'host' | 'port' | 'mailbox'>) {
  const prefix = `imap:${config.user}@${config.host}:${config.port}/${config.mailbox}`;
  return { uidValidity: `${prefix}#uidvalidity`, lastUid: `${prefix}#lastuid` };
}

export interface SyncResult {
  /** Messages submitted and marked processed. */
  processed: number;
  /** Messages left in the mailbox (too large, unreadable). */
  skipped: number;
}

/** Reads every message above the remembered UID, oldest first; returns early when the source stops. */
export async function syncMailbox(client: ImapFlow, config: ImapConfig, ctx: SourceContext): Promise<SyncResult> {
  const keys = cursorKeys(config);
  const lastUid = checkUidValidity(client, keys, ctx);
  const found = await client.search({ uid: `${lastUid + 1}:*`, deleted: false }, { uid: true });
  // `n:*` always matches the newest message, even when its UID is below n.
  const uids = (found || []).filter((uid) => uid > lastUid).sort((a, b) => a - b);
  const result: SyncResult = { processed: 0, skipped: 0 };
  for (const uid of uids) {
    if (ctx.signal.aborted) break;
    if (await readOne(client, uid, config, ctx)) result.processed++;
    else result.skipped++;
    ctx.memory.set(keys.lastUid, String(uid));
  }
  return result;
}

/** The last UID dealt with, or 0 when the mailbox is new to us or was rebuilt (a new UIDVALIDITY). */
function checkUidValidity(client: ImapFlow, keys: ReturnType<typeof cursorKeys>, ctx: SourceContext): number {
  if (!client.mailbox) throw new Error('no mailbox is open');
  const current = String(client.mailbox.uidValidity);
  const known = ctx.memory.get(keys.uidValidity);
  if (known === current) return Number(ctx.memory.get(keys.lastUid) ?? 0);
  if (known !== undefined) {
    ctx.log.warn({ was: known, now: current }, 'imap: the mailbox was rebuilt (new UIDVALIDITY): reading it again');
  }
  ctx.memory.set(keys.uidValidity, current);
  ctx.memory.set(keys.lastUid, '0');
  return 0;
}

/** Imports one message; returns false when it was left in the mailbox for a person to look at. */
async function readOne(client: ImapFlow, uid: number, config: ImapConfig, ctx: SourceContext): Promise<boolean> {
  const range = String(uid);
  const head = await client.fetchOne(range, { uid: true, size: true }, { uid: true });
  if (!head) return false; // expunged meanwhile
  if ((head.size ?? 0) > config.maxBytes) {
    ctx.log.warn({ uid, bytes: head.size, maxBytes: config.maxBytes }, 'imap: message too large, left unread');
    return false;
  }
  // `source` is fetched with BODY.PEEK[]: reading does not set \Seen, only a successful import does.
  const message = await client.fetchOne(range, { uid: true, source: true }, { uid: true });
  if (!message || !message.source) return false;
  let outcome;
  try {
    const payload = await readMail(message.source, { saveImage: ctx.saveImage, log: ctx.log });
    outcome = await ctx.submit(payload);
  } catch (error) {
    if (!(error instanceof UnreadableMailError)) throw error;
    ctx.log.warn({ uid, err: error.message }, 'imap: unreadable message, left unread');
    return false;
  }
  if (outcome.kind === 'malformed') {
    ctx.log.warn({ uid, err: outcome.message }, 'imap: unreadable message, left unread');
    return false;
  }
  if (outcome.kind === 'ignored') ctx.log.info({ uid, why: outcome.why }, 'imap: message ignored');
  await markProcessed(client, range, config.moveTo);
  return true;
}

async function markProcessed(client: ImapFlow, range: string, moveTo: string | undefined): Promise<void> {
  await client.messageFlagsAdd(range, ['\\Seen'], { uid: true });
  if (moveTo) await client.messageMove(range, moveTo, { uid: true });
}

/** Creates the folder processed mail goes to, unless it exists. */
export async function ensureFolder(client: ImapFlow, path: string): Promise<void> {
  const folders = await client.list();
  if (!folders.some((folder) => folder.path === path)) await client.mailboxCreate(path);
}
