/**
 * The admin's set-up screens (events, their links and sources), in French and English; texts in
 * i18n-events-fr.ts and i18n-events-en.ts. The words of each source kind's form are in i18n-source-kinds.ts.
 */
import type { AdminSource, EventLinks, EventOrigin } from '../../server/protocol/admin.js';
import type { Language } from '../../server/protocol/event.js';
import { en } from './i18n-events-en.js';
import { fr } from './i18n-events-fr.js';

export type LinkName = Exclude<keyof EventLinks, 'qr'>;

export interface EventsMessages {
  title: string;
  intro: string;
  /** Shown to an admin when no event exists yet. */
  first: string;
  newEvent: string;
  origins: Record<EventOrigin, string>;
  archived: string;
  archivedOn: (date: string) => string;
  noHashtags: string;
  edit: string;
  archive: string;
  restore: string;
  sources: string;
  links: string;
  archiveTitle: (title: string) => string;
  archiveBody: string;
  archivedToast: (title: string) => string;
  restoredToast: (title: string) => string;
  back: string;
  form: {
    newTitle: string;
    editTitle: (title: string) => string;
    title: string;
    titleHint: string;
    slug: string;
    slugHint: string;
    slugLocked: string;
    slugTaken: string;
    hashtags: string;
    hashtagsHint: string;
    moderation: string;
    retentionDays: string;
    retentionHint: string;
    wall: string;
    defaultLanguage: string;
    bothLanguages: string;
    languageNames: Record<Language, string>;
    background: string;
    logoUrl: string;
    backgroundImageUrl: string;
    imageHint: string;
    create: string;
    save: string;
    saving: string;
    fixFields: string;
    created: (title: string) => string;
    saved: (title: string) => string;
  };
  linksPanel: {
    title: string;
    intro: string;
    names: Record<LinkName, string>;
    hints: Record<LinkName, string>;
    qrAlt: (name: string) => string;
    copy: string;
    copied: string;
    print: string;
  };
  sourcesPanel: {
    title: (event: string) => string;
    intro: string;
    none: string;
    add: string;
    chooseKind: string;
    on: string;
    off: string;
    toggle: (name: string) => string;
    edit: string;
    remove: string;
    removeTitle: (name: string) => string;
    removeBody: string;
    removed: (name: string) => string;
    endpoints: Record<AdminSource['endpoints'][number]['label'], string>;
    test: string;
    testing: string;
    testOk: string;
    testFailed: string;
    detail: string;
  };
  sourceForm: {
    newTitle: (kind: string) => string;
    editTitle: (kind: string) => string;
    enabled: string;
    enabledHint: string;
    advanced: string;
    secretSet: string;
    replace: string;
    keepSaved: string;
    generate: string;
    generatedOnce: string;
    copy: string;
    copied: string;
    instances: string;
    addInstance: string;
    removeInstance: (index: number) => string;
    instance: (index: number) => string;
    create: string;
    save: string;
    saving: string;
    created: (kind: string) => string;
    saved: (kind: string) => string;
  };
}

export const eventsMessages: Record<Language, EventsMessages> = { fr, en };
