import { describe, expect, it } from 'vitest';
import { eventSchema } from '../../../../server/config/schema.js';
import { eventPhoneCountries, phoneCountriesFor } from '../../../../server/pipeline/text/phone-countries.js';

describe('phone countries', () => {
  it("come from the wall's languages, France always among them", () => {
    expect(phoneCountriesFor(['fr'])).toEqual(['FR', 'BE', 'CH', 'CA', 'LU', 'MC', 'MA', 'DZ', 'TN']);
    expect(phoneCountriesFor(['en'])).toEqual(['FR', 'GB', 'US', 'CA', 'IE', 'AU']);
    expect(phoneCountriesFor(['en', 'fr'])).toHaveLength(13);
  });

  it('are the configured ones when the event sets them', () => {
    expect(phoneCountriesFor(['fr'], ['US'])).toEqual(['US']);
  });

  it('are read from the event setting, checked, upper-cased and deduplicated', () => {
    const event = eventSchema.parse({ slug: 'e', title: 'E', moderation: { phoneCountries: ['lu', 'LU', ' be '] } });
    expect(event.moderation.phoneCountries).toEqual(['LU', 'BE']);
    expect(eventPhoneCountries(event)).toEqual(['LU', 'BE']);
    const derived = eventSchema.parse({ slug: 'e', title: 'E', wall: { languages: ['en'] } });
    expect(derived.moderation.phoneCountries).toBeUndefined();
    expect(eventPhoneCountries(derived)).toContain('GB');
  });

  it('refuse what is not a country code, naming the field', () => {
    const result = eventSchema.safeParse({ slug: 'e', title: 'E', moderation: { phoneCountries: ['FR', 'XX'] } });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['moderation', 'phoneCountries', 1],
        message: 'must be a two-letter country code such as FR, BE or CA',
      }),
    ]);
    expect(eventSchema.safeParse({ slug: 'e', title: 'E', moderation: { phoneCountries: [] } }).success).toBe(false);
  });
});
