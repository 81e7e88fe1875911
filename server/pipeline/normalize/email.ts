/**
 * A parsed email (the shape below, to be filled from mailparser) to an item. The sender's address never reaches
 * the item: it becomes a tag and a masked form. Auto-replies, bounces and list mail are ignored.
 */
import { z } from 'zod';
import type { Media } from '../../protocol/items.js';
import { IgnoredPayloadError } from '../types.js';
import type { NormalizeContext, NormalizedItem, RawPayload } from '../types.js';
import { hashtagsInText } from '../text/patterns.js';
import { htmlToPlainText } from '../text/html-to-plain.js';
import { parsePayload, parseTime } from './common.js';

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
  /** Header values by name; names are compared case-insensitively. */
  headers?: Record<string, string>;
  /** Attachments the source has stored and can serve at `url`. */
  attachments?: { contentType: string; filename?: string; size?: number; url?: string }[];
}

/** Author name of an email whose sender gave no usable display name. */
export const EMAIL_AUTHOR = 'Email';

const Mail = z.looseObject({
  messageId: z.string().trim().min(1),
  from: z.looseObject({ name: z.string().optional(), address: z.string() }),
  subject: z.string().optional(),
  text: z.string().optional(),
  html: z.string().optional(),
  date: z.union([z.string(), z.number()]).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  attachments: z
    .array(
      z.looseObject({
        contentType: z.string(),
        size: z.number().optional(),
        url: z.string().optional(),
      }),
    )
    .optional(),
});

/** Normalizes a {@link MailMessage}; the body is kept as plain text only (`html` is null). */
export function normalizeEmail(raw: RawPayload, ctx: NormalizeContext): NormalizedItem {
  const mail = parsePayload('email', Mail, raw.payload);
  const address = mail.from.address.trim().replace(/^<|>$/g, '');
  if (!address) throw new IgnoredPayloadError('email', 'bounce (empty sender)');
  ignoreAutomatic(mail.headers ?? {});
  const tag = ctx.contactTag('email', address.toLowerCase());
  const text = mailText(mail);
  const media = (mail.attachments ?? []).flatMap((a): Media[] =>
    a.contentType.startsWith('image/') && a.url ? [withSize({ type: 'image', url: a.url }, a.size)] : [],
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

/** RFC 3834 auto-replies and bulk/list mail are machines talking, not audience questions. */
function ignoreAutomatic(headers: Record<string, string>): void {
  const header = (name: string): string =>
    Object.entries(headers)
      .find(([key]) => key.toLowerCase() === name)?.[1]
      ?.trim()
      .toLowerCase() ?? '';
  const autoSubmitted = header('auto-submitted');
  if (autoSubmitted && autoSubmitted !== 'no')
    throw new IgnoredPayloadError('email', `auto-submitted: ${autoSubmitted}`);
  const precedence = header('precedence');
  if (['bulk', 'junk', 'list'].includes(precedence))
    throw new IgnoredPayloadError('email', `precedence: ${precedence}`);
}

/** Subject, a blank line, then the body, without the signature (after the `-- ` line, often a phone number). */
function mailText(mail: z.output<typeof Mail>): string {
  const body = mail.text?.trim() ? mail.text : mail.html ? htmlToPlainText(mail.html) : '';
  const withoutSignature = body.split(/\r?\n-- ?\r?\n/)[0] ?? '';
  const subject = mail.subject?.trim() ?? '';
  return [subject, withoutSignature.trim()].filter(Boolean).join('\n\n');
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

function withSize(media: Media, size: number | undefined): Media {
  if (size !== undefined) media.bytes = size;
  return media;
}
