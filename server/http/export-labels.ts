/**
 * The words of the CSV export, in each language an event's wall speaks: the column headers, and the values a
 * person reads in a spreadsheet (statuses, sources, the reasons of the filter). The JSON export keeps the codes.
 */
import type { Language } from '../protocol/event.js';
import type { FilterReason, ItemStatus, SourceKind } from '../protocol/items.js';

export type ExportColumn =
  | 'id'
  | 'status'
  | 'source'
  | 'sourceId'
  | 'url'
  | 'authorName'
  | 'authorHandle'
  | 'authorKey'
  | 'text'
  | 'media'
  | 'language'
  | 'createdAt'
  | 'receivedAt'
  | 'shownAt'
  | 'moderatedBy'
  | 'moderatedAt'
  | 'pinned'
  | 'reasons';

export interface ExportLabels {
  columns: Record<ExportColumn, string>;
  statuses: Record<ItemStatus, string>;
  sources: Record<SourceKind, string>;
  rules: Record<FilterReason['rule'], string>;
  yes: string;
  no: string;
  /** Between a reason's rule and its detail (French sets a non-breaking space before the colon). */
  ruleSeparator: string;
  /** Between two reasons. */
  listSeparator: string;
}

export const EXPORT_LABELS: Record<Language, ExportLabels> = {
  fr: {
    columns: {
      id: 'Identifiant',
      status: 'Statut',
      source: 'Source',
      sourceId: 'Identifiant à la source',
      url: 'Lien',
      authorName: 'Auteur',
      authorHandle: 'Pseudo',
      authorKey: 'Clé de l’auteur',
      text: 'Texte',
      media: 'Médias',
      language: 'Langue',
      createdAt: 'Date (UTC)',
      receivedAt: 'Reçu le (UTC)',
      shownAt: 'Affiché le (UTC)',
      moderatedBy: 'Modéré par',
      moderatedAt: 'Modéré le (UTC)',
      pinned: 'Épinglé',
      reasons: 'Motifs',
    },
    statuses: { pending: 'En attente', approved: 'Approuvé', rejected: 'Rejeté', hidden: 'Masqué' },
    sources: { x: 'X', mastodon: 'Mastodon', bluesky: 'Bluesky', sms: 'SMS', email: 'Courriel', web: 'Formulaire web' },
    rules: {
      blocklist: 'Mot bloqué',
      'banned-author': 'Auteur banni',
      'trusted-author': 'Auteur de confiance',
      'trusted-only': 'Auteurs de confiance seulement',
      mode: 'Mode de modération',
      'hourly-cap': 'Plafond horaire atteint',
      edited: 'Modifié',
      deleted: 'Supprimé à la source',
    },
    yes: 'oui',
    no: 'non',
    ruleSeparator: '\u00a0: ',
    listSeparator: '\u00a0; ',
  },
  en: {
    columns: {
      id: 'ID',
      status: 'Status',
      source: 'Source',
      sourceId: 'Source ID',
      url: 'Link',
      authorName: 'Author',
      authorHandle: 'Handle',
      authorKey: 'Author key',
      text: 'Text',
      media: 'Media',
      language: 'Language',
      createdAt: 'Date (UTC)',
      receivedAt: 'Received (UTC)',
      shownAt: 'Shown (UTC)',
      moderatedBy: 'Moderated by',
      moderatedAt: 'Moderated (UTC)',
      pinned: 'Pinned',
      reasons: 'Reasons',
    },
    statuses: { pending: 'Pending', approved: 'Approved', rejected: 'Rejected', hidden: 'Hidden' },
    sources: { x: 'X', mastodon: 'Mastodon', bluesky: 'Bluesky', sms: 'SMS', email: 'Email', web: 'Web form' },
    rules: {
      blocklist: 'Blocked word',
      'banned-author': 'Banned author',
      'trusted-author': 'Trusted author',
      'trusted-only': 'Trusted authors only',
      mode: 'Moderation mode',
      'hourly-cap': 'Hourly cap reached',
      edited: 'Edited',
      deleted: 'Deleted at the source',
    },
    yes: 'yes',
    no: 'no',
    ruleSeparator: ': ',
    listSeparator: '; ',
  },
};
