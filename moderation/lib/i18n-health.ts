/**
 * How the console names sources and says what is wrong with them, in French and English: "SMS +33 6 12 34 56 78",
 * "Mastodon : mastodon.social, piaille.fr", "injoignable", "limite atteinte jusqu’à 10 h 30". The server sends codes
 * and settings (protocol/moderation.ts: SourceIdentity, SourceProblem); the words are all here.
 */
import type { Language } from '../../server/protocol/event.js';
import type { SourceProblem, SourceProblemCode } from '../../server/protocol/moderation.js';

type ProblemOf<C extends SourceProblemCode> = Extract<SourceProblem, { code: C }>;

export interface HealthWords {
  /** "X : #TownHall": a kind's name, then what tells it apart. */
  named: (kind: string, what: string) => string;
  sms: string;
  email: string;
  web: string;
  demo: string;
  /** The list separator of names, instances and addresses. */
  and: string;
  /** A rate limit's end: "jusqu’à 10 h 30", "until 10:30 AM". */
  limitedUntil: (time: string) => string;
  limited: string;
  /** Under the translated problem, the service's or the system's own words, for the admin. */
  technical: string;
  problems: { [C in SourceProblemCode]: (problem: ProblemOf<C>, time: (at: number) => string) => string };
}

const fr: HealthWords = {
  named: (kind, what) => (what ? `${kind}\u00a0: ${what}` : kind),
  sms: 'SMS',
  email: 'Courriel',
  web: 'Formulaire web',
  demo: 'Démo',
  and: ', ',
  limitedUntil: (time) => `Limite atteinte jusqu’à ${time}`,
  limited: 'Limite atteinte',
  technical: 'Détail technique',
  problems: {
    unreachable: ({ host }) => (host ? `${host} injoignable` : 'service injoignable'),
    no_network: () => 'pas de réseau\u00a0: le serveur de Murmure n’a pas accès à Internet',
    timeout: ({ host }) => (host ? `${host} ne répond pas à temps` : 'pas de réponse à temps'),
    connection_lost: ({ host }) =>
      host ? `connexion à ${host} perdue, reconnexion…` : 'connexion perdue, reconnexion…',
    unauthorized: ({ host }) =>
      host
        ? `identifiants refusés par ${host} (jeton ou mot de passe)`
        : 'identifiants refusés (jeton ou mot de passe)',
    forbidden: () => 'accès non compris dans l’offre de ce compte',
    rate_limited: ({ until }, time) => (until ? `limite atteinte jusqu’à ${time(until)}` : 'limite atteinte'),
    server_error: ({ host, status }) =>
      `${host ?? 'le service'} répond par une erreur${status ? ` (HTTP\u00a0${status})` : ''}`,
    no_hashtag: () => 'l’événement n’a aucun mot-dièse à suivre',
    port_in_use: ({ port }) => (port ? `port ${port} déjà utilisé` : 'port déjà utilisé'),
    port_denied: ({ port }) =>
      port ? `port ${port} réservé\u00a0: droits insuffisants` : 'port réservé\u00a0: droits insuffisants',
    other: () => 'erreur inattendue',
  },
};

const en: HealthWords = {
  named: (kind, what) => (what ? `${kind}: ${what}` : kind),
  sms: 'SMS',
  email: 'Email',
  web: 'Web form',
  demo: 'Demo',
  and: ', ',
  limitedUntil: (time) => `Limit reached until ${time}`,
  limited: 'Limit reached',
  technical: 'Technical detail',
  problems: {
    unreachable: ({ host }) => (host ? `${host} unreachable` : 'service unreachable'),
    no_network: () => 'no network: the Murmure server cannot reach the internet',
    timeout: ({ host }) => (host ? `${host} does not answer in time` : 'no answer in time'),
    connection_lost: ({ host }) =>
      host ? `connection to ${host} lost, reconnecting…` : 'connection lost, reconnecting…',
    unauthorized: ({ host }) =>
      host ? `credentials refused by ${host} (token or password)` : 'credentials refused (token or password)',
    forbidden: () => 'not included in this account’s access level',
    rate_limited: ({ until }, time) => (until ? `limit reached until ${time(until)}` : 'limit reached'),
    server_error: ({ host, status }) =>
      `${host ?? 'the service'} answers with an error${status ? ` (HTTP ${status})` : ''}`,
    no_hashtag: () => 'the event has no hashtag to follow',
    port_in_use: ({ port }) => (port ? `port ${port} already in use` : 'port already in use'),
    port_denied: ({ port }) => (port ? `port ${port} needs privileges` : 'the port needs privileges'),
    other: () => 'unexpected error',
  },
};

export const healthWords: Record<Language, HealthWords> = { fr, en };
