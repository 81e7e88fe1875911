/**
 * A console form never shows a validator's raw words: every problem zod finds by itself is said in words of ours,
 * in both languages; an event's SMS number is taken as people write it and stored in E.164.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldErrors } from '../../../server/config/field-errors.js';
import { eventPhoneCountry, formatPhoneNumber, phoneNumberSetting } from '../../../server/config/phone-number.js';
import { eventSchema } from '../../../server/config/schema.js';
import { sourceSchema, sourceSchemaFor } from '../../../server/config/sources.js';

/** Zod's own English, which must never reach a form. */
const RAW = /Too (small|big)|Invalid (input|option|string|email|URL)|expected |Unrecognized key|received /;

function messagesOf(schema: z.ZodType, input: unknown) {
  const parsed = schema.safeParse(input, { reportInput: true });
  expect(parsed.success).toBe(false);
  return fieldErrors(parsed.error!);
}

describe('field errors in words of ours', () => {
  it('words every problem of a bad event and bad sources without zod’s own phrases', () => {
    const found = [
      ...messagesOf(eventSchema, {
        slug: 'ok',
        title: '',
        hashtags: ['ok'],
        moderation: { mode: 'later', holdSeconds: 2.5, retentionDays: 0 },
        wall: { layout: 'grid', languages: [], theme: { fontScale: 9, accent: 5 } },
        colour: 'red',
      }),
      ...messagesOf(sourceSchema, { kind: 'web', maxLength: 5, perMinute: 'many' }),
      ...messagesOf(sourceSchema, { kind: 'email-smtp', addresses: [], port: 70_000 }),
      ...messagesOf(sourceSchema, { kind: 'email-imap', address: 'nope', host: '', user: 'u', password: 'p' }),
      ...messagesOf(sourceSchema, { kind: 'telegram' }),
    ];
    expect(found.length).toBeGreaterThan(12);
    for (const { field, message } of found) {
      expect(message.en, field).not.toMatch(RAW);
      expect(message.fr, field).not.toMatch(RAW);
      expect(message.fr, field).not.toBe(message.en);
      expect(message.fr, field).not.toMatch(/(?<=\p{L}) [:;?!]/u);
    }
  });

  it.each([
    [z.string().min(10), 'short', 'at least 10 characters', 'au moins 10 caractères'],
    [z.string().max(3), 'long text', 'at most 3 characters', 'au plus 3 caractères'],
    [z.string(), undefined, 'is required', 'est obligatoire'],
    [z.number().int(), 2.5, 'must be a whole number', 'doit être un nombre entier'],
    [z.number().min(0.05), 0, 'must be at least 0.05', 'doit valoir au moins 0,05'],
    [z.number().max(65_535), 70_000, 'must be at most 65,535', 'doit valoir au plus 65\u202f535'],
    [z.enum(['a', 'b']), 'c', 'choose one of the options offered', 'choisissez l’une des options proposées'],
    [z.email(), 'nope', 'must be an email address', 'doit être une adresse e-mail'],
    [z.array(z.string()).min(1), [], 'give at least one', 'indiquez-en au moins un'],
  ])('%#: %j', (schema, input, en, fr) => {
    const [error] = messagesOf(z.object({ value: schema }), { value: input });
    expect(error).toEqual({ field: 'value', message: { en, fr } });
  });

  it('names an unknown setting', () => {
    const [error] = messagesOf(sourceSchema, { kind: 'web', colour: 'red' });
    expect(error!.message).toEqual({ en: 'unknown setting: colour', fr: 'réglage inconnu\u00a0: colour' });
  });
});

describe('SMS numbers', () => {
  const gateway = (phoneNumber: string, country?: 'FR' | 'GB') =>
    sourceSchemaFor(country).safeParse({ kind: 'sms-gateway', phoneNumber, secret: 's' }, { reportInput: true });

  it('takes a French national number for a French event and stores it in E.164', () => {
    for (const typed of ['06 12 34 56 78', '06.12.34.56.78', '0612345678', '+33 6 12 34 56 78', '+33612345678']) {
      const parsed = gateway(typed, 'FR');
      expect(parsed.success, typed).toBe(true);
      expect(parsed.data).toMatchObject({ phoneNumber: '+33612345678' });
    }
    expect(gateway('07400 123456', 'GB').data).toMatchObject({ phoneNumber: '+447400123456' });
  });

  it('asks the file, without a country, for the international form', () => {
    expect(gateway('+33 6 39 98 00 00').data).toMatchObject({ phoneNumber: '+33639980000' });
    const refused = gateway('06 12 34 56 78');
    expect(fieldErrors(refused.error!)).toEqual([
      {
        field: 'phoneNumber',
        message: {
          en: 'must be in international format, e.g. +33 6 12 34 56 78',
          fr: 'doit être au format international, par exemple +33 6 12 34 56 78',
        },
      },
    ]);
  });

  it('says what a French event takes, in both languages', () => {
    const twilio = sourceSchemaFor('FR').safeParse(
      { kind: 'twilio', phoneNumber: '0612', accountSid: `AC${'0'.repeat(32)}`, authToken: 't' },
      { reportInput: true },
    );
    expect(fieldErrors(twilio.error!)).toEqual([
      {
        field: 'phoneNumber',
        message: {
          en: 'must be a phone number, national (06 12 34 56 78) or international (+33 6 12 34 56 78)',
          fr: 'doit être un numéro de téléphone, national (06 12 34 56 78) ou international (+33 6 12 34 56 78)',
        },
      },
    ]);
  });

  it('reads the event’s country from its phone countries, else its first language', () => {
    expect(eventPhoneCountry({ wall: { languages: ['fr', 'en'] } })).toBe('FR');
    expect(eventPhoneCountry({ wall: { languages: ['en', 'fr'] } })).toBe('GB');
    expect(eventPhoneCountry({ moderation: { phoneCountries: ['BE'] }, wall: { languages: ['fr'] } })).toBe('BE');
    expect(phoneNumberSetting('BE').parse('0470 12 34 56')).toBe('+32470123456');
  });

  it('shows a stored number grouped', () => {
    expect(formatPhoneNumber('+33612345678')).toBe('+33 6 12 34 56 78');
    expect(formatPhoneNumber('not a number')).toBe('not a number');
  });
});
