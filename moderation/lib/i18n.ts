/**
 * Every string of the moderation console, in French and English (the texts are in i18n-fr.ts and
 * i18n-en.ts), and how the language is chosen.
 */
import type { Language } from '../../server/protocol/event.js';
import type { FilterReason, ItemFlag, ItemStatus, SourceKind } from '../../server/protocol/items.js';
import type { BlocklistLanguage, PurgeReport, SourceState } from '../../server/protocol/moderation.js';
import type { ErrorCode, Moderator, NoticeAction, Reason } from '../../server/protocol/socket.js';
import { DEFAULT_LANGUAGE, matchLanguage } from '../../wall/lib/language.js';
import type { Command } from './keys.js';
import type { ActionLabel } from './queue.js';
import { en } from './i18n-en.js';
import { fr } from './i18n-fr.js';
import { reasonText } from './i18n-reasons.js';

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
  /** The server's own words, in English: shown only by an English console, or when nothing else says it. */
  message: string;
  /** Why, precisely: the console words it itself (i18n-reasons.ts). */
  reason?: Reason;
}

export type LoginProblem =
  | { kind: 'invalid' }
  | { kind: 'rate_limited'; retryAfterSeconds: number | null }
  | { kind: 'network' }
  | { kind: 'expired' };

/** The console's screens besides the queue tabs. */
export type ConsoleView = 'queue' | 'audit' | 'rules' | 'wall' | 'sources' | 'accounts' | 'data' | 'events';

export interface ConsoleMessages {
  languageName: string;
  switchLanguage: string;
  title: string;
  loading: string;
  dismiss: string;
  close: string;
  cancel: string;
  /** Punctuation before a value: French puts a space before the colon. */
  colon: string;
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
  roles: Record<Moderator['role'], string>;
  logout: string;
  event: string;
  noEvents: string;
  connected: string;
  reconnecting: string;
  /** The avatars of colleagues in the same event's console. */
  alsoHere: string;
  nobodyElse: string;
  views: Record<ConsoleView, string>;
  viewsLabel: string;
  sourceProblems: (count: number) => string;

  statusesLabel: string;
  statuses: Record<ItemStatus, string>;
  empty: Record<ItemStatus, string>;
  emptyFiltered: string;
  queue: {
    filtersLabel: string;
    source: string;
    allSources: string;
    search: string;
    searchPlaceholder: string;
    starredOnly: string;
    clearFilters: string;
    newestFirst: string;
    /** Newest first only reorders the pages loaded (the server pages pending items oldest first). */
    newestFirstLoaded: string;
    pauseLive: string;
    pauseHint: string;
    newItems: (count: number) => string;
    loadMore: string;
    loaded: (shown: number, total: number) => string;
    listLabel: (status: string) => string;
    helpHint: string;
  };
  bulk: {
    selected: (count: number) => string;
    approve: string;
    reject: string;
    clear: string;
    select: (author: string) => string;
    done: (ok: number, failed: number) => string;
    nothing: string;
  };
  actions: Record<ActionLabel | 'spotlight', string>;
  item: {
    star: string;
    unstar: string;
    starredBy: (name: string) => string;
    more: string;
    ban: string;
    trust: string;
    watching: (names: readonly string[]) => string;
    holdIn: (seconds: number) => string;
    holdDue: string;
    showSensitive: string;
    video: string;
    contact: string;
    original: string;
    pinned: string;
    notHere: string;
    /** Above the text on the wall while an author's edit waits. */
    onWallNow: string;
    editedText: string;
  };
  /** Who did what, `by` being null when it was the moderator reading. */
  notice: (by: string | null, action: NoticeAction, author: string) => string;
  moderatedBy: (name: string, status: ItemStatus) => string;
  done: (action: NoticeAction | 'spotlight', author: string) => string;
  undo: string;
  nothingToUndo: string;
  /** A failure about one message: whose, then why. */
  failedFor: (author: string, text: string) => string;
  cannot: (action: ActionLabel, status: ItemStatus, by: string | null) => string;
  sources: Record<SourceKind, string>;
  flags: Record<ItemFlag, string>;
  reasons: Record<FilterReason['rule'], string>;
  inReplyTo: (name: string) => string;
  quoting: (name: string) => string;
  openMedia: (index: number) => string;
  help: {
    title: string;
    intro: string;
    commands: Record<Command, string>;
  };
  ban: {
    title: (author: string) => string;
    body: string;
    alsoReject: string;
    confirm: string;
    banned: (author: string) => string;
    trusted: (author: string) => string;
  };
  audit: {
    title: string;
    when: string;
    who: string;
    what: string;
    item: string;
    empty: string;
    actions: Record<string, string>;
    actors: Record<string, string>;
    change: (before: string | null, after: string) => string;
  };
  rules: RulesMessages;
  wall: WallMessages;
  health: HealthMessages;
  accounts: AccountsMessages;
  data: DataMessages;
  toastsLabel: string;
  errors: Record<ConsoleErrorCode, string>;
}

