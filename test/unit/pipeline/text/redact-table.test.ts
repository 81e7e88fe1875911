/**
 * The generated table (contact-table.ts) through the real steps of each place a private text comes from: a web
 * form's message and name (normalize, then sanitize), an email's subject, a moderator's announcement. No digit of
 * any number and no part of any address comes out; ordinary figures come out as they went in.
 */
import { describe, expect, it } from 'vitest';
import { announcementText } from '../../../../server/moderation/announcement-text.js';
import { sanitize } from '../../../../server/pipeline/sanitize.js';
import { cleanLabel, cleanText } from '../../../../server/pipeline/text/clean.js';
import { DEFAULT_PHONE_COUNTRIES } from '../../../../server/pipeline/text/phone-countries.js';
import { norm } from '../helpers.js';
import { addressRows, MUST_STAY, phoneRows, PLACES, type ContactRow, type Place } from './contact-table.js';

const WEB_META = { idempotencyKey: 'table-row' };

/** What a place shows of `text`, through the steps that place's text really takes. */
function shown(place: Place, text: string): string {
  switch (place) {
    case 'text':
      return sanitize(norm('web', { name: 'Claire', message: text }, WEB_META)).text;
    case 'name':
      return sanitize(norm('web', { name: text, message: 'Bonjour' }, WEB_META)).author.name;
    case 'subject': {
      const mail = { messageId: '<m@example.net>', from: { address: 's@example.net' }, subject: text, text: 'Merci' };
      return sanitize(norm('email', mail)).text;
    }
    case 'announcement':
      return announcementText(text, DEFAULT_PHONE_COUNTRIES);
  }
}

/** The digits of `text` in ASCII, whatever their script. */
function asciiDigits(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u0660-\u0669]/g, (c) => String(c.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (c) => String(c.charCodeAt(0) - 0x06f0))
    .replace(/\D/g, '');
}

/** Four digits or more of a number, in order, found in `text`. */
function leakedDigits(text: string, numbers: readonly string[]): string[] {
  const digits = asciiDigits(text);
  return numbers.flatMap((number) =>
    Array.from({ length: Math.max(0, number.length - 3) }, (_, at) => number.slice(at, at + 4)).filter((run) =>
      digits.includes(run),
    ),
  );
}

function leakedParts(text: string, parts: readonly string[]): string[] {
  const folded = text.normalize('NFKC').toLowerCase();
  return parts.filter((part) => folded.includes(part.toLowerCase()));
}

const rows: ContactRow[] = [...phoneRows(), ...addressRows()];

describe('the contact table', () => {
  it('has hundreds of rows, in every place', () => {
    expect(rows.length).toBeGreaterThanOrEqual(1000);
    for (const place of PLACES) expect(rows.filter((row) => row.place === place).length).toBeGreaterThan(200);
  });

  it('loses every digit of every number and every part of every address, in every place', () => {
    const leaks = rows.flatMap((row) => {
      const out = shown(row.place, row.text);
      const found = [...leakedDigits(out, row.numbers), ...leakedParts(out, row.addressParts)];
      // The rows' own words hold no digit: any digit left over is part of a number.
      return found.length > 0 || asciiDigits(out) !== '' ? [{ place: row.place, text: row.text, out, found }] : [];
    });
    expect(leaks).toEqual([]);
  });

  it('keeps the masks apart between the numbers of a list', () => {
    expect(shown('text', '06 12 34 56 78, 07 98 76 54 32 / 01.23.45.67.89')).toBe('•••, •••');
    expect(shown('text', 'au 06 12 34 56 78 et 07 98 76 54 32')).toBe('au ••• et •••');
  });
});

describe('ordinary figures and words', () => {
  const expected: Record<Place, (text: string) => string> = {
    text: (text) => text,
    name: (text) => cleanLabel(text, 80),
    subject: (text) => `${text}\n\nMerci`,
    announcement: (text) => cleanText(text),
  };

  it.each(PLACES.flatMap((place) => MUST_STAY.map((text) => [place, text] as const)))(
    'stay as written in the %s: %j',
    (place, text) => {
      expect(shown(place, text)).toBe(expected[place](text));
    },
  );
});
