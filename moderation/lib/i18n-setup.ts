/** The first-run set-up page, in French and in English. */
import type { Language } from '../../server/protocol/event.js';
import { formatWait } from '../../wall/lib/language.js';
import type { FieldProblem, SetupField } from './setup.js';

export interface SetupMessages {
  title: string;
  intro: string;
  token: string;
  tokenHint: string;
  name: string;
  nameHint: string;
  password: string;
  passwordHint: string;
  confirm: string;
  language: string;
  submit: string;
  submitting: string;
  /** Shown as a toast once the account exists and the console opens. */
  created: (name: string) => string;
  problems: Record<SetupField, Partial<Record<FieldProblem, string>>>;
  /** For a problem without its own wording above. */
  invalid: string;
  done: string;
  toSignIn: string;
  rateLimited: (seconds: number | null) => string;
  network: string;
}

const fr: SetupMessages = {
  title: 'Première configuration',
  intro:
    'Aucun compte administrateur n’existe encore. Choisissez le nom et le mot de passe de l’administrateur, ' +
    'ainsi que la langue de la console.',
  token: 'Jeton de configuration',
  tokenHint: 'Affiché par le serveur à son démarrage\u00a0; déjà rempli si vous avez ouvert le lien affiché.',
  name: 'Nom de l’administrateur',
  nameHint: '2 à 40 caractères\u00a0: lettres, chiffres, espaces, . _ et -.',
  password: 'Mot de passe',
  passwordHint: 'Au moins 10 caractères.',
  confirm: 'Confirmez le mot de passe',
  language: 'Langue de la console',
  submit: 'Créer le compte administrateur',
  submitting: 'Création…',
  created: (name) => `Compte «\u00a0${name}\u00a0» créé. Bienvenue\u00a0!`,
  problems: {
    token: {
      required: 'Collez le jeton affiché par le serveur.',
      wrongToken:
        'Ce n’est pas le jeton affiché au dernier démarrage du serveur. Recopiez-le depuis la sortie du serveur.',
      refused: 'Le serveur refuse ce jeton.',
    },
    name: {
      required: 'Choisissez un nom.',
      tooShort: 'Au moins 2 caractères.',
      tooLong: 'Au plus 40 caractères.',
      badCharacters: 'Seulement des lettres, chiffres, espaces, . _ et -.',
      taken: 'Ce nom est déjà celui d’un modérateur.',
      refused: 'Le serveur refuse ce nom.',
    },
    password: {
      required: 'Choisissez un mot de passe.',
      tooShort: 'Au moins 10 caractères.',
      tooLong: 'Au plus 200 caractères.',
      refused: 'Le serveur refuse ce mot de passe.',
    },
    confirm: { mismatch: 'Les deux mots de passe diffèrent.' },
  },
  invalid: 'Valeur refusée.',
  done: 'La configuration est déjà faite\u00a0: connectez-vous avec le compte administrateur.',
  toSignIn: 'Aller à la connexion',
  rateLimited: (seconds) =>
    seconds === null
      ? 'Trop de jetons erronés. Réessayez dans un moment.'
      : `Trop de jetons erronés. Réessayez dans ${formatWait(seconds, 'fr')}.`,
  network: 'Le serveur ne répond pas. Vérifiez la connexion et réessayez.',
};

const en: SetupMessages = {
  title: 'First set-up',
  intro: "No admin account exists yet. Choose the admin's name and password, and the console's language.",
  token: 'Set-up token',
  tokenHint: 'Printed by the server when it started; already filled in if you opened the printed link.',
  name: 'Admin name',
  nameHint: '2 to 40 characters: letters, digits, spaces, . _ and -.',
  password: 'Password',
  passwordHint: 'At least 10 characters.',
  confirm: 'Confirm the password',
  language: 'Console language',
  submit: 'Create the admin account',
  submitting: 'Creating…',
  created: (name) => `Account "${name}" created. Welcome!`,
  problems: {
    token: {
      required: 'Paste the token printed by the server.',
      wrongToken: "This is not the token printed at the server's last start. Copy it again from the server's output.",
      refused: 'The server refused this token.',
    },
    name: {
      required: 'Choose a name.',
      tooShort: 'At least 2 characters.',
      tooLong: 'At most 40 characters.',
      badCharacters: 'Only letters, digits, spaces, . _ and -.',
      taken: 'A moderator already has this name.',
      refused: 'The server refused this name.',
    },
    password: {
      required: 'Choose a password.',
      tooShort: 'At least 10 characters.',
      tooLong: 'At most 200 characters.',
      refused: 'The server refused this password.',
    },
    confirm: { mismatch: 'The two passwords differ.' },
  },
  invalid: 'Not accepted.',
  done: 'Set-up is already done: sign in with the admin account.',
  toSignIn: 'Go to sign-in',
  rateLimited: (seconds) =>
    seconds === null
      ? 'Too many wrong tokens. Please try again in a moment.'
      : `Too many wrong tokens. Please try again in ${formatWait(seconds, 'en')}.`,
  network: 'The server is not answering. Check the connection and try again.',
};

export const setupMessages: Record<Language, SetupMessages> = { fr, en };

/** The language choices, each named in its own language. */
export const LANGUAGE_CHOICES: readonly { lang: Language; name: string }[] = [
  { lang: 'fr', name: 'Français' },
  { lang: 'en', name: 'English' },
];

export function fieldProblemText(field: SetupField, problem: FieldProblem, t: SetupMessages): string {
  return t.problems[field][problem] ?? t.invalid;
}
