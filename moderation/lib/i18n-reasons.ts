/**
 * Why the server refused a request, in the console's language: the server sends a stable reason with its
 * parameters (protocol/socket.ts: Reason) beside English words meant for logs; the console says it here.
 */
import type { Language } from '../../server/protocol/event.js';
import type { ItemStatus } from '../../server/protocol/items.js';
import type { Reason, ReasonKey } from '../../server/protocol/socket.js';

type ReasonOf<K extends ReasonKey> = Extract<Reason, { key: K }>;

/** `who` names an actor as the console does ("the hold delay" for `hold`, a moderator by name). */
export type ReasonWords = { [K in ReasonKey]: (reason: ReasonOf<K>, who: (actor: string) => string) => string };

const frMoved: Record<ItemStatus, (by: string | null) => string> = {
  pending: (by) => (by ? `${by} a remis ce message en attente.` : 'Ce message a été remis en attente.'),
  approved: (by) => (by ? `${by} a déjà approuvé ce message.` : 'Ce message est déjà approuvé.'),
  rejected: (by) => (by ? `${by} a déjà rejeté ce message.` : 'Ce message est déjà rejeté.'),
  hidden: (by) => (by ? `${by} a déjà masqué ce message.` : 'Ce message est déjà masqué.'),
};

const enMoved: Record<ItemStatus, (by: string | null) => string> = {
  pending: (by) => (by ? `${by} put this message back in the queue.` : 'This message went back to the queue.'),
  approved: (by) => (by ? `${by} already approved this message.` : 'This message is already approved.'),
  rejected: (by) => (by ? `${by} already rejected this message.` : 'This message is already rejected.'),
  hidden: (by) => (by ? `${by} already hid this message.` : 'This message is already hidden.'),
};

const fr: ReasonWords = {
  item_moved: ({ status, by }, who) => frMoved[status](by === null ? null : who(by)),
  changed_meanwhile: () => 'Quelqu’un d’autre a modifié ce message entre-temps.',
  already_pinned: () => 'Ce message est déjà épinglé.',
  not_pinned: () => 'Ce message n’est pas épinglé.',
  nothing_to_undo: () => 'Vous n’avez pas d’action à annuler sur ce message.',
  not_on_wall: () => 'Seul un message affiché sur le mur peut être mis en avant.',
  no_item: () => 'Ce message n’existe plus.',
  no_event: ({ event }) => `L’événement «\u00a0${event}\u00a0» n’existe pas ou plus.`,
  unknown_cursor: () => 'Cette page n’est plus valable\u00a0: rechargez la liste.',
  invalid_request: ({ fields }) =>
    fields.length > 0 && fields.some((field) => field !== '')
      ? `Valeur refusée par le serveur (${fields.filter(Boolean).join(', ')}).`
      : 'Demande refusée par le serveur.',
  session_ended: () => 'Votre session a pris fin\u00a0: reconnectez-vous.',
  server_failed: () => 'Le serveur n’a pas pu le faire\u00a0; rien n’a été modifié.',
  admins_only: () => 'Seul un administrateur peut gérer les comptes.',
  account_exists: ({ name }) => `Le compte «\u00a0${name}\u00a0» existe déjà.`,
  no_account: ({ name }) => `Aucun compte ne s’appelle «\u00a0${name}\u00a0».`,
  own_account: () => 'Vous ne pouvez pas supprimer votre propre compte.',
  last_admin: () => 'Le dernier administrateur ne peut pas être supprimé.',
};

const en: ReasonWords = {
  item_moved: ({ status, by }, who) => enMoved[status](by === null ? null : who(by)),
  changed_meanwhile: () => 'Someone else changed this message in the meantime.',
  already_pinned: () => 'This message is already pinned.',
  not_pinned: () => 'This message is not pinned.',
  nothing_to_undo: () => 'You have no action to undo on this message.',
  not_on_wall: () => 'Only a message on the wall can be put in the spotlight.',
  no_item: () => 'This message no longer exists.',
  no_event: ({ event }) => `There is no event "${event}" (any more).`,
  unknown_cursor: () => 'This page is no longer valid: reload the list.',
  invalid_request: ({ fields }) =>
    fields.length > 0 && fields.some((field) => field !== '')
      ? `The server refused a value (${fields.filter(Boolean).join(', ')}).`
      : 'The server refused the request.',
  session_ended: () => 'Your session has ended: sign in again.',
  server_failed: () => 'The server could not do that; nothing was changed.',
  admins_only: () => 'Only an admin can manage accounts.',
  account_exists: ({ name }) => `The account "${name}" already exists.`,
  no_account: ({ name }) => `There is no account "${name}".`,
  own_account: () => 'You cannot remove your own account.',
  last_admin: () => 'The last admin cannot be removed.',
};

export const reasonWords: Record<Language, ReasonWords> = { fr, en };

/** The reason in words, or null for a reason this console does not know (a newer server). */
export function reasonText(reason: Reason, lang: Language, who: (actor: string) => string): string | null {
  const say = reasonWords[lang][reason.key] as ((reason: Reason, who: (actor: string) => string) => string) | undefined;
  return say ? say(reason, who) : null;
}
