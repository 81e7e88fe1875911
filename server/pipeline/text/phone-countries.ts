/**
 * The countries whose national phone formats an event's redaction knows: set per event, or derived from the
 * wall's languages (where its audience is likely to come from).
 */
import { isSupportedCountry, type CountryCode } from 'libphonenumber-js';
import { z } from 'zod';

/**
 * Where each wall language is spoken by an audience likely to sign with a local number. French reaches the
 * Maghreb: Moroccan, Algerian and Tunisian numbers are common at French events.
 */
const LANGUAGE_COUNTRIES: Readonly<Record<string, readonly CountryCode[]>> = {
  fr: ['FR', 'BE', 'CH', 'CA', 'LU', 'MC', 'MA', 'DZ', 'TN'],
  en: ['GB', 'US', 'CA', 'IE', 'AU'],
};

/** The country a wall language's national numbers are read in first: France for French, the UK for English. */
export function languageCountry(language: string): CountryCode | undefined {
  return LANGUAGE_COUNTRIES[language]?.[0];
}

/** Countries of the default languages (French and English): what `redactContacts` uses without options. */
export const DEFAULT_PHONE_COUNTRIES: readonly CountryCode[] = phoneCountriesFor(['fr', 'en']);

/** The event setting `moderation.phoneCountries`: ISO 3166-1 codes (`FR`, `BE`…), case-insensitive. */
export const phoneCountriesSetting = z
  .array(
    z
      .string()
      .transform((code) => code.trim().toUpperCase())
      .refine((code) => isSupportedCountry(code), 'must be a two-letter country code such as FR, BE or CA'),
  )
  .min(1)
  .transform((codes) => [...new Set(codes)] as CountryCode[])
  .optional();

/** `configured` when set, else the countries of `languages`, France always among them. */
export function phoneCountriesFor(
  languages: readonly string[],
  configured?: readonly CountryCode[],
): readonly CountryCode[] {
  if (configured && configured.length > 0) return configured;
  const countries = new Set<CountryCode>(['FR']);
  for (const language of languages) for (const country of LANGUAGE_COUNTRIES[language] ?? []) countries.add(country);
  return [...countries];
}

/** What an event's configuration holds of it. */
interface EventPhoneSettings {
  moderation: { phoneCountries?: readonly CountryCode[] | undefined };
  wall: { languages: readonly string[] };
}

const computed = new WeakMap<EventPhoneSettings, readonly CountryCode[]>();

/** {@link phoneCountriesFor} an event, computed once per configuration (intake asks for every item). */
export function eventPhoneCountries(event: EventPhoneSettings): readonly CountryCode[] {
  let countries = computed.get(event);
  if (!countries) {
    countries = phoneCountriesFor(event.wall.languages, event.moderation.phoneCountries);
    computed.set(event, countries);
  }
  return countries;
}
