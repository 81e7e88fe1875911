/**
 * Removes phone numbers and email addresses from text that came through a private channel (SMS, email, web form)
 * or that moderators write for the wall (announcements): people often sign with their number, and a wall is
 * public. The finders read a folded copy (redact-fold.ts: fullwidth and Arabic-Indic digits, `＠`…) and report
 * spans, mapped back so the text is redacted as it was written.
 */
import type { CountryCode } from 'libphonenumber-js';
import { emailSpans } from './redact-emails.js';
import { foldForMatching } from './redact-fold.js';
import { phoneSpans } from './redact-phones.js';
import { mergeSpans, replaceSpans } from './redact-spans.js';
import { DEFAULT_PHONE_COUNTRIES } from './phone-countries.js';

/** What replaces each redacted number or address (or list of them). */
export const REDACTED = '•••';

export interface RedactOptions {
  /**
   * Countries whose national formats decide short numbers (6 or 7 digits; longer ones go whatever the country).
   * Default: those of French and English ({@link DEFAULT_PHONE_COUNTRIES}); see `eventPhoneCountries`.
   */
  phoneCountries?: readonly CountryCode[];
}

/** `text` with every email address and phone number replaced by {@link REDACTED}. */
export function redactContacts(text: string, options: RedactOptions = {}): string {
  const folded = foldForMatching(text);
  const found = [
    ...emailSpans(folded.text),
    ...phoneSpans(folded.text, options.phoneCountries ?? DEFAULT_PHONE_COUNTRIES),
  ];
  if (found.length === 0) return text;
  return replaceSpans(text, mergeSpans(found.map(([start, end]) => folded.original(start, end))), REDACTED);
}
