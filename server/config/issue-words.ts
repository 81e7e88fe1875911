/**
 * Our own words, in English and French, for the problems zod finds by itself: a form never shows "Too small:
 * expected string to have >=10 characters" or "Invalid option: expected one of…", but "at least 10 characters" /
 * "au moins 10 caractères". Messages the schemas write themselves are translated in field-errors.ts.
 */
import type { z } from 'zod';

export interface Words {
  en: string;
  fr: string;
}

type Issue = z.core.$ZodIssue;

const REQUIRED: Words = { en: 'is required', fr: 'est obligatoire' };
const NOT_VALID: Words = { en: 'is not valid', fr: 'n’est pas valable' };

/** What each expected type asks for, when a value of another type came. */
const EXPECTED: Readonly<Record<string, Words>> = {
  string: { en: 'must be text', fr: 'doit être un texte' },
  number: { en: 'must be a number', fr: 'doit être un nombre' },
  int: { en: 'must be a whole number', fr: 'doit être un nombre entier' },
  boolean: { en: 'must be yes or no', fr: 'doit être oui ou non' },
  array: { en: 'must be a list', fr: 'doit être une liste' },
  object: { en: 'must be a group of settings', fr: 'doit être un groupe de réglages' },
};

const FORMATS: Readonly<Record<string, Words>> = {
  email: { en: 'must be an email address', fr: 'doit être une adresse e-mail' },
  url: { en: 'must be an address such as https://example.org', fr: 'doit être une adresse comme https://example.org' },
  regex: { en: 'is not in the expected form', fr: 'n’a pas la forme attendue' },
};

const number = (value: number | bigint, lang: 'en' | 'fr') =>
  new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 6 }).format(value);

/** Both languages for a problem zod found with its own message. */
export function issueWords(issue: Issue): Words {
  switch (issue.code) {
    case 'invalid_type':
      if (isMissing(issue)) return REQUIRED;
      return EXPECTED[issue.expected] ?? NOT_VALID;
    case 'too_small':
      return tooSmall(issue);
    case 'too_big':
      return tooBig(issue);
    case 'invalid_format':
      return FORMATS[issue.format] ?? NOT_VALID;
    case 'invalid_value':
      return { en: 'choose one of the options offered', fr: 'choisissez l’une des options proposées' };
    case 'not_multiple_of':
      return {
        en: `must be a multiple of ${number(issue.divisor, 'en')}`,
        fr: `doit être un multiple de ${number(issue.divisor, 'fr')}`,
      };
    case 'unrecognized_keys':
      return {
        en: `unknown setting: ${issue.keys.join(', ')}`,
        fr: `réglage inconnu\u00a0: ${issue.keys.join(', ')}`,
      };
    default:
      return NOT_VALID;
  }
}

function isMissing(issue: Extract<Issue, { code: 'invalid_type' }>): boolean {
  return ('input' in issue && issue.input === undefined) || /received undefined/.test(issue.message);
}

function tooSmall(issue: Extract<Issue, { code: 'too_small' }>): Words {
  const { minimum, inclusive } = issue;
  const min = (lang: 'en' | 'fr') => number(minimum, lang);
  switch (issue.origin) {
    case 'string':
      if (Number(minimum) <= 1) return REQUIRED;
      return { en: `at least ${min('en')} characters`, fr: `au moins ${min('fr')} caractères` };
    case 'array':
    case 'set':
      if (Number(minimum) <= 1) return { en: 'give at least one', fr: 'indiquez-en au moins un' };
      return { en: `at least ${min('en')} entries`, fr: `au moins ${min('fr')} éléments` };
    default:
      return inclusive === false
        ? { en: `must be more than ${min('en')}`, fr: `doit valoir plus de ${min('fr')}` }
        : { en: `must be at least ${min('en')}`, fr: `doit valoir au moins ${min('fr')}` };
  }
}

function tooBig(issue: Extract<Issue, { code: 'too_big' }>): Words {
  const { maximum, inclusive } = issue;
  const max = (lang: 'en' | 'fr') => number(maximum, lang);
  switch (issue.origin) {
    case 'string':
      return { en: `at most ${max('en')} characters`, fr: `au plus ${max('fr')} caractères` };
    case 'array':
    case 'set':
      return { en: `at most ${max('en')} entries`, fr: `au plus ${max('fr')} éléments` };
    default:
      return inclusive === false
        ? { en: `must be less than ${max('en')}`, fr: `doit valoir moins de ${max('fr')}` }
        : { en: `must be at most ${max('en')}`, fr: `doit valoir au plus ${max('fr')}` };
  }
}
