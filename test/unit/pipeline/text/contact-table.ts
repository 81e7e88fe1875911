/**
 * The table the redaction is checked against: phone numbers of the countries an event's audience comes from,
 * written every usual way (each separator, `+` and `00`, fullwidth and Arabic-Indic digits, glued to a word),
 * addresses plain and hidden, in lists of one to three, put in each place a private text comes from; and the
 * ordinary figures and words that must come out unchanged. Generated, the same on every run.
 */
import { seeded } from './generated.js';

/** A number as its groups of digits: national (trunk zero) and international forms. */
interface PhoneNumber {
  country: string;
  national: string[];
  international: string[];
}

const PHONES: PhoneNumber[] = [
  { country: 'FR', national: ['06', '12', '34', '56', '78'], international: ['+33', '6', '12', '34', '56', '78'] },
  { country: 'FR', national: ['01', '23', '45', '67', '89'], international: ['+33', '1', '23', '45', '67', '89'] },
  { country: 'BE', national: ['0470', '12', '34', '56'], international: ['+32', '470', '12', '34', '56'] },
  { country: 'CH', national: ['079', '123', '45', '67'], international: ['+41', '79', '123', '45', '67'] },
  { country: 'CA', national: ['514', '555', '0199'], international: ['+1', '514', '555', '0199'] },
  { country: 'US', national: ['925', '392', '0364'], international: ['+1', '925', '392', '0364'] },
  { country: 'GB', national: ['07700', '900', '123'], international: ['+44', '7700', '900', '123'] },
  { country: 'GB', national: ['020', '7946', '0018'], international: ['+44', '20', '7946', '0018'] },
  { country: 'MA', national: ['0661', '23', '45', '67'], international: ['+212', '661', '23', '45', '67'] },
  { country: 'DZ', national: ['0551', '23', '45', '67'], international: ['+213', '551', '23', '45', '67'] },
  { country: 'TN', national: ['20', '123', '456'], international: ['+216', '20', '123', '456'] },
  { country: 'LU', national: ['621', '123', '456'], international: ['+352', '621', '123', '456'] },
  // Six digits: only libphonenumber's Luxembourg metadata knows it. (One that reads as a date, `26.12.34`, stays a
  // date: see redact.test.ts.)
  { country: 'LU', national: ['47', '96', '21'], international: ['+352', '47', '96', '21'] },
  { country: 'MC', national: ['06', '12', '34', '56', '78'], international: ['+377', '6', '12', '34', '56', '78'] },
];

/** Written as a person formats them, not group by group. */
const STYLED = [
  '+33 (0)6 12 34 56 78',
  '(514) 555-0199',
  '+1 (925) 392-0364',
  '1-514-555-0199',
  '+44 (0)20 7946 0018',
  '0033 6 12 34 56 78',
  '00 44 7700 900123',
  '06 12 34 56 78',
];

const SEPARATORS = [' ', '.', '-', '', '\u00A0', '\u202F', '/', ' - '];

