/**
 * A parsed email (the shape below, filled from mailparser by server/sources/email/parse.ts) to an item. The
 * sender's address never reaches the item: it becomes a tag and a masked form. Auto-replies, bounces, reports and
 * list mail are ignored, so the wall never answers a machine (no mail loops). Quoted replies and signatures are
 * cut: the wall shows what the sender wrote this time.
 */
import EmailReplyParser from 'email-reply-parser';
import { z } from 'zod';
import type { Media } from '../../protocol/items.js';
import { IgnoredPayloadError } from '../types.js';
import type { NormalizeContext, NormalizedItem, RawPayload } from '../types.js';
import { hashtagsInText } from '../text/patterns.js';
import { htmlToPlainText } from '../text/html-to-plain.js';
import { parsePayload, parseTime } from './common.js';
import { storedPhotoMedia } from './stored-photo.js';

/** An email as the pipeline expects it from the SMTP and IMAP sources. */
export interface MailMessage {
  /** The Message-ID header, as parsed (usually with its angle brackets). */
  messageId: string;
  from: { name?: string; address: string };
  subject?: string;
  text?: string;
  html?: string;
  /** Date header, ISO string or epoch milliseconds. */
  date?: string | number;
  /**
   * Header values by name; names are compared case-insensitively. The sources pass those that tell a machine
   * from a person (Auto-Submitted, Precedence, List-Id, List-Unsubscribe, X-Autoreply, X-Autorespond,
   * Content-Type) and `Return-Path`, the envelope sender (`<>` for a bounce).
   */
  headers?: Record<string, string>;
  /** Attachments the source has stored and can serve at `url`. */
  attachments?: {
    contentType: string;
    filename?: string;
    size?: number;
    url?: string;
    /** Set by the server for the images it stored (server/media/uploads.ts). */
    previewUrl?: string;
    width?: number;
    height?: number;
  }[];
}

/** Author name of an email whose sender gave no usable display name. */
export const EMAIL_AUTHOR = 'Email';

const Mail = z.object({
  messageId: z.string().trim().min(1),
  from: z.object({ name: z.string().optional(), address: z.string() }),
  subject: z.string().optional(),
  text: z.string().optional(),
  html: z.string().optional(),
  date: z.union([z.string(), z.number()]).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  attachments: z
    .array(
      z.object({
        contentType: z.string(),
        size: z.number().optional(),
        url: z.string().optional(),
        previewUrl: z.string().optional(),
        width: z.number().int().positive().optional(),
        height: z.number().int().positive().optional(),
      }),
    )
    .optional(),
});

/** Normalizes a {@link MailMessage}; the body is kept as plain text only (`html` is null). */
export function normalizeEmail(raw: RawPayload, ctx: NormalizeContext): NormalizedItem {
  const mail = parsePayload('email', Mail, raw.payload);
  const address = mail.from.address.trim().replace(/^<|>$/g, '');
  if (!address) throw new IgnoredPayloadError('email', 'bounce (empty sender)');
  ignoreAutomatic(mail.headers ?? {}, address);
  const tag = ctx.contactTag('email', address.toLowerCase());
  const text = mailText(mail);
  const media = (mail.attachments ?? []).flatMap((a): Media[] =>
    a.contentType.startsWith('image/') && a.url ? [storedPhotoMedia({ ...a, url: a.url, bytes: a.size })] : [],
  );
  if (text === '' && media.length === 0) throw new IgnoredPayloadError('email', 'empty message');
  return {
    source: 'email',
    sourceId: mail.messageId,
    url: null,
    author: { name: displayName(mail.from.name) },
    authorKey: `email:${tag}`,
    contact: { tag, masked: maskEmail(address) },
    text,
    html: null,
    links: { hashtag: null, mention: null },
    media,
    lang: null,
    context: null,
    flags: [],
    hashtags: hashtagsInText(text),
    createdAt: parseTime(mail.date, ctx),
  };
}

/** Headers whose mere presence marks mail sent by a program: mailing lists and vacation responders. */
const MACHINE_HEADERS = ['list-id', 'list-unsubscribe', 'x-autoreply', 'x-autorespond'];

/**
 * RFC 3834 auto-replies, bulk and list mail, bounces (null envelope sender, MAILER-DAEMON) and delivery or read
 * reports (RFC 6522 `multipart/report`) are machines talking, not audience questions.
 */
function ignoreAutomatic(headers: Record<string, string>, address: string): void {
  const header = (name: string): string | undefined =>
    Object.entries(headers)
      .find(([key]) => key.toLowerCase() === name)?.[1]
      ?.trim()
      .toLowerCase();
  const autoSubmitted = header('auto-submitted');
  if (autoSubmitted && autoSubmitted !== 'no')
    throw new IgnoredPayloadError('email', `auto-submitted: ${autoSubmitted}`);
  const precedence = header('precedence') ?? '';
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(precedence))
    throw new IgnoredPayloadError('email', `precedence: ${precedence}`);
  const present = MACHINE_HEADERS.find((name) => header(name) !== undefined);
  if (present) throw new IgnoredPayloadError('email', `sent by a program (${present})`);
  if (header('return-path') === '<>' || /^mailer-daemon@/i.test(address))
    throw new IgnoredPayloadError('email', 'bounce (null sender)');
  if (header('content-type')?.startsWith('multipart/report'))
    throw new IgnoredPayloadError('email', 'delivery or read report');
}

/** Longest body handed to the reply parser: its patterns are not for megabytes, and a card shows far less. */
const MAX_BODY = 20_000;
const replyParser = new EmailReplyParser();

/**
 * Subject, a blank line, then what the sender wrote: quoted replies (`On … wrote:`, `Le … a écrit :`, `>` lines)
 * and signatures (after `-- `, `Sent from my iPhone`, `Cordialement,`…) removed.
 */
function mailText(mail: z.output<typeof Mail>): string {
  const body = mail.text?.trim() ? mail.text : mail.html ? htmlToPlainText(mail.html) : '';
  const visible = visibleReply(body.slice(0, MAX_BODY).replace(/\r\n?/g, '\n'));
  const withoutSignature = visible.split(/\n-- ?\n/)[0] ?? '';
  const subject = mail.subject?.trim() ?? '';
  return [subject, withoutSignature.trim()].filter(Boolean).join('\n\n');
}

/**
 * What the sender wrote this time, as email-reply-parser sees it, up to surrounding whitespace. A one-line body
 * (most messages to a wall) is answered without it: the parser only cuts lines after the first, or a first line
 * quoting with `>` (its tilde trimming aside, so a body with `~` still goes through it). Its 60 patterns cost about
 * 20 µs a message (bench/intake); test/unit/pipeline/normalize/email.test.ts compares both on many lines.
 */
export function visibleReply(body: string): string {
  if (!body.includes('\n') && !body.includes('~')) return body.startsWith('>') ? '' : body;
  return replyParser.parseReply(body);
}

/** A display name that is itself an address (`"jean@example.org" <jean@example.org>`) is no name. */
function displayName(name: string | undefined): string {
  const clean = name?.trim() ?? '';
  return clean && !clean.includes('@') ? clean : EMAIL_AUTHOR;
}

/** `j•••@example.org`: the first character of the local part, then the domain. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${address.slice(0, 1)}•••${address.slice(at)}`;
}
