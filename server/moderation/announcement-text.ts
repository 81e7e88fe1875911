/**
 * What a moderator's announcement shows on the wall: the same hygiene as an item's text (invisible and bidi
 * control characters removed, so it cannot render backwards) and the same redaction as a private message's
 * (a number or address typed in an announcement would be on the projection screen).
 */
import type { CountryCode } from 'libphonenumber-js';
import { cleanText } from '../pipeline/text/clean.js';
import { redactContacts } from '../pipeline/text/redact.js';

/** The announcement to show for what a moderator typed ('' when nothing is left). */
export function announcementText(typed: string, phoneCountries: readonly CountryCode[]): string {
  return redactContacts(cleanText(typed), { phoneCountries });
}
