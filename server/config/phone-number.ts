/**
 * The event's own SMS number (Twilio's, a gateway's, the one the wall shows): typed as people write it, stored in
 * E.164. A French event takes `06 12 34 56 78` (its country is France), any event takes `+33 6 12 34 56 78`; both
 * are kept as `+33612345678` and shown grouped again (`formatPhoneNumber`).
 */
import { getExampleNumber, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import examples from 'libphonenumber-js/mobile/examples';
import { z } from 'zod';
import { languageCountry } from '../pipeline/text/phone-countries.js';

const INTERNATIONAL = 'must be in international format, e.g. +33 6 12 34 56 78';

/** The country a national number of the event is read in: its first phone country set, else its first language's. */
export function eventPhoneCountry(event: {
  moderation?: { phoneCountries?: readonly CountryCode[] | undefined };
  wall?: { languages?: readonly string[] };
}): CountryCode | undefined {
  const configured = event.moderation?.phoneCountries?.[0];
  if (configured) return configured;
  const language = event.wall?.languages?.[0];
  return language === undefined ? undefined : languageCountry(language);
}

/** The setting: any possible number, international or national in `country`, transformed to E.164. */
export function phoneNumberSetting(country?: CountryCode) {
  return z.string().transform((typed, ctx) => {
    const number = parsePhoneNumberFromString(typed.trim(), country ? { defaultCountry: country } : {});
    if (number?.isPossible()) return number.number;
    if (country === undefined) ctx.addIssue({ code: 'custom', message: INTERNATIONAL });
    else ctx.addIssue({ code: 'custom', message: nationalMessage(country, 'en'), params: nationalWords(country) });
    return z.NEVER;
  });
}

/** `+33612345678` → `+33 6 12 34 56 78`, the way the wall and the console show it. */
export function formatPhoneNumber(stored: string): string {
  return parsePhoneNumberFromString(stored)?.formatInternational() ?? stored;
}

/** Both languages of the refusal, carried in the issue's `params` for field-errors.ts. */
function nationalWords(country: CountryCode): { en: string; fr: string } {
  return { en: nationalMessage(country, 'en'), fr: nationalMessage(country, 'fr') };
}

/** "…national (06 12 34 56 78) or international (+33 6 12 34 56 78)", with the event's country's example. */
function nationalMessage(country: CountryCode, lang: 'en' | 'fr'): string {
  const example = getExampleNumber(country, examples);
  const national = example?.formatNational() ?? '';
  const international = example?.formatInternational() ?? '+33 6 12 34 56 78';
  return lang === 'en'
    ? `must be a phone number, national (${national}) or international (${international})`
    : `doit être un numéro de téléphone, national (${national}) ou international (${international})`;
}
