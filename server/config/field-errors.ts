/**
 * The configuration schema's problems as a console form shows them: one message per field, in English and French.
 * The schema's own messages are written for the file (in English); here each gets its French words. Zod's built-in
 * ones ("Too small: expected string to have >=10 characters") never reach a form: issue-words.ts says them in
 * words of ours, in both languages.
 */
import type { z } from 'zod';
import type { AdminFieldError } from '../protocol/admin.js';
import { issueWords } from './issue-words.js';

/** French for each message the schemas (schema.ts, sources.ts) write themselves. */
const FRENCH: Readonly<Record<string, string>> = {
  'list at least one address': 'indiquez au moins une adresse',
  'list at least one instance': 'indiquez au moins une instance',
  'lists the same address twice': 'contient deux fois la même adresse',
  'lists the same instance twice': 'contient deux fois la même instance',
  'must be a hashtag made of letters, digits and _': 'doit être un mot-dièse fait de lettres, de chiffres et de _',
  'must be a hex colour such as #1d4ed8': 'doit être une couleur hexadécimale, par exemple #1d4ed8',
  'must be an email address': 'doit être une adresse e-mail',
  'must be at least 0.05 seconds (12 suits the public rate limit)':
    'doit valoir au moins 0,05 seconde (12 respecte la limite publique)',
  'must be at least 0.05': 'doit valoir au moins 0,05',
  'must be at least 0.1': 'doit valoir au moins 0,1',
  'must be at least 1024 bytes': 'doit valoir au moins 1024 octets',
  'must be at most 1440 (a day)': 'doit valoir au plus 1440 (une journée)',
  'must be at most 30': 'doit valoir au plus 30',
  'must be at most 50 MB (52428800 bytes)': 'doit valoir au plus 50 Mo (52428800 octets)',
  'must be at most 60': 'doit valoir au plus 60',
  'must be in international format, e.g. +33 6 12 34 56 78':
    'doit être au format international, par exemple +33 6 12 34 56 78',
  'must be lowercase letters, digits and dashes (e.g. "town-hall-2026")':
    'doit être fait de minuscules, de chiffres et de tirets (par exemple «\u00a0debat-2026\u00a0»)',
  'must look like AC followed by 32 hexadecimal digits': 'doit commencer par AC suivi de 32 chiffres hexadécimaux',
  'must not be empty': 'ne doit pas être vide',
  'must be a ws:// or wss:// URL': 'doit être une adresse ws:// ou wss://',
  'must be an http:// or https:// URL': 'doit être une adresse http:// ou https://',
  'must be an https:// URL': 'doit être une adresse https://',
  'must differ from mailbox': 'doit être différent du dossier lu',
  'needs either a password or an OAuth2 accessToken (not both)':
    'demande soit un mot de passe, soit un jeton OAuth2 (pas les deux)',
  'kind must be one of x, mastodon, bluesky, twilio, sms-gateway, email-smtp, email-imap, web, demo':
    'type de source inconnu',
};

/** Messages worded for the file that read better otherwise in a form. */
const IN_A_FORM: Readonly<Record<string, { en: string; fr: string }>> = {
  'must not be empty (use "${ENV_VAR}" to read it from the environment)': {
    en: 'is required',
    fr: 'est obligatoire',
  },
};

/** Messages of a failed parse, one per field path (the first problem of each), in both languages. */
export function fieldErrors(error: z.ZodError): AdminFieldError[] {
  const seen = new Set<string>();
  const fields: AdminFieldError[] = [];
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.');
    if (seen.has(field)) continue;
    seen.add(field);
    fields.push({ field, message: translate(issue) });
  }
  return fields;
}

/** Both languages of one issue. Exported for the test that every schema message has its French. */
export function translate(issue: z.core.$ZodIssue): { en: string; fr: string } {
  const worded = IN_A_FORM[issue.message];
  if (worded) return worded;
  const french = FRENCH[issue.message];
  if (french) return { en: issue.message, fr: french };
  if (issue.code === 'custom') {
    // A check that words itself in both languages gives its French in `params` (config/phone-number.ts).
    const french = (issue.params as { fr?: unknown } | undefined)?.fr;
    // A refinement written without its French keeps its English words; French readers get a plain refusal.
    return { en: issue.message, fr: typeof french === 'string' ? french : 'n’est pas valable' };
  }
  return issueWords(issue);
}

/** The schema messages that have French words, for that test. */
export const TRANSLATED_MESSAGES: readonly string[] = [...Object.keys(FRENCH), ...Object.keys(IN_A_FORM)];
