import { describe, expect, it } from 'vitest';
import { redactContacts } from '../../../../server/pipeline/text/redact.js';
import { foldForMatching } from '../../../../server/pipeline/text/redact-fold.js';
import { mergeSpans } from '../../../../server/pipeline/text/redact-spans.js';

describe('redactContacts', () => {
  it.each([
    ['Rappelez-moi au 06 39 98 12 34 svp', 'Rappelez-moi au ••• svp'],
    ['mon numéro: 06.39.98.12.34.', 'mon numéro: •••.'],
    ['+33 6 39 98 00 01 ou +33639980002', '••• ou •••'],
    ['UK: +44 7700 900123, home 07700 900456', 'UK: •••, home •••'],
    ['US +1 925 392 0364', 'US •••'],
    ['0044 7700 900123', '•••'],
    ['écrivez à jean.dupont@example.org ou Zoé+débat@mairie.example.fr', 'écrivez à ••• ou •••'],
  ])('redacts %j', (input, output) => {
    expect(redactContacts(input)).toBe(output);
  });

  it.each([
    // The second number of a list used to keep eight of its digits.
    ['06 12 34 56 78, 07 98 76 54 32 / 01.23.45.67.89', '•••, •••'],
    ['appelle-moi0612345678', 'appelle-moi•••'],
    ['tel:0612345678', 'tel:•••'],
    ['Nom06 12 34 56 78', 'Nom•••'],
    ['(514) 555-0199 ou +1 (514) 555-0199', '••• ou •••'],
    ['+33 (0)6 12 34 56 78', '•••'],
    ['Tél. : +33 6 12 34 56 78 / +33 7 98 76 54 32', 'Tél. : ••• / •••'],
    // A number in brackets keeps the brackets it does not close itself.
    ['rappel (0612345678) merci', 'rappel (•••) merci'],
  ])('redacts whole numbers, glued or listed: %j', (input, output) => {
    expect(redactContacts(input)).toBe(output);
  });

  it('redacts the original text at the right place when the digits are fullwidth or Arabic-Indic', () => {
    expect(redactContacts('Appelle le ０６ １２ ３４ ５６ ７８ stp')).toBe('Appelle le ••• stp');
    expect(redactContacts('رقمي ٠٦١٢٣٤٥٦٧٨ شكرا')).toBe('رقمي ••• شكرا');
    expect(redactContacts('شماره ۰۶۱۲۳۴۵۶۷۸ ممنون')).toBe('شماره ••• ممنون');
    // A character NFKC turns into several (`①` is one, `⑴` three) keeps the spans of what follows right.
    expect(redactContacts('⑴ ﬁn : jean＠exemple．fr, ok')).toBe('⑴ ﬁn : •••, ok');
  });

  it.each([
    ['jean [at] exemple [dot] fr', '•••'],
    ['jean(at)exemple.fr', '•••'],
    ['jean at exemple dot fr', '•••'],
    ['jean @ exemple.fr', '•••'],
    ['jean＠exemple．fr', '•••'],
    ['jean arobase exemple point fr', '•••'],
    ['jean[@]exemple.fr', '•••'],
    ['"john doe"@example.org', '•••'],
    ['root@[192.168.0.1] et ops@[IPv6:2001:db8::1]', '••• et •••'],
    ['user@localhost', '•••'],
    ['<jean@exemple.fr>.', '<•••>.'],
  ])('redacts the address %j', (input, output) => {
    expect(redactContacts(input)).toBe(output);
  });

  it('takes a fediverse handle whole, and leaves a lone mention', () => {
    expect(redactContacts('écris-moi sur @claire@piaille.fr')).toBe('écris-moi sur •••');
    expect(redactContacts('merci @claire')).toBe('merci @claire');
  });

  it('needs a convincing domain after a bare "at" or a spaced "@"', () => {
    expect(redactContacts('write to claire at example.com')).toBe('write to •••');
    expect(redactContacts('see you at 10.30, at St.Pierre')).toBe('see you at 10.30, at St.Pierre');
    expect(redactContacts('Rendez-vous @ Paris.Bisous')).toBe('Rendez-vous @ Paris.Bisous');
    expect(redactContacts('claire @ exemple.xyz')).toBe('•••');
  });

  it.each([
    'Le budget est de 2 500 000 euros en 2026',
    'Séance du 12/03/2026 à 18h30',
    'Article 49.3, 150 places, #Québec2026',
    'suivez @mairie_demo',
    'Le 2026-12-07 de 10h30 à 12:00, 45 % de hausse',
  ])('leaves ordinary figures alone: %j', (text) => {
    expect(redactContacts(text)).toBe(text);
  });

  it("decides six- and seven-digit numbers by the event's countries", () => {
    // A Luxembourg landline: only Luxembourg's metadata knows it.
    expect(redactContacts('tel 47 96 21', { phoneCountries: ['LU'] })).toBe('tel •••');
    expect(redactContacts('tel 47 96 21', { phoneCountries: ['FR', 'US'] })).toBe('tel 47 96 21');
    // Eight digits and more need no country.
    expect(redactContacts('+216 20 123 456, 20 123 456', { phoneCountries: ['FR'] })).toBe('•••, •••');
  });

  it('asks libphonenumber about four short runs a text at most, and takes the others for numbers', () => {
    const text = 'n° 123456, 123457, 123458, 123459, 123460 et 123461';
    expect(redactContacts(text)).toBe('n° 123456, 123457, 123458, 123459, ••• et •••');
  });

  it('keeps an amount by its unit, but never a number that a word or a title follows', () => {
    expect(redactContacts('2500000 € et 12 500 000 habitants')).toBe('2500000 € et 12 500 000 habitants');
    expect(redactContacts("0612345678 t'as vu, 612 345 678 M. Dupont")).toBe("••• t'as vu, ••• M. Dupont");
  });

  it('reads a short number written like a date as a date (a known limit)', () => {
    expect(redactContacts('le 26.12.34', { phoneCountries: ['LU'] })).toBe('le 26.12.34');
    expect(redactContacts('tel 26 12 34', { phoneCountries: ['LU'] })).toBe('tel •••');
  });
});

describe('foldForMatching', () => {
  it('is the text itself when nothing folds', () => {
    const folded = foldForMatching('Appelez le 06 12 34 56 78, café');
    expect(folded.text).toBe('Appelez le 06 12 34 56 78, café');
    expect(folded.original(11, 25)).toEqual([11, 25]);
  });

  it('maps folded spans back to the characters they came from', () => {
    const text = 'a⑴b𝟘١＠';
    const folded = foldForMatching(text);
    expect(folded.text).toBe('a(1)b01@');
    expect(folded.original(1, 4)).toEqual([1, 2]); // `(1)` is `⑴`
    expect(folded.original(2, 3)).toEqual([1, 2]);
    expect(folded.original(5, 6)).toEqual([3, 5]); // `𝟘` is two UTF-16 units
    expect(folded.original(6, 8)).toEqual([5, 7]);
  });
});

describe('mergeSpans', () => {
  it('sorts, and joins spans that overlap or touch', () => {
    expect(
      mergeSpans([
        [10, 12],
        [0, 3],
        [2, 5],
        [5, 6],
        [8, 9],
      ]),
    ).toEqual([
      [0, 6],
      [8, 9],
      [10, 12],
    ]);
  });
});
