/**
 * A raw RFC 5322 message, from the SMTP receiver or an IMAP mailbox, to the `email` payload the pipeline reads
 * (MailMessage, server/pipeline/normalize/email.ts). mailparser reads the MIME structure; image attachments are
 * stored here (decoded whole, metadata stripped) so the item only carries `/media/uploads/` paths. The
 * body is left as mailparser gives it: the normalizer turns HTML-only mail into text and cuts quotes and signatures.
 */
import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type Attachment, type ParsedMail } from 'mailparser';
import type { Logger } from '../../log.js';
import type { StoredUpload } from '../../media/uploads.js';
import type { MailMessage } from '../../pipeline/normalize/email.js';
import type { RawPayload } from '../../pipeline/types.js';

/** Mail nobody can read as a message (no sender, or not MIME at all). The SMTP receiver answers it with a 5xx. */
export class UnreadableMailError extends Error {
  override readonly name = 'UnreadableMailError';
}

export interface ReadMailOptions {
  /**
   * The SMTP envelope sender (MAIL FROM), `''` for a bounce. It becomes the `Return-Path` a delivering server
   * would add; IMAP mail already carries that header.
   */
  envelopeFrom?: string;
  /** Stores an image attachment; without it attachments are dropped. */
  saveImage?: ((data: Buffer) => Promise<StoredUpload>) | undefined;
  log: Logger;
}

/** A wall card shows a few photos at most; the rest of a holiday album is not for the wall. */
const MAX_IMAGES = 4;

/** The headers the normalizer needs to tell a machine from a person; the others stay out of the payload. */
const KEPT_HEADERS = new Set([
  'auto-submitted',
  'precedence',
  'list-id',
  'list-unsubscribe',
  'x-autoreply',
  'x-autorespond',
  'content-type',
  'return-path',
]);

/** Parses `source` into an `email` payload; throws {@link UnreadableMailError} for mail without a sender. */
export async function readMail(source: Buffer, options: ReadMailOptions): Promise<RawPayload> {
  let parsed: ParsedMail;
  try {
    // The normalizer converts HTML itself (with the same rules as every other source); cid: links stay links.
    parsed = await simpleParser(source, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  } catch (error) {
    throw new UnreadableMailError(`the message could not be parsed (${errorText(error)})`);
  }
  const from = firstAddress(parsed.from);
  if (!from) throw new UnreadableMailError('the message has no sender address (From header)');
  if (lostItsParts(parsed)) {
    throw new UnreadableMailError('the MIME structure is broken (a multipart message without any readable part)');
  }
  const mail: MailMessage = {
    messageId: parsed.messageId?.trim() || syntheticMessageId(source),
    from,
    headers: keptHeaders(parsed, options.envelopeFrom),
    attachments: await storeImages(parsed.attachments, options),
  };
  if (parsed.subject) mail.subject = parsed.subject;
  if (parsed.text) mail.text = parsed.text;
  if (typeof parsed.html === 'string') mail.html = parsed.html;
  if (parsed.date && !Number.isNaN(parsed.date.getTime())) mail.date = parsed.date.toISOString();
  return { format: 'email', payload: mail };
}

/** A multipart message whose boundary never appears comes out of mailparser with nothing in it at all. */
function lostItsParts(parsed: ParsedMail): boolean {
  const type = parsed.headers.get('content-type');
  const value = typeof type === 'object' && type !== null && 'value' in type ? String(type.value) : String(type ?? '');
  const empty = !parsed.text?.trim() && typeof parsed.html !== 'string' && parsed.attachments.length === 0;
  return value.toLowerCase().startsWith('multipart/') && empty;
}

function firstAddress(from: AddressObject | undefined): MailMessage['from'] | null {
  for (const entry of from?.value ?? []) {
    const address = entry.address?.trim();
    if (address) return entry.name ? { name: entry.name, address } : { address };
  }
  return null;
}

/**
 * Mail without a Message-ID (a script, a broken client) gets one from its content, so the same message read
 * twice (an SMTP retry, an IMAP mailbox re-read) is still recognised as a duplicate.
 */
function syntheticMessageId(source: Buffer): string {
  return `<${createHash('sha256').update(source).digest('hex').slice(0, 40)}@murmure.invalid>`;
}

function keptHeaders(parsed: ParsedMail, envelopeFrom: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { key, line } of parsed.headerLines) {
    if (!KEPT_HEADERS.has(key) || key in headers) continue;
    headers[key] = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
  }
  if (envelopeFrom !== undefined) headers['return-path'] = `<${envelopeFrom}>`;
  return headers;
}

async function storeImages(
  attachments: Attachment[],
  { saveImage, log }: ReadMailOptions,
): Promise<NonNullable<MailMessage['attachments']>> {
  const images = attachments.filter((a) => a.contentType.toLowerCase().startsWith('image/'));
  if (!saveImage || images.length === 0) return [];
  if (images.length > MAX_IMAGES) log.info({ images: images.length, kept: MAX_IMAGES }, 'email: extra images dropped');
  const stored: NonNullable<MailMessage['attachments']> = [];
  for (const image of images.slice(0, MAX_IMAGES)) {
    try {
      const upload = await saveImage(image.content);
      const { contentType, bytes: size, url, previewUrl, width, height } = upload;
      stored.push({ contentType, size, url, width, height, ...(previewUrl ? { previewUrl } : {}) });
    } catch (error) {
      // An SVG, a HEIC photo or a truncated file: the text still goes in, and this is the one line about it.
      log.info({ contentType: image.contentType, err: errorText(error) }, 'email: attachment is not a usable image');
    }
  }
  return stored;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
