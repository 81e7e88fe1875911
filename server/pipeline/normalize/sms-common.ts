/**
 * What Twilio and the generic gateways share: the sender's number becomes a tag and a masked form (never text a
 * wall could show), and an optional "Nom : Claire" prefix becomes the author's name.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Media } from '../../protocol/items.js';
import { IgnoredPayloadError } from '../types.js';
import type { NormalizeContext, NormalizedItem, PayloadFormat } from '../types.js';
import { hashtagsInText } from '../text/patterns.js';
import { memoize } from '../memo.js';

/** Author name of an SMS without a name prefix. */
export const SMS_AUTHOR = 'SMS';

const MASK = '•';

/** "Name: rest", "Nom : rest", "nom: rest": a name of letters, spaces and `'-.` up to 40 characters. */
const NAME_PREFIX =
  /^\s*(?:name|nom)\s*:\s*([\p{L}][\p{L}\p{M} '’.-]{0,39}?)\s*(?:\n|[,;:–—]\s*|\s-\s)\s*(\S[\s\S]*)$/iu;

/** Splits a leading name prefix off `body`; `name` is null when there is none. */
export function splitNamePrefix(body: string): { name: string | null; message: string } {
  const match = NAME_PREFIX.exec(body);
  const name = match?.[1]?.trim();
  const message = match?.[2]?.trim();
  return name && message ? { name, message } : { name: null, message: body.trim() };
}

/**
 * Senders whose number stays parsed: people send several messages during an event, and libphonenumber costs
 * about 20 µs a number (bench/intake). A few thousand short strings.
 */
const PHONES_REMEMBERED = 5000;

/**
 * The sender number, read once: its E.164 form (so one phone gets one tag whatever the gateway: Vonage omits the
 * `+`, some gateways use `00`, a national `06…` is read as French) and its masked form. Short codes and
 * alphanumeric senders are kept as given.
 */
export const readPhone: (value: string) => Readonly<PhoneNumber> = memoize(parsePhone, PHONES_REMEMBERED);

/** What {@link readPhone} reads of a sender number. */
export interface PhoneNumber {
  canonical: string;
  masked: string;
}

function parsePhone(value: string): PhoneNumber {
  const compact = value.trim().replace(/[\s.()-]/g, '');
  const international = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  const withPlus = /^[1-9]\d{7,14}$/.test(international) ? `+${international}` : international;
  const phone = parsePhoneNumberFromString(withPlus, 'FR');
  if (!phone) return { canonical: value.trim(), masked: maskAllButLastTwo(value.trim()) };
  return { canonical: phone.number, masked: maskInternational(phone.formatInternational()) };
}

/**
 * `+33 6 •• •• •• 78`: country code, first group and the last two digits of an internationally formatted number,
 * every other digit masked.
 */
function maskInternational(formatted: string): string {
  const [country, first, ...rest] = formatted.split(' ');
  if (!country || !first || rest.length === 0) return maskAllButLastTwo(formatted);
  const tail = rest.join(' ');
  const digitsBeforeLastTwo = tail.replace(/\D/g, '').length - 2;
  let seen = 0;
  const maskedTail = tail.replace(/\d/g, (digit) => (seen++ < digitsBeforeLastTwo ? MASK : digit));
  return `${country} ${first} ${maskedTail}`;
}

function maskAllButLastTwo(value: string): string {
  if (value.length <= 4) return MASK.repeat(4);
  return MASK.repeat(value.length - 2) + value.slice(-2);
}

/** The fields that differ between SMS gateways. */
export interface SmsFields {
  format: PayloadFormat;
  sourceId: string;
  from: string;
  body: string;
  media: Media[];
  createdAt: number;
}

/** Builds the item common to every SMS gateway; an empty message without media is ignored. */
export function smsItem(fields: SmsFields, ctx: NormalizeContext): NormalizedItem {
  const { name, message } = splitNamePrefix(fields.body);
  if (message === '' && fields.media.length === 0) throw new IgnoredPayloadError(fields.format, 'empty message');
  const phone = readPhone(fields.from);
  const tag = ctx.contactTag('phone', phone.canonical);
  return {
    source: 'sms',
    sourceId: fields.sourceId,
    url: null,
    author: { name: name ?? SMS_AUTHOR },
    authorKey: `sms:${tag}`,
    contact: { tag, masked: phone.masked },
    text: message,
    html: null,
    links: { hashtag: null, mention: null },
    media: fields.media,
    lang: null,
    context: null,
    flags: [],
    hashtags: hashtagsInText(message),
    createdAt: fields.createdAt,
  };
}
