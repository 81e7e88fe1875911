/**
 * Removes phone numbers and email addresses from text that came through a private channel (SMS, email, web form):
 * people often sign with their number, and a wall is public.
 */
import { findPhoneNumbersInText } from 'libphonenumber-js';

/** What replaces each redacted number or address. */
export const REDACTED = '•••';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

/**
 * Digit runs libphonenumber rejects but that still look like numbers: international (`+44 7700 900123`, a fictional
 * range its metadata marks invalid; `0044…`) or national with a trunk zero (`07700 900456`), 8 to 15 digits with
 * the usual separators. Dates (`01/02/2026`) and ordinary figures (`2 500 000`) do not start that way.
 */
const LOOSE_PHONE =
  /(?<![\p{L}\p{N}+])(?:(?:\+|00)\d(?:[ .\-()/\u00A0\u202F]{0,2}\d){6,14}|0\d(?:[ .\-\u00A0\u202F]{0,2}\d){7,12})(?![\p{L}\p{N}])/gu;

/** What every {@link LOOSE_PHONE} starts with: `+` or a zero (`00`, or a trunk zero) before a digit. */
const LOOSE_PHONE_START = /[+0]\d/;

/** Six digits with at most a few separators between each: the least a phone number looks like. */
const PHONE_LIKE = /\d(?:[ .\-()/\u00A0\u202F]{0,3}\d){5}/u;

/** `text` with every email address and phone number replaced by {@link REDACTED}. */
export function redactContacts(text: string): string {
  // The patterns are tried at every position of the text; the characters each needs are looked for first.
  const withoutEmails = text.includes('@') ? text.replace(EMAIL, REDACTED) : text;
  const withoutPhones = redactPhoneNumbers(withoutEmails);
  return LOOSE_PHONE_START.test(withoutPhones) ? withoutPhones.replace(LOOSE_PHONE, REDACTED) : withoutPhones;
}

/** Numbers libphonenumber recognises, French national formats by default (`06 39 98 12 34`), any `+…` format. */
function redactPhoneNumbers(text: string): string {
  // Most messages hold no phone number: skip the costly scan (about 300 µs) unless six digits stand close together,
  // as they do in any phone number however it is written. Digits scattered over a sentence are not one.
  if (!PHONE_LIKE.test(text)) return text;
  const found = findPhoneNumbersInText(text, 'FR');
  let out = text;
  for (const { startsAt, endsAt } of found.reverse()) {
    out = out.slice(0, startsAt) + REDACTED + out.slice(endsAt);
  }
  return out;
}
