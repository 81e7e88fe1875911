/**
 * Error messages a member of the public (the web form) or a moderator (the console's guard) reads, in French and
 * English. The language comes from the request's Accept-Language header, which the web view sets to the page's
 * language (and a browser to its own).
 */
import type { Request } from 'express';
import type { Language } from '../protocol/event.js';

const MESSAGES = {
  nameRequired: { fr: 'Indiquez votre nom.', en: 'Please enter your name.' },
  nameTooLong: { fr: 'Le nom fait au plus {max} caractères.', en: 'The name can be at most {max} characters.' },
  messageRequired: { fr: 'Écrivez un message.', en: 'Please write a message.' },
  messageTooLong: {
    fr: 'Le message fait au plus {max} caractères.',
    en: 'The message can be at most {max} characters.',
  },
  invalid: { fr: 'Le formulaire est incomplet.', en: 'The form is incomplete.' },
  photoInvalid: {
    fr: 'La photo doit être une image JPEG, PNG, GIF ou WebP.',
    en: 'The photo must be a JPEG, PNG, GIF or WebP image.',
  },
  photoTooLarge: { fr: 'La photo fait plus de {max}\u00a0Mo.', en: 'The photo is larger than {max} MB.' },
  badKey: {
    fr: "L'en-tête Idempotency-Key doit faire de 8 à 100 lettres, chiffres, - ou _.",
    en: 'The Idempotency-Key header must be 8 to 100 letters, digits, - or _.',
  },
  tooFast: {
    fr: 'Trop de messages en peu de temps\u00a0: réessayez dans une minute.',
    en: 'Too many messages in a short time: try again in a minute.',
  },
  closed: {
    fr: 'Cet événement ne reçoit pas de messages par le web.',
    en: 'This event does not take messages from the web.',
  },
  foreignOrigin: {
    fr: 'Refusé\u00a0: cette demande vient d’une page d’une autre adresse ({origin}), pas de celles de ce serveur. Ouvrez la console à son adresse.',
    en: 'Refused: this request comes from a page at another address ({origin}), not from this server’s own pages. Open the console at its own address.',
  },
  jsonOnly: {
    fr: 'Cette demande doit envoyer du JSON (Content-Type: application/json).',
    en: 'This request must send JSON (Content-Type: application/json).',
  },
} satisfies Record<string, Record<Language, string>>;

export type MessageKey = keyof typeof MESSAGES;

export function requestLanguage(req: Request): Language {
  return req.acceptsLanguages('fr', 'en') === 'fr' ? 'fr' : 'en';
}

export function message(key: MessageKey, language: Language, values: Record<string, string | number> = {}): string {
  return MESSAGES[key][language].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}
