/** Every string of the moderation console, in French and English, and how the language is chosen. */
import type { Language } from '../../server/protocol/event.js';
import type { FilterReason, ItemFlag, ItemStatus, SourceKind } from '../../server/protocol/items.js';
import type { ErrorCode, ModerationAction } from '../../server/protocol/socket.js';
import { DEFAULT_LANGUAGE, formatWait, matchLanguage } from '../../wall/lib/language.js';
import type { ActionLabel } from './queue.js';

/** The key under which the console remembers the moderator's language choice. */
export const LANGUAGE_STORAGE_KEY = 'murmure.moderation.lang';

/** The language saved by the switch, then the browser's, then French. */
export function pickConsoleLanguage(stored: string | null, browser: readonly string[]): Language {
  const saved = matchLanguage(stored);
  if (saved) return saved;
  for (const tag of browser) {
    const match = matchLanguage(tag);
    if (match) return match;
  }
  return DEFAULT_LANGUAGE;
}

/** Codes of a failed request: the server's, or the console's own when no answer came. */
export type ConsoleErrorCode = ErrorCode | 'timeout' | 'disconnected' | 'network';

export interface ConsoleError {
  code: ConsoleErrorCode;
  /** The server's own message, shown after the translated explanation. */
  message: string;
}

export type LoginProblem =
  | { kind: 'invalid' }
  | { kind: 'rate_limited'; retryAfterSeconds: number | null }
  | { kind: 'network' }
  | { kind: 'expired' };

export interface ConsoleMessages {
  languageName: string;
  switchLanguage: string;
  title: string;
  loading: string;
  login: {
    title: string;
    name: string;
    password: string;
    submit: string;
    submitting: string;
    invalid: string;
    rateLimited: (seconds: number | null) => string;
    network: string;
    expired: string;
  };
  signedInAs: (name: string) => string;
  logout: string;
  event: string;
  noEvents: string;
  connected: string;
  reconnecting: string;
  statusesLabel: string;
  statuses: Record<ItemStatus, string>;
  empty: Record<ItemStatus, string>;
  actions: Record<ActionLabel, string>;
  /** Who did what, `by` being null when it was the moderator reading. */
  notice: (by: string | null, action: ModerationAction, author: string) => string;
  moderatedBy: (name: string, status: ItemStatus) => string;
  sources: Record<SourceKind, string>;
  flags: Record<ItemFlag, string>;
  reasons: Record<FilterReason['rule'], string>;
  inReplyTo: (name: string) => string;
  quoting: (name: string) => string;
  /** Punctuation before a value: French puts a space before the colon. */
  colon: string;
  contact: string;
  openMedia: (index: number) => string;
  original: string;
  pinned: string;
  loadMore: string;
  dismiss: string;
  errors: Record<ConsoleErrorCode, string>;
}

const fr: ConsoleMessages = {
  languageName: 'Français',
  switchLanguage: 'Langue',
  title: 'Modération',
  loading: 'Chargement…',
  login: {
    title: 'Connexion à la modération',
    name: 'Nom',
    password: 'Mot de passe',
    submit: 'Se connecter',
    submitting: 'Connexion…',
    invalid: 'Nom ou mot de passe incorrect.',
    rateLimited: (seconds) =>
      seconds === null
        ? 'Trop de tentatives. Réessayez dans un moment.'
        : `Trop de tentatives. Réessayez dans ${formatWait(seconds, 'fr')}.`,
    network: 'Le serveur ne répond pas. Vérifiez la connexion et réessayez.',
    expired: 'Votre session a expiré. Reconnectez-vous.',
  },
  signedInAs: (name) => `Session de ${name}`,
  logout: 'Se déconnecter',
  event: 'Événement',
  noEvents: 'Aucun événement n’est configuré.',
  connected: 'En direct',
  reconnecting: 'Reconnexion…',
  statusesLabel: 'Files de messages',
  statuses: { pending: 'En attente', approved: 'Approuvés', rejected: 'Rejetés', hidden: 'Masqués' },
  empty: {
    pending: 'Aucun message en attente.',
    approved: 'Aucun message approuvé.',
    rejected: 'Aucun message rejeté.',
    hidden: 'Aucun message masqué.',
  },
  actions: {
    approve: 'Approuver',
    reject: 'Rejeter',
    hide: 'Masquer',
    pin: 'Épingler',
    unpin: 'Désépingler',
    restore: 'Rétablir',
  },
  notice: (by, action, author) => {
    const done: Record<ModerationAction, string> = {
      approve: 'Approuvé',
      reject: 'Rejeté',
      hide: 'Masqué',
      pin: 'Épinglé',
      unpin: 'Désépinglé',
    };
    return `${done[action]} par ${by ?? 'vous'} (auteur\u00a0: ${author})`;
  },
  moderatedBy: (name, status) => {
    const done: Record<ItemStatus, string> = {
      pending: 'Remis en attente',
      approved: 'Approuvé',
      rejected: 'Rejeté',
      hidden: 'Masqué',
    };
    return `${done[status]} par ${name}`;
  },
  sources: { x: 'X', mastodon: 'Mastodon', bluesky: 'Bluesky', sms: 'SMS', email: 'Courriel', web: 'Formulaire web' },
  flags: {
    sensitive: 'Sensible',
    'content-warning': 'Avertissement de contenu',
    'edited-after-approval': 'Modifié après approbation',
    reply: 'Réponse',
    quote: 'Citation',
  },
  reasons: {
    blocklist: 'Mot bloqué',
    'banned-author': 'Auteur banni',
    'trusted-author': 'Auteur de confiance',
    mode: 'Mode de modération',
    edited: 'Modifié',
  },
  inReplyTo: (name) => `En réponse à ${name}`,
  quoting: (name) => `Cite ${name}`,
  colon: '\u00a0: ',
  contact: 'Contact',
  openMedia: (index) => `Ouvrir le média ${index}`,
  original: 'Voir l’original',
  pinned: 'Épinglé',
  loadMore: 'Afficher plus',
  dismiss: 'Fermer',
  errors: {
    conflict: 'Un autre modérateur a déjà traité ce message\u00a0; la liste est mise à jour.',
    timeout: 'Le serveur n’a pas répondu à temps. Réessayez.',
    disconnected: 'Connexion perdue\u00a0: action non envoyée. Réessayez après la reconnexion.',
    network: 'Le serveur ne répond pas.',
    bad_request: 'Demande refusée par le serveur.',
    unauthorized: 'Votre session a expiré. Reconnectez-vous.',
    forbidden: 'Vous n’avez pas le droit de faire cela.',
    not_found: 'Ce message n’existe plus.',
    rate_limited: 'Trop de demandes. Patientez un instant.',
    payload_too_large: 'Demande trop volumineuse.',
    bad_gateway: 'Un service extérieur n’a pas répondu correctement.',
    internal: 'Erreur du serveur.',
  },
};

