/** The public address panel and its warnings, in French and English. */
import type { Language } from '../../server/protocol/event.js';
import type { AddressKind, PublicAddressSource } from '../../server/protocol/public-address.js';

export interface AddressMessages {
  title: string;
  intro: string;
  inUse: string;
  sources: Record<PublicAddressSource, string>;
  kinds: Record<AddressKind, string>;
  /** The warning on screens that hand out links and QR codes. */
  loopbackWarning: (url: string) => string;
  loopbackWarningHint: string;
  localNote: (url: string) => string;
  fix: string;
  /** The file or flag sets the address: the console's field is read-only. */
  configured: (url: string) => string;
  storedUnused: (url: string) => string;
  candidates: string;
  candidatesHint: string;
  noCandidates: string;
  use: string;
  custom: string;
  customHint: string;
  save: string;
  forget: string;
  saved: (url: string) => string;
  forgotten: string;
  /** Beside a webhook address a gateway on the internet must call. */
  webhookLoopback: string;
  webhookLocal: string;
}

const fr: AddressMessages = {
  title: 'Adresse publique',
  intro:
    'L’adresse à laquelle les téléphones du public et les passerelles SMS joignent ce serveur. Les codes QR, les liens imprimés et les adresses de webhook en sont faits.',
  inUse: 'Adresse utilisée',
  sources: {
    config: 'fixée par le fichier de configuration',
    console: 'choisie dans la console',
    request: 'aucune n’est fixée\u00a0: celle de ce navigateur',
  },
  kinds: {
    loopback: 'cette machine seulement',
    local: 'réseau local seulement',
    public: 'joignable depuis Internet',
  },
  loopbackWarning: (url) =>
    `Les liens et les codes QR mènent à ${url}, que seule cette machine peut ouvrir\u00a0: aucun téléphone du public ne le joindra.`,
  loopbackWarningHint:
    'Le mur n’affiche ni adresse ni code QR tant qu’il en est ainsi (seulement le mot-dièse et le numéro SMS).',
  localNote: (url) =>
    `${url} n’est joignable que sur le réseau local\u00a0: les téléphones doivent être sur le même Wi-Fi que ce serveur.`,
  fix: 'Choisir l’adresse publique',
  configured: (url) =>
    `Le fichier de configuration (ou --public-url) fixe l’adresse\u00a0: ${url}. Il l’emporte sur la console.`,
  storedUnused: (url) => `Adresse choisie dans la console, inutilisée tant que le fichier en fixe une\u00a0: ${url}`,
  candidates: 'Les adresses de cette machine sur le réseau local',
  candidatesHint: 'Pour une salle sans nom de domaine\u00a0: les téléphones connectés au même Wi-Fi la joignent.',
  noCandidates: 'Cette machine n’est connectée à aucun réseau local.',
  use: 'Utiliser',
  custom: 'Autre adresse',
  customHint: 'Un nom de domaine (https://mur.exemple.fr) ou une adresse et un port (192.168.1.20:8080).',
  save: 'Enregistrer',
  forget: 'Oublier l’adresse choisie',
  saved: (url) => `Adresse publique\u00a0: ${url}. Les murs ouverts l’affichent déjà.`,
  forgotten: 'Adresse publique oubliée.',
  webhookLoopback:
    'Cette adresse ne peut pas être jointe depuis l’extérieur\u00a0: la passerelle SMS n’y arrivera pas. Fixez d’abord une adresse publique.',
  webhookLocal:
    'Adresse du réseau local\u00a0: une passerelle SMS sur Internet ne peut pas la joindre. Il faut une adresse publique (nom de domaine).',
};

const en: AddressMessages = {
  title: 'Public address',
  intro:
    'The address at which the audience’s phones and SMS gateways reach this server. QR codes, printed links and webhook addresses are made of it.',
  inUse: 'Address in use',
  sources: {
    config: 'set by the configuration file',
    console: 'chosen in the console',
    request: 'none is set: this browser’s own',
  },
  kinds: {
    loopback: 'this machine only',
    local: 'local network only',
    public: 'reachable from the internet',
  },
  loopbackWarning: (url) =>
    `Links and QR codes lead to ${url}, which only this machine can open: no phone in the audience will reach it.`,
  loopbackWarningHint:
    'The wall shows no address and no QR code while this is so (only the hashtag and the SMS number).',
  localNote: (url) => `${url} is reachable on the local network only: phones must be on the same Wi-Fi as this server.`,
  fix: 'Choose the public address',
  configured: (url) => `The configuration file (or --public-url) sets the address: ${url}. It wins over the console.`,
  storedUnused: (url) => `Address chosen in the console, unused while the file sets one: ${url}`,
  candidates: 'This machine’s addresses on the local network',
  candidatesHint: 'For a venue without a domain name: phones on the same Wi-Fi reach it.',
  noCandidates: 'This machine is not connected to any local network.',
  use: 'Use',
  custom: 'Another address',
  customHint: 'A domain name (https://wall.example.org) or an address and port (192.168.1.20:8080).',
  save: 'Save',
  forget: 'Forget the chosen address',
  saved: (url) => `Public address: ${url}. Open walls already show it.`,
  forgotten: 'Public address forgotten.',
  webhookLoopback:
    'This address cannot be reached from outside: the SMS gateway will not get through. Set a public address first.',
  webhookLocal:
    'A local-network address: an SMS gateway on the internet cannot reach it. It needs a public address (a domain name).',
};

export const addressMessages: Record<Language, AddressMessages> = { fr, en };