export interface RulesMessages {
  title: string;
  intro: string;
  mode: string;
  modes: Record<'pre' | 'post' | 'hold', { label: string; hint: string }>;
  holdSeconds: string;
  trustedOnly: string;
  trustedOnlyHint: string;
  defaultBlocklist: string;
  defaultBlocklistHint: string;
  /** The group of language toggles of the default lists. */
  blocklists: string;
  blocklistLanguages: Record<BlocklistLanguage, string>;
  blockedWords: string;
  blockedWordsHint: string;
  addWord: string;
  add: string;
  removeWord: (word: string) => string;
  noWords: string;
  allowedWords: string;
  allowedWordsHint: string;
  searchDefault: string;
  allow: string;
  allowed: string;
  noMatch: string;
  bannedAuthors: string;
  trustedAuthors: string;
  noAuthors: string;
  ruleBy: (by: string, when: string) => string;
  liftRule: (label: string) => string;
  hourlyCap: string;
  hourlyCapHint: string;
  retention: string;
  retentionHint: string;
  invalidNumber: (min: number, max: number) => string;
  saved: string;
  seconds: string;
  days: string;
  perHour: string;
}

export interface WallMessages {
  title: string;
  layout: string;
  layouts: Record<'mosaic' | 'spotlight' | 'ticker', string>;
  themeMode: string;
  modes: Record<'dark' | 'light', string>;
  accent: string;
  background: string;
  /** The option that leaves the background to the mode (sends null). */
  backgroundAutomatic: string;
  /** Shown in the empty colour field while the background is automatic. */
  automatic: string;
  preview: string;
  previewHint: string;
  /** The preview frame's accessible name. */
  previewTitle: string;
  fontScale: string;
  transparent: string;
  transparentHint: string;
  state: string;
  live: string;
  paused: string;
  pause: string;
  resume: string;
  pausedHint: string;
  announcement: string;
  announcementHint: string;
  remaining: (count: number) => string;
  publish: string;
  clear: string;
  current: (by: string, when: string) => string;
  none: string;
  open: string;
  openWall: string;
  openWebView: string;
  spotlighted: (author: string) => string;
}

export interface HealthMessages {
  title: string;
  intro: string;
  states: Record<SourceState, string>;
  until: (when: string) => string;
  lastError: string;
  lastItem: (when: string) => string;
  noItemYet: string;
  perMinute: (count: number) => string;
  none: string;
}

export interface AccountsMessages {
  title: string;
  intro: string;
  you: string;
  online: string;
  offline: string;
  name: string;
  role: string;
  add: string;
  addTitle: string;
  passwordOnce: (name: string) => string;
  copy: string;
  copied: string;
  changePassword: string;
  remove: string;
  removeConfirm: (name: string) => string;
  removed: (name: string) => string;
  invalidName: string;
}

export interface DataMessages {
  title: string;
  exportTitle: string;
  exportHint: string;
  /** CSV with commas, for most spreadsheets. */
  exportCsv: string;
  /** CSV with semicolons, as Excel in French reads it. */
  exportCsvSemicolon: string;
  exportCsvHint: string;
  exportJson: string;
  purgeTitle: string;
  purgeWarning: string;
  purgeOpen: string;
  purgeType: (slug: string) => string;
  purgeConfirm: string;
  purging: string;
  report: (report: PurgeReport) => string;
}

export const messages: Record<Language, ConsoleMessages> = { fr, en };

/**
 * A refusal in the console's language: its reason when the server gave one, else its code's explanation. The
 * server's own words are English: they add detail to an English console only, and stand alone only for a code this
 * console does not know.
 */
export function errorText(error: ConsoleError, lang: Language): string {
  const t = messages[lang];
  const reason = error.reason ? reasonText(error.reason, lang, (actor) => actorName(actor, t)) : null;
  if (reason) return reason;
  const explanation = (t.errors as Partial<Record<string, string>>)[error.code];
  if (explanation === undefined) return error.message || t.errors.internal;
  return lang === 'en' && error.message && error.message !== explanation
    ? `${explanation} (${error.message})`
    : explanation;
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

/** An audit entry's action in words; unknown actions (a newer server) read as they are. */
export function auditAction(action: string, t: ConsoleMessages): string {
  return t.audit.actions[action] ?? action;
}

/** "filter" and "hold" are the server acting on its own; moderators read as their names. */
export function actorName(actor: string, t: ConsoleMessages): string {
  return t.audit.actors[actor] ?? actor;
}
