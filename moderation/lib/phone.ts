/**
 * Phone numbers as people read and type them: stored in E.164 (`+33612345678`), shown grouped
 * (`+33 6 12 34 56 78`), typed in the national form of the event's country (`06 12 34 56 78` for a French event).
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** `+33612345678` → `+33 6 12 34 56 78`; anything that is not a number stays as it is. */
export function formatPhone(value: string): string {
  return parsePhoneNumberFromString(value)?.formatInternational() ?? value;
}