const en: ConsoleMessages = {
  languageName: 'English',
  switchLanguage: 'Language',
  title: 'Moderation',
  loading: 'Loading…',
  login: {
    title: 'Moderation sign-in',
    name: 'Name',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    invalid: 'Wrong name or password.',
    rateLimited: (seconds) =>
      seconds === null
        ? 'Too many attempts. Please try again in a moment.'
        : `Too many attempts. Please try again in ${formatWait(seconds, 'en')}.`,
    network: 'The server is not answering. Check the connection and try again.',
    expired: 'Your session has expired. Please sign in again.',
  },
  signedInAs: (name) => `Signed in: ${name}`,
  logout: 'Sign out',
  event: 'Event',
  noEvents: 'No event is set up.',
  connected: 'Live',
  reconnecting: 'Reconnecting…',
  statusesLabel: 'Message queues',
  statuses: { pending: 'Pending', approved: 'Approved', rejected: 'Rejected', hidden: 'Hidden' },
  empty: {
    pending: 'No messages waiting.',
    approved: 'No approved messages.',
    rejected: 'No rejected messages.',
    hidden: 'No hidden messages.',
  },
  actions: { approve: 'Approve', reject: 'Reject', hide: 'Hide', pin: 'Pin', unpin: 'Unpin', restore: 'Restore' },
  notice: (by, action, author) => {
    const done: Record<ModerationAction, string> = {
      approve: 'Approved',
      reject: 'Rejected',
      hide: 'Hidden',
      pin: 'Pinned',
      unpin: 'Unpinned',
    };
    return `${done[action]} by ${by ?? 'you'} (author: ${author})`;
  },
  moderatedBy: (name, status) => {
    const done: Record<ItemStatus, string> = {
      pending: 'Put back in the queue',
      approved: 'Approved',
      rejected: 'Rejected',
      hidden: 'Hidden',
    };
    return `${done[status]} by ${name}`;
  },
  sources: { x: 'X', mastodon: 'Mastodon', bluesky: 'Bluesky', sms: 'SMS', email: 'Email', web: 'Web form' },
  flags: {
    sensitive: 'Sensitive',
    'content-warning': 'Content warning',
    'edited-after-approval': 'Edited after approval',
    reply: 'Reply',
    quote: 'Quote',
  },
  reasons: {
    blocklist: 'Blocked word',
    'banned-author': 'Banned author',
    'trusted-author': 'Trusted author',
    mode: 'Moderation mode',
    edited: 'Edited',
  },
  inReplyTo: (name) => `In reply to ${name}`,
  quoting: (name) => `Quoting ${name}`,
  colon: ': ',
  contact: 'Contact',
  openMedia: (index) => `Open media ${index}`,
  original: 'View original',
  pinned: 'Pinned',
  loadMore: 'Show more',
  dismiss: 'Dismiss',
  errors: {
    conflict: 'Another moderator already acted on this message; the list is being updated.',
    timeout: 'The server did not answer in time. Please try again.',
    disconnected: 'Connection lost: the action was not sent. Try again once reconnected.',
    network: 'The server is not answering.',
    bad_request: 'The server refused the request.',
    unauthorized: 'Your session has expired. Please sign in again.',
    forbidden: 'You are not allowed to do that.',
    not_found: 'This message no longer exists.',
    rate_limited: 'Too many requests. Please wait a moment.',
    payload_too_large: 'Request too large.',
    bad_gateway: 'An outside service did not answer properly.',
    internal: 'Server error.',
  },
};

export const messages: Record<Language, ConsoleMessages> = { fr, en };

/** The translated explanation, then the server's own words when it gave some. */
export function errorText(error: ConsoleError, t: ConsoleMessages): string {
  const explanation = t.errors[error.code];
  return error.message && error.message !== explanation ? `${explanation} (${error.message})` : explanation;
}

export function loginProblemText(problem: LoginProblem, t: ConsoleMessages): string {
  switch (problem.kind) {
    case 'invalid':
      return t.login.invalid;
    case 'rate_limited':
      return t.login.rateLimited(problem.retryAfterSeconds);
    case 'network':
      return t.login.network;
    case 'expired':
      return t.login.expired;
  }
}
