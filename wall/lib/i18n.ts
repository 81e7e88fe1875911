/** Every string the wall and the web view show, in French and English, and how the language is chosen. */
import type { Language } from '../../server/protocol/event.js';
import type { SourceKind } from '../../server/protocol/items.js';
import { en } from './i18n-en.js';
import { fr } from './i18n-fr.js';
import { DEFAULT_LANGUAGE, matchLanguage } from './language.js';
import type { FieldProblem, FormField, SubmissionFailure } from './submission.js';

export interface LanguageInputs {
  /** A choice the reader made on the page (web view switch). */
  chosen?: Language | null;
  /** The `?lang=` query parameter. */
  query?: string | null;
  /** The event's `wall.languages`; the first is its default. */
  eventLanguages?: readonly Language[];
  /** `navigator.languages`, most preferred first. */
  browser?: readonly string[];
}

/** The reader's choice, then `?lang=`, then the event's default, then the browser's, then French. */
export function pickLanguage(inputs: LanguageInputs): Language {
  if (inputs.chosen) return inputs.chosen;
  const fromQuery = matchLanguage(inputs.query);
  if (fromQuery) return fromQuery;
  const fromEvent = inputs.eventLanguages?.[0];
  if (fromEvent) return fromEvent;
  for (const tag of inputs.browser ?? []) {
    const match = matchLanguage(tag);
    if (match) return match;
  }
  return DEFAULT_LANGUAGE;
}

export interface Messages {
  /** The language's own name, for the switch that offers it. */
  languageName: string;
  switchLanguage: string;
  sources: Record<SourceKind, string>;
  /** What follows a name before its words: `: ` in English, a non-breaking space first in French. */
  colon: string;
  live: string;
  reconnecting: string;
  loading: string;
  noEvent: string;
  notFound: string;
  /** The event was archived by the organisers. */
  ended: string;
  loadFailed: string;
  wallError: string;
  wallEmpty: string;
  pinned: string;
  /** "Announcement", above a moderator's message for the room. */
  announcement: string;
  wall: WallMessages;
  feedTitle: string;
  feedEmpty: string;
  newItems: (count: number) => string;
  newItemFrom: (name: string) => string;
  older: string;
  olderFailed: string;
  noOlder: string;
  /** Accessible name of the link to an item's original post. */
  originalOf: (name: string) => string;
  original: string;
  /** Alternative text of a photo whose author wrote none. */
  photoBy: (name: string) => string;
  skipToFeed: string;
  poweredBy: string;
  form: FormMessages;
}

/** The full-screen wall's own words. */
export interface WallMessages {
  takePart: string;
  postWith: string;
  scan: string;
  sms: string;
  email: string;
  web: string;
  qrAlt: (url: string) => string;
  upNext: string;
  featured: string;
  /** A long message shown a page at a time: which page is up. */
  page: (page: number, pages: number) => string;
  paused: string;
  offline: string;
  /** Accessible name of the list of messages. */
  messages: string;
}

export interface FormMessages {
  title: string;
  name: string;
  message: string;
  counter: (length: number, max: number) => string;
  preModeration: string;
  postModeration: string;
  send: string;
  sending: string;
  received: string;
  shown: string;
  required: string;
  nameRequired: string;
  messageRequired: string;
  tooLong: (max: number) => string;
  photo: string;
  optional: string;
  photoHint: (maxMb: number) => string;
  choosePhoto: string;
  changePhoto: string;
  removePhoto: string;
  photoPreview: string;
  photoType: string;
  photoSize: (maxMb: number) => string;
  checkFields: string;
  tooLarge: string;
  closed: string;
  rateLimited: (seconds: number | null) => string;
  network: string;
  server: string;
}

export const messages: Record<Language, Messages> = { fr, en };

/** The sentence for a failed submission, in the page language. */
export function failureText(failure: SubmissionFailure, t: FormMessages): string {
  switch (failure.kind) {
    case 'validation':
      return failure.message ? `${t.checkFields} ${failure.message}` : t.checkFields;
    case 'too_large':
      return failure.message ?? t.tooLarge;
    case 'closed':
      return failure.message ?? t.closed;
    case 'rate_limited':
      return t.rateLimited(failure.retryAfterSeconds);
    case 'network':
      return t.network;
    case 'server':
      return t.server;
  }
}

/** The error shown next to a field; the server's own words when it found the problem. */
export function fieldProblemText(problem: FieldProblem, t: FormMessages, field?: FormField): string {
  switch (problem.kind) {
    case 'required':
      return field === 'name' ? t.nameRequired : field === 'message' ? t.messageRequired : t.required;
    case 'too_long':
      return t.tooLong(problem.max);
    case 'photo_type':
      return t.photoType;
    case 'photo_size':
      return t.photoSize(megabytes(problem.maxBytes));
    case 'server':
      return problem.message;
  }
}

/** Bytes as whole megabytes (1 MB = 1024 × 1024 bytes, as the server counts). */
export function megabytes(bytes: number): number {
  return Math.round((bytes / (1024 * 1024)) * 10) / 10;
}
