/** Every string the wall and the web view show, in French and English, and how the language is chosen. */
import type { Language } from '../../server/protocol/event.js';
import type { SourceKind } from '../../server/protocol/items.js';
import { DEFAULT_LANGUAGE, formatWait, matchLanguage } from './language.js';
import type { FieldProblem, SubmissionFailure } from './submission.js';

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
  live: string;
  reconnecting: string;
  loading: string;
  noEvent: string;
  notFound: string;
  loadFailed: string;
  wallError: string;
  wallEmpty: string;
  pinned: string;
  joinIn: string;
  bySms: (number: string) => string;
  byEmail: (address: string) => string;
  onTheWeb: (url: string) => string;
  feedTitle: string;
  feedEmpty: string;
  newItems: (count: number) => string;
  newItemFrom: (name: string) => string;
  older: string;
  olderFailed: string;
  noOlder: string;
  original: string;
  form: FormMessages;
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
  tooLong: (max: number) => string;
  checkFields: string;
  tooLarge: string;
  rateLimited: (seconds: number | null) => string;
  network: string;
  server: string;
}

const fr: Messages = {
  languageName: 'Français',
  switchLanguage: 'Langue',
  sources: { x: 'X', mastodon: 'Mastodon', bluesky: 'Bluesky', sms: 'SMS', email: 'Courriel', web: 'Formulaire web' },
  live: 'En direct',
  reconnecting: 'Reconnexion…',
  loading: 'Chargement…',
  noEvent: 'Aucun événement n’est configuré pour le moment.',
  notFound: 'Cet événement est introuvable.',
  loadFailed: 'Le serveur ne répond pas. Nouvel essai dans un instant…',
  wallError: 'Ce mur ne peut pas s’afficher pour le moment.',
  wallEmpty: 'Les messages approuvés apparaîtront ici.',
  pinned: 'Épinglé',
  joinIn: 'Participez',
  bySms: (number) => `SMS au ${number}`,
  byEmail: (address) => `Courriel à ${address}`,
  onTheWeb: (url) => `Sur le web\u00a0: ${url}`,
  feedTitle: 'Messages',
  feedEmpty: 'Aucun message pour le moment.',
  newItems: (count) => (count === 1 ? '1 nouveau message' : `${count} nouveaux messages`),
  newItemFrom: (name) => `Nouveau message de ${name}`,
  older: 'Messages plus anciens',
  olderFailed: 'Impossible de charger les messages plus anciens.',
  noOlder: 'Vous êtes au début du fil.',
  original: 'Voir l’original',
  form: {
    title: 'Envoyer un message',
    name: 'Votre nom',
    message: 'Votre message',
    counter: (length, max) => `${length} / ${max} caractères`,
    preModeration: 'Votre message sera affiché après validation par l’équipe de modération.',
    postModeration: 'Votre message s’affichera aussitôt\u00a0; l’équipe de modération peut le retirer.',
    send: 'Envoyer',
    sending: 'Envoi…',
    received: 'Merci\u00a0! Votre message a bien été reçu\u00a0; il sera affiché après modération.',
    shown: 'Merci\u00a0! Votre message est affiché.',
    required: 'Ce champ est obligatoire.',
    tooLong: (max) => `${max} caractères au maximum.`,
    checkFields: 'Vérifiez les champs signalés.',
    tooLarge: 'Ce message est trop volumineux.',
    rateLimited: (seconds) =>
      seconds === null
        ? 'Trop d’envois. Réessayez dans un moment.'
        : `Trop d’envois. Réessayez dans ${formatWait(seconds, 'fr')}.`,
    network: 'Envoi impossible\u00a0: vérifiez votre connexion et réessayez.',
    server: 'Une erreur est survenue. Réessayez dans un moment.',
  },
};

const en: Messages = {
  languageName: 'English',
  switchLanguage: 'Language',
  sources: { x: 'X', mastodon: 'Mastodon', bluesky: 'Bluesky', sms: 'SMS', email: 'Email', web: 'Web form' },
  live: 'Live',
  reconnecting: 'Reconnecting…',
  loading: 'Loading…',
  noEvent: 'No event is set up yet.',
  notFound: 'This event cannot be found.',
  loadFailed: 'The server is not answering. Trying again shortly…',
  wallError: 'This wall cannot be shown right now.',
  wallEmpty: 'Approved messages will appear here.',
  pinned: 'Pinned',
  joinIn: 'Join in',
  bySms: (number) => `Text ${number}`,
  byEmail: (address) => `Email ${address}`,
  onTheWeb: (url) => `On the web: ${url}`,
  feedTitle: 'Messages',
  feedEmpty: 'No messages yet.',
  newItems: (count) => (count === 1 ? '1 new message' : `${count} new messages`),
  newItemFrom: (name) => `New message from ${name}`,
  older: 'Older messages',
  olderFailed: 'Could not load older messages.',
  noOlder: 'You have reached the beginning.',
  original: 'View original',
  form: {
    title: 'Send a message',
    name: 'Your name',
    message: 'Your message',
    counter: (length, max) => `${length} / ${max} characters`,
    preModeration: 'Your message will be shown once a moderator approves it.',
    postModeration: 'Your message will be shown right away; moderators may remove it.',
    send: 'Send',
    sending: 'Sending…',
    received: 'Thank you! Your message was received; it will be shown after moderation.',
    shown: 'Thank you! Your message is on the wall.',
    required: 'This field is required.',
    tooLong: (max) => `${max} characters at most.`,
    checkFields: 'Please check the highlighted fields.',
    tooLarge: 'This message is too large.',
    rateLimited: (seconds) =>
      seconds === null
        ? 'Too many messages. Please try again in a moment.'
        : `Too many messages. Please try again in ${formatWait(seconds, 'en')}.`,
    network: 'Could not send: check your connection and try again.',
    server: 'Something went wrong. Please try again in a moment.',
  },
};

export const messages: Record<Language, Messages> = { fr, en };

/** The sentence for a failed submission, in the page language. */
export function failureText(failure: SubmissionFailure, t: FormMessages): string {
  switch (failure.kind) {
    case 'validation':
      return failure.message ? `${t.checkFields} ${failure.message}` : t.checkFields;
    case 'too_large':
      return t.tooLarge;
    case 'rate_limited':
      return t.rateLimited(failure.retryAfterSeconds);
    case 'network':
      return t.network;
    case 'server':
      return t.server;
  }
}

/** The error shown next to a field; the server's own words when it found the problem. */
export function fieldProblemText(problem: FieldProblem, t: FormMessages): string {
  switch (problem.kind) {
    case 'required':
      return t.required;
    case 'too_long':
      return t.tooLong(problem.max);
    case 'server':
      return problem.message;
  }
}