const SCRIPTS: Record<string, (text: string) => string> = {
  ascii: (text) => text,
  fullwidth: (text) => text.replace(/[0-9+]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
  arabicIndic: (text) => text.replace(/[0-9]/g, (c) => String.fromCharCode(0x0660 + Number(c))),
  extendedArabicIndic: (text) => text.replace(/[0-9]/g, (c) => String.fromCharCode(0x06f0 + Number(c))),
};

/** What a number may be glued to (or not). */
const GLUES = ['', 'appelle-moi', 'tel:', 'Nom', 'au '];

const LIST_JOINS = [', ', '; ', ' / ', ' et ', ' or ', '\n', ',', ' ou bien '];

export type Place = 'text' | 'name' | 'subject' | 'announcement';
export const PLACES: readonly Place[] = ['text', 'name', 'subject', 'announcement'];

export interface ContactRow {
  place: Place;
  /** The text as written. */
  text: string;
  /** The digits of each number in it, ASCII. */
  numbers: string[];
  /** The parts of each address that must be gone: local part words and domain labels. */
  addressParts: string[];
}

/** Every way {@link PHONES} and {@link STYLED} are written here: 14 × 2 × 8 × 4 + 8 × 4 forms. */
function phoneForms(): { written: string; digits: string }[] {
  const forms: { written: string; digits: string }[] = [];
  for (const phone of PHONES) {
    for (const groups of [phone.national, phone.international]) {
      for (const separator of SEPARATORS) {
        for (const script of Object.values(SCRIPTS)) {
          const ascii = groups.join(separator);
          forms.push({ written: script(ascii), digits: ascii.replace(/\D/g, '') });
        }
      }
    }
  }
  for (const ascii of STYLED) {
    for (const script of Object.values(SCRIPTS))
      forms.push({ written: script(ascii), digits: ascii.replace(/\D/g, '') });
  }
  return forms;
}

/** Each phone form once, in a list of one to three with other forms, glued or not, in one of the places. */
export function phoneRows(): ContactRow[] {
  const forms = phoneForms();
  const next = seeded(2026);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  return forms.map((form, index) => {
    const list = [form, ...Array.from({ length: index % 3 }, () => pick(forms))];
    const join = LIST_JOINS[index % LIST_JOINS.length]!;
    const glue = GLUES[Math.floor(index / 3) % GLUES.length]!;
    return {
      place: PLACES[index % PLACES.length]!,
      text: `Rappel ${glue}${list.map((f) => f.written).join(join)} merci`,
      numbers: list.map((f) => f.digits),
      addressParts: [],
    };
  });
}

/** An address written some way, and the parts of it that must not survive. */
const ADDRESSES: { written: string; parts: string[] }[] = [
  { written: 'jean.dupont@exemple.fr', parts: ['jean', 'dupont', 'exemple'] },
  { written: 'Zoé+débat@mairie.example.org', parts: ['zoé', 'débat', 'mairie', 'example'] },
  { written: 'JEANNE@EXEMPLE.FR', parts: ['jeanne', 'exemple'] },
  { written: 'admin@localhost', parts: ['admin', 'localhost'] },
  { written: 'root@[192.168.0.1]', parts: ['root', '192', '168'] },
  { written: 'ops@[IPv6:2001:db8::1]', parts: ['ops', '2001', 'db8'] },
  { written: '"john doe"@example.org', parts: ['john', 'doe', 'example'] },
  { written: 'claire [at] exemple [dot] fr', parts: ['claire', 'exemple'] },
  { written: 'claire(at)exemple.fr', parts: ['claire', 'exemple'] },
  { written: 'claire (at) exemple (dot) fr', parts: ['claire', 'exemple'] },
  { written: 'claire{at}exemple{dot}fr', parts: ['claire', 'exemple'] },
  { written: 'claire at exemple dot fr', parts: ['claire', 'exemple'] },
  { written: 'claire at exemple.com', parts: ['claire', 'exemple'] },
  { written: 'claire AT exemple DOT org', parts: ['claire', 'exemple'] },
  { written: 'claire @ exemple.fr', parts: ['claire', 'exemple'] },
  { written: 'claire＠exemple．fr', parts: ['claire', 'exemple'] },
  { written: 'ｃｌａｉｒｅ＠ｅｘａｍｐｌｅ．ｆｒ', parts: ['claire', 'exemple'] },
  { written: 'claire arobase exemple point fr', parts: ['claire', 'exemple'] },
  { written: 'claire[@]exemple.fr', parts: ['claire', 'exemple'] },
  { written: 'claire [ at ] mail [ dot ] exemple [ dot ] fr', parts: ['claire', 'mail', 'exemple'] },
  { written: 'jean [dot] dupont [at] exemple [dot] fr', parts: ['jean', 'dupont', 'exemple'] },
  { written: 'jean dot dupont at exemple dot fr', parts: ['jean', 'dupont', 'exemple'] },
  { written: '@claire@piaille.fr', parts: ['claire', 'piaille'] },
  { written: 'mailto:claire@exemple.fr', parts: ['claire', 'exemple'] },
  { written: "o'brien@example.ie", parts: ['brien', 'example'] },
];

/** Each address in each place, alone, in a list, or next to a number. */
export function addressRows(): ContactRow[] {
  const rows: ContactRow[] = [];
  ADDRESSES.forEach((address, index) => {
    for (const place of PLACES) {
      const other = ADDRESSES[(index + 7) % ADDRESSES.length]!;
      const join = LIST_JOINS[(index + rows.length) % LIST_JOINS.length]!;
      rows.push(
        { place, text: `Écrivez à ${address.written} svp`, numbers: [], addressParts: address.parts },
        {
          place,
          text: `Contacts : ${address.written}${join}${other.written}${join}06 12 34 56 78`,
          numbers: ['0612345678'],
          addressParts: [...address.parts, ...other.parts],
        },
      );
    }
  });
  return rows;
}

/** Text that looks a little like a contact and must come out exactly as it went in. */
export const MUST_STAY: readonly string[] = [
  'Rendez-vous en 2026 !',
  'Séance du 07/12/2026 à 18h30',
  'Séance du 7/12/26, puis le 12-07-2026',
  'Le 2026-12-07 à 10:30',
  'Du 07/12/2026 - 08/12/2026',
  'du 07/12-08/12/2026',
  'Mandat 2024-2026, saison 2024/2025',
  'de 10h30 à 12h00, pause 10.30-12.30',
  'Le budget est de 2 500 000 € en 2026',
  'Le budget est de 12 500 000 € (1,5 M€ pour le vélo)',
  'Un budget de 12\u202F500\u202F000\u00A0€',
  '1 250 000 000 habitants',
  '2500000 € et 1500000 habitants',
  '12 500 000 de visiteurs attendus',
  '150 000 personnes, 45 % de participation',
  'Hausse de 12,5 % et 2 500 000 de budget',
  'Article 49.3, 150 places, #JO2024',
  '#Québec2026 #JO2024',
  '75011 Paris',
  'le 12/03/2026 10 personnes',
  'suivez @mairie_demo et @alice',
  'Merci @tous !',
  'see you at 10.30',
  'I am at St.Pierre',
  'meet at home. Then the debate',
  'vous @ 10h, moi @ 11h',
  'Rendez-vous @ Paris.Bisous',
  'Look at this: example.org',
  'https://x.com/mairie/status/1790000000000000000',
  'Version 1.2.3, score 3-2',
];
