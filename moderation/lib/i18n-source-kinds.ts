/**
 * The words of each source kind's form, in French and English (texts in i18n-source-kinds-fr.ts and -en.ts):
 * what the source does, what it needs and where to find it, and each field's label and help, keyed by the field's
 * path in source-fields.ts. Written for communication officers, not developers.
 */
import type { Language } from '../../server/protocol/event.js';
import type { SourceKindName } from '../../server/protocol/admin.js';
import { en } from './i18n-source-kinds-en.js';
import { fr } from './i18n-source-kinds-fr.js';

export interface FieldText {
  label: string;
  /** Where to find the value, or what it changes. */
  help?: string;
  placeholder?: string;
}

export interface KindText {
  name: string;
  /** One line in the "Add a source" choice. */
  summary: string;
  /** At the top of the form: what it needs and where to find it. */
  needs: string;
  /** Under the address to paste elsewhere (Twilio's webhook, the gateway's URL, the mail address). */
  endpointHelp?: string;
  fields: Record<string, FieldText>;
  /** Labels of a select's choices, by stored value. */
  options?: Record<string, string>;
}

export type SourceKindMessages = Record<SourceKindName, KindText>;

export const sourceKindMessages: Record<Language, SourceKindMessages> = { fr, en };

/** A field's words; its path when a text is missing (a test checks none is). */
export function fieldText(kinds: SourceKindMessages, kind: SourceKindName, path: string): FieldText {
  return kinds[kind].fields[path] ?? { label: path };
}
