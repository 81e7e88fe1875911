/** Les formulaires des sources en français. */
import type { SourceKindMessages } from './i18n-source-kinds.js';

const rateLimit = {
  'rateLimit.perMinute': {
    label: 'Messages par minute d’un même numéro',
    help: 'Au-delà, rien n’est enregistré.',
  },
  'rateLimit.perHour': { label: 'Messages par heure d’un même numéro' },
};

const mailSize = {
  label: 'Taille maximale d’un message (octets)',
  help: 'Pièces jointes comprises\u00a0; 10\u00a0Mo par défaut.',
};

export const fr: SourceKindMessages = {
  x: {
    name: 'X (Twitter)',
    summary: 'Les publications avec les hashtags de l’événement sur X. Demande un compte développeur.',
    needs:
      'Il faut le jeton «\u00a0Bearer\u00a0» d’une application du portail développeur de X. Le bouton Tester indique l’accès ' +
      'que donne votre offre\u00a0: le flux en direct (instantané) ou la recherche seule (toutes les 30 secondes).',
    fields: {
      bearerToken: {
        label: 'Jeton Bearer',
        help: 'Portail développeur X (developer.x.com) → Projects & Apps → votre application → Keys and tokens → Bearer Token → Generate.',
      },
      mode: {
        label: 'Mode de lecture de X',
        help: '«\u00a0Automatique\u00a0» utilise le flux si votre offre le permet, sinon la recherche.',
      },
      pollSeconds: { label: 'Secondes entre deux recherches' },
      recheckSeconds: {
        label: 'Secondes entre deux vérifications que les publications existent encore',
        help: 'Une publication supprimée sur X quitte le mur. 0 désactive.',
      },
      backfillMinutes: { label: 'Minutes de publications passées à reprendre au premier démarrage' },
      apiBase: { label: 'Adresse de l’API', help: 'Seulement pour un proxy ou un serveur de test.' },
    },
    options: { auto: 'Automatique', stream: 'Flux seulement', search: 'Recherche seulement' },
  },
  mastodon: {
    name: 'Mastodon',
    summary: 'Les publications avec les hashtags de l’événement sur un ou plusieurs serveurs Mastodon. Sans compte.',
    needs:
      'Indiquez les serveurs Mastodon à lire (un hashtag n’atteint pas tous les serveurs\u00a0: listez ceux de votre ' +
      'public). Sans jeton, un serveur est consulté toutes les 12 secondes\u00a0; avec un jeton, tout arrive aussitôt.',
    fields: {
      'instances.url': { label: 'Adresse du serveur', placeholder: 'https://mastodon.social' },
      'instances.token': {
        label: 'Jeton d’accès (facultatif)',
        help: 'Sur ce serveur\u00a0: Préférences → Développement → Nouvelle application, avec seulement «\u00a0read\u00a0» coché → Envoyer → ouvrez-la → Votre jeton d’accès.',
      },
      'instances.streamingUrl': {
        label: 'Adresse du flux',
        help: 'Seulement si le flux du serveur est ailleurs que ce qu’il annonce.',
      },
      pollSeconds: { label: 'Secondes entre deux consultations d’un serveur' },
      recheckSeconds: {
        label: 'Secondes entre deux vérifications que les publications du mur existent encore',
        help: 'Sur les serveurs lus sans jeton\u00a0: une publication supprimée quitte le mur, une publication modifiée revient dans la file. 0 désactive.',
      },
    },
  },
  bluesky: {
    name: 'Bluesky',
    summary: 'Les publications avec les hashtags de l’événement sur Bluesky. Rien à configurer.',
    needs: 'Les publications Bluesky sont publiques\u00a0: ni compte ni clé. Activez la source, c’est tout.',
    fields: {
      jetstreamUrl: { label: 'Adresse Jetstream', help: 'N’importe quel serveur Jetstream public, ou le vôtre.' },
      appviewUrl: { label: 'Adresse du service des profils', help: 'Pour les noms et photos des auteurs.' },
      cdnUrl: { label: 'Adresse du serveur d’images' },
      videoUrl: { label: 'Adresse du serveur de vidéos' },
      lookupTimeoutSeconds: { label: 'Attente maximale du profil d’un auteur (secondes)' },
    },
  },
  twilio: {
    name: 'SMS avec Twilio',
    summary: 'Les SMS envoyés à un numéro Twilio.',
    needs:
      'Il faut un numéro Twilio qui reçoit les SMS, et l’Account SID et l’Auth Token de votre compte, affichés sur ' +
      'la page d’accueil de la console Twilio (console.twilio.com → Account Info).',
    endpointHelp:
      'Collez cette adresse dans Twilio\u00a0: Phone Numbers → Manage → Active numbers → votre numéro → Messaging configuration → «\u00a0A message comes in\u00a0»\u00a0: Webhook, HTTP POST.',
    fields: {
      phoneNumber: {
        label: 'Numéro de téléphone',
        help: 'Affiché sur le mur. Au format international (+33 6 12 34 56 78), ou tel qu’on le compose en France (06 12 34 56 78) pour un événement en français.',
        placeholder: '+33 6 12 34 56 78',
      },
      accountSid: { label: 'Account SID', help: 'Commence par AC. Console Twilio → Account Info.' },
      authToken: {
        label: 'Auth Token',
        help: 'Console Twilio → Account Info → Auth Token (cliquez «\u00a0Show\u00a0»).',
      },
      'reply.fr': { label: 'Réponse envoyée (français)', help: 'Laissez vide pour ne rien répondre.' },
      'reply.en': { label: 'Réponse envoyée (anglais)', help: 'Laissez vide pour ne rien répondre.' },
      ...rateLimit,
      publicUrl: {
        label: 'Adresse publique de ce serveur',
        help: 'Seulement si Twilio doit joindre le serveur à une autre adresse que celle réglée pour le serveur.',
      },
      apiBase: { label: 'Adresse de l’API Twilio', help: 'Seulement pour un serveur de test.' },
    },
  },
  'sms-gateway': {
    name: 'Passerelle SMS',
    summary: 'Les SMS transmis par un autre service SMS ou une application passerelle Android.',
    needs:
      'Votre passerelle doit envoyer chaque SMS reçu à l’adresse ci-dessous, avec le secret dans l’en-tête ' +
      'X-Murmure-Secret (ou\u00a0?secret=… à la fin de l’adresse).',
    endpointHelp: 'Indiquez cette adresse comme webhook des messages reçus de la passerelle (HTTP POST).',
    fields: {
      phoneNumber: {
        label: 'Numéro de téléphone',
        help: 'Affiché sur le mur. Au format international (+33 6 12 34 56 78), ou tel qu’on le compose en France (06 12 34 56 78) pour un événement en français.',
        placeholder: '+33 6 12 34 56 78',
      },
      secret: {
        label: 'Secret partagé',
        help: 'Un long texte aléatoire\u00a0; la passerelle l’envoie avec chaque message.',
      },
      ...rateLimit,
    },
  },
  'email-imap': {
    name: 'Courriel (boîte aux lettres)',
    summary: 'Les e-mails envoyés à une boîte existante, lue en IMAP. Idéalement une adresse dédiée.',
    needs:
      'Il faut le serveur IMAP, l’identifiant et le mot de passe de la boîte, indiqués dans l’aide de votre ' +
      'messagerie (par ex. imap.gmail.com, outlook.office365.com). Gmail demande un mot de passe d’application\u00a0: ' +
      'Compte Google → Sécurité → Validation en deux étapes → Mots de passe des applications.',
    fields: {
      address: { label: 'Adresse e-mail affichée sur le mur', placeholder: 'mur@example.org' },
      host: { label: 'Serveur IMAP', placeholder: 'imap.example.org' },
      user: { label: 'Identifiant', help: 'Souvent l’adresse e-mail elle-même.' },
      password: {
        label: 'Mot de passe',
        help: 'Pour Gmail ou Outlook avec validation en deux étapes, un mot de passe d’application.',
      },
      port: { label: 'Port', help: '993 pour une connexion sécurisée.' },
      secure: { label: 'Connexion sécurisée dès le départ (port 993)' },
      accessToken: { label: 'Jeton d’accès OAuth2', help: 'À la place du mot de passe, pour Gmail ou Microsoft 365.' },
      mailbox: { label: 'Dossier à lire' },
      moveTo: {
        label: 'Déplacer les messages lus vers ce dossier',
        help: 'Vide\u00a0: ils sont seulement marqués lus.',
      },
      idle: {
        label: 'Recevoir les e-mails aussitôt (IDLE)',
        help: 'Désactivé\u00a0: vérifier à intervalles réguliers.',
      },
      pollSeconds: { label: 'Secondes entre deux vérifications' },
      maxBytes: mailSize,
    },
  },
  'email-smtp': {
    name: 'Courriel (réception directe)',
    summary: 'Ce serveur reçoit lui-même les e-mails. Demande de diriger le courrier de votre domaine vers lui.',
    needs:
      'La personne qui gère votre domaine doit diriger son courrier (enregistrement MX) vers ce serveur, avec le ' +
      'port 25 redirigé vers le port ci-dessous. Le courrier pour toute autre adresse est refusé.',
    endpointHelp: 'Le courrier envoyé à cette adresse arrive dans la file de modération.',
    fields: {
      addresses: {
        label: 'Adresses à recevoir',
        help: 'Séparées par des virgules.',
        placeholder: 'mur@example.org',
      },
      port: {
        label: 'Port d’écoute',
        help: '2525 ne demande pas de droits particuliers\u00a0; redirigez-y le port 25.',
      },
      host: { label: 'Interface réseau', help: '0.0.0.0 reçoit depuis Internet.' },
      maxBytes: mailSize,
      'tls.certFile': { label: 'Fichier du certificat (PEM)', help: 'Avec sa clé, active le chiffrement (STARTTLS).' },
      'tls.keyFile': { label: 'Fichier de la clé (PEM)' },
    },
  },
  web: {
    name: 'Formulaire web',
    summary: 'Un formulaire sur la page web de l’événement, où chacun peut écrire un message.',
    needs:
      'Rien à configurer\u00a0: le formulaire apparaît sur la vue web (son lien et son QR code sont dans l’événement).',
    fields: {
      maxLength: { label: 'Longueur maximale d’un message (caractères)' },
      perMinute: { label: 'Messages par minute d’un même visiteur' },
    },
  },
  demo: {
    name: 'Démonstration',
    summary: 'Des messages d’exemple de toutes sortes, pour essayer le mur avant l’événement.',
    needs: 'Envoie des messages d’exemple dans la vraie file de modération. Désactivez-la avant l’événement.',
    fields: { intervalSeconds: { label: 'Secondes entre deux exemples' } },
  },
};
