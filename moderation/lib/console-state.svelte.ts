/**
 * State of the moderation console: the session, the `/moderation` socket, the chosen event and screen, who
 * else is here, the toasts, and one part per screen (queue, rules, wall, sources, audit, accounts, data).
 * Components read it and call its methods; the parts reach the server and each other through a ConsoleLink.
 */
import { io } from 'socket.io-client';
import type { Language, PublicEvent } from '../../server/protocol/event.js';
import type { Presence, RulesView } from '../../server/protocol/moderation.js';
import type { ModerationClientToServer, Moderator } from '../../server/protocol/socket.js';
import type { SetupRequest } from '../../server/protocol/api.js';
import { parseRetryAfter } from '../../wall/lib/submission.js';
import { requestWithAck, type Request } from './ack.js';
import { AccountsState } from './accounts-state.svelte.js';
import { eventFromSearch } from './admin-api.js';
import { AuditState } from './audit-state.svelte.js';
import { DataState } from './data-state.svelte.js';
import { EventsAdminState } from './events-state.svelte.js';
import { PublicAddressState } from './public-address-state.svelte.js';
import {
  LANGUAGE_STORAGE_KEY,
  errorText,
  messages,
  pickConsoleLanguage,
  type ConsoleError,
  type ConsoleMessages,
  type ConsoleView,
  type LoginProblem,
} from './i18n.js';
import { runCommand } from './commands.js';
import type { Command } from './keys.js';
import type { ConsoleLink } from './link.js';
import { othersOnline, watchersByItem, type OnlineModerator } from './presence.js';
import { QueueActions } from './queue-actions.svelte.js';
import { requestEmitters, type ModerationSocket } from './requests.js';
import { QueueState } from './queue-state.svelte.js';
import { RulesState } from './rules-state.svelte.js';
import { createSession, deleteSession, getSession } from './session.js';
import { getSetupStatus, postSetup, type SetupOutcome } from './setup.js';
import { setupMessages } from './i18n-setup.js';
import { SourcesState } from './sources-state.svelte.js';
import { ERROR_TOAST_MS, TOAST_MS, dropToast, pushToast, type Toast } from './toasts.js';
import { WallState } from './wall-state.svelte.js';

/** `setup`: no admin exists yet, the first-run page shows instead of the sign-in. */
export type Phase = 'checking' | 'setup' | 'signed-out' | 'signed-in';

/** Moving through the queue with j/k sends the others one focus, not one per key press. */
const FOCUS_DEBOUNCE_MS = 150;

export class ConsoleState implements ConsoleLink {
  phase = $state<Phase>('checking');
  moderator = $state.raw<Moderator | null>(null);
  events = $state.raw<PublicEvent[]>([]);
  eventSlug = $state<string | null>(null);
  view = $state<ConsoleView>('queue');
  connected = $state(false);
  signingIn = $state(false);
  loginProblem = $state.raw<LoginProblem | null>(null);
  presence = $state.raw<Presence | null>(null);
  toasts = $state.raw<Toast[]>([]);
  helpOpen = $state(false);
  lang = $state<Language>(pickConsoleLanguage(readStoredLanguage(), navigator.languages));

  readonly t: ConsoleMessages = $derived(messages[this.lang]);
  readonly event: PublicEvent | null = $derived(this.events.find((event) => event.slug === this.eventSlug) ?? null);
  readonly isAdmin: boolean = $derived(this.moderator?.role === 'admin');
  /** Colleagues in this event's console, without the moderator reading. */
  readonly others: OnlineModerator[] = $derived(othersOnline(this.presence, this.moderator?.name ?? null));
  /** Item id -> names of the colleagues who have it open. */
  readonly watchers: Map<number, string[]> = $derived(watchersByItem(this.others));

  readonly queue = new QueueState(this);
  readonly actions = new QueueActions(this.queue, this);
  readonly rules = new RulesState(this);
  readonly wall = new WallState(this);
  readonly sources = new SourcesState(this);
  readonly audit = new AuditState(this);
  readonly accounts = new AccountsState(this);
  readonly data = new DataState(this, () => this.#reloadQueue());
  readonly eventAdmin = new EventsAdminState(this, () => this.lang);
  /** What links and QR codes are made of, and whether phones reach it. */
  readonly address = new PublicAddressState(this);

  #socket: ModerationSocket | null = null;
  #emit: ModerationClientToServer | null = null;
  #toastId = 0;
  #focusSent: number | null | undefined = undefined;
  #focusTimer: ReturnType<typeof setTimeout> | undefined;
  #stopEffects: (() => void) | null = null;

  /** Checks the session cookie; connects when it is valid. */
  async init(): Promise<void> {
    // The item this console has open, told to the others whenever it settles.
    this.#stopEffects = $effect.root(() => {
      $effect(() => this.#scheduleFocus(this.view === 'queue' ? (this.queue.selected?.id ?? null) : null));
    });
    const [result, setup] = await Promise.all([getSession(), getSetupStatus()]);
    // The organiser's choice at set-up, for consoles that have not made their own.
    if (setup?.language && readStoredLanguage() === null) this.lang = setup.language;
    if (result.ok) this.#signedIn(result.session.moderator);
    else if (setup?.needed) this.phase = 'setup';
    else this.#signedOut(result.status === 0 ? { kind: 'network' } : null);
  }

  /** First run: creates the admin with the token printed by the server; on success the console opens signed in. */
  async completeSetup(request: SetupRequest): Promise<SetupOutcome> {
    if (this.signingIn) return { ok: false, fields: {}, form: null };
    this.signingIn = true;
    const outcome = await postSetup(request);
    this.signingIn = false;
    if (outcome.ok) {
      this.setLanguage(request.language);
      // The token is spent: keep it out of the address bar, the history and any bookmark.
      history.replaceState(null, '', '/moderation');
      this.#signedIn(outcome.moderator);
      this.toast(setupMessages[this.lang].created(outcome.moderator.name));
    }
    return outcome;
  }

  /** Leaves the set-up page for the sign-in (set-up was done elsewhere in the meantime). */
  showSignIn(): void {
    history.replaceState(null, '', '/moderation');
    this.#signedOut(null);
  }

  /** Signs in; on success the console connects. Returns whether it worked. */
  async login(name: string, password: string): Promise<boolean> {
    if (this.signingIn) return false;
    this.signingIn = true;
    this.loginProblem = null;
    const result = await createSession(name, password);
    this.signingIn = false;
    if (result.ok) {
      this.#signedIn(result.session.moderator);
      return true;
    }
    this.loginProblem =
      result.status === 401
        ? { kind: 'invalid' }
        : result.status === 429
          ? { kind: 'rate_limited', retryAfterSeconds: parseRetryAfter(result.retryAfter, Date.now()) }
          : { kind: 'network' };
    return false;
  }

  async logout(): Promise<void> {
    this.#disconnect();
    await deleteSession();
    this.#signedOut(null);
  }

  selectEvent(slug: string): void {
    if (slug === this.eventSlug) return;
    this.eventSlug = slug;
    this.#resetEvent();
    this.#loadEvent();
  }

  /** Opens a screen and fetches what it shows. */
  setView(view: ConsoleView): void {
    // The menu's "Events" opens their list, whichever set-up screen was open last.
    if (view === 'events') this.eventAdmin.open({ name: 'list' });
    this.view = view;
    this.helpOpen = false;
    this.#loadView();
  }

  /** The Events screen, where an admin sets the public address (a warning's button leads there). */
  openAddressSettings(): void {
    this.setView('events');
  }

  /** Runs a keyboard command; returns whether it was used (the key's default is then prevented). */
  run(command: Command): boolean {
    return runCommand(command, this);
  }

  setLanguage(lang: Language): void {
    this.lang = lang;
    try {
      localStorage.setItem(LANGUAGE_STORAGE_KEY, lang);
    } catch {
      // Storage can be disabled (private browsing); the choice then lasts for this page only.
    }
  }

  toast(text: string, tone: Toast['tone'] = 'info', undoId?: number): void {
    const id = (this.#toastId += 1);
    this.toasts = pushToast(this.toasts, { id, tone, text, ...(undoId !== undefined ? { undoId } : {}) });
    setTimeout(() => this.dismissToast(id), tone === 'error' ? ERROR_TOAST_MS : TOAST_MS);
  }

  dismissToast(id: number): void {
    this.toasts = dropToast(this.toasts, id);
  }

  destroy(): void {
    this.#stopEffects?.();
    this.#disconnect();
  }

  // ---- ConsoleLink: what the parts (queue, rules, wall...) use ----

  get slug(): string | null {
    return this.eventSlug;
  }

  get me(): Moderator | null {
    return this.moderator;
  }

  /** Says why something failed, about whose message when given; signs out on `unauthorized`. */
  fail(error: ConsoleError, author?: string): void {
    if (error.code === 'unauthorized') {
      this.#disconnect();
      this.#signedOut({ kind: 'expired' });
      return;
    }
    const text = errorText(error, this.lang);
    this.toast(author === undefined ? text : this.t.failedFor(author, text), 'error');
  }

  #signedIn(moderator: Moderator): void {
    this.moderator = moderator;
    this.loginProblem = null;
    this.phase = 'signed-in';
    this.#connect();
    void this.address.load();
  }

  #signedOut(problem: LoginProblem | null): void {
    this.phase = 'signed-out';
    this.moderator = null;
    this.loginProblem = problem;
    this.events = [];
    this.eventSlug = null;
    this.eventAdmin.reset();
    this.address.reset();
    this.toasts = [];
    this.view = 'queue';
    this.#resetEvent();
  }

  #connect(): void {
    this.#disconnect();
    const socket: ModerationSocket = io('/moderation', { withCredentials: true });
    this.#socket = socket;
    this.#emit = requestEmitters(socket);
    socket.on('connect', () => (this.connected = true));
    socket.on('disconnect', () => {
      this.connected = false;
      this.presence = null;
      this.#focusSent = undefined;
    });
    socket.on('connect_error', (error) => {
      this.connected = false;
      if (error.message === 'unauthorized') {
        this.#disconnect();
        this.#signedOut({ kind: 'expired' });
      }
    });
    socket.on('moderation:hello', (hello) => {
      this.moderator = hello.moderator;
      // An admin without any event lands where the first one is created.
      if (hello.events.length === 0 && hello.moderator.role === 'admin') this.view = 'events';
      // Sent on every (re)connect: fresh pages replace whatever was missed while offline.
      this.#eventsChanged(hello.events, true);
    });
    socket.on('events:changed', (events) => {
      this.#eventsChanged(events, false);
      // The public address may be what changed: every event's links follow it.
      void this.address.load();
    });
    socket.on('item:new', (item) => this.queue.onNew(item));
    socket.on('item:moderated', (notice) => this.queue.onNotice(notice));
    socket.on('queue:counts', ({ event, counts }) => this.queue.onCounts(event, counts));
    socket.on('moderation:presence', (presence) => {
      if (presence.event !== this.eventSlug) return;
      this.presence = presence;
      if (this.view === 'accounts' && this.isAdmin) void this.accounts.load();
    });
    socket.on('rules:changed', (rules) => this.rules.changed(rules));
    socket.on('event:updated', (event) => this.updateEvent(event));
    socket.on('source:status', (health) => this.sources.onStatus(health));
  }

  #disconnect(): void {
    clearTimeout(this.#focusTimer);
    this.#socket?.removeAllListeners();
    this.#socket?.disconnect();
    this.#socket = null;
    this.#emit = null;
    this.connected = false;
    this.presence = null;
    this.#focusSent = undefined;
  }

  /**
   * A new list of live events: an archived current event gives way to another; the set-up list follows. `fresh`
   * (a hello) reloads everything; a change elsewhere reloads only what it touched.
   */
  #eventsChanged(events: PublicEvent[], fresh: boolean): void {
    this.events = events;
    const moved = !events.some((event) => event.slug === this.eventSlug);
    if (moved) {
      // The console link of an event (`?event=slug`, handed out with its QR code) opens on that event.
      const asked = eventFromSearch(location.search);
      this.eventSlug = (events.find((event) => event.slug === asked) ?? events[0])?.slug ?? null;
      this.#resetEvent();
    }
    if (fresh || moved) this.#loadEvent();
    else if (this.view === 'events' && this.isAdmin) void this.eventAdmin.load();
  }

  /** The queue always (it joins the event's room and keeps counts live), plus the open screen's data. */
  #loadView(): void {
    // The set-up screens need no event: they are where the first one is made.
    if (this.view === 'events' && this.isAdmin) void this.eventAdmin.load();
    if (this.eventSlug === null) return;
    void this.queue.load();
    if (this.view === 'audit') void this.audit.load();
    if (this.view === 'rules') void this.rules.load();
    if (this.view === 'sources') void this.sources.load();
    if (this.view === 'accounts' && this.isAdmin) void this.accounts.load();
  }

  /** Everything shown about the event: its queue and open screen, its rules (for the badges) and sources. */
  #loadEvent(): void {
    this.#loadView();
    if (this.view !== 'rules') void this.rules.load();
    if (this.view !== 'sources') void this.sources.load();
  }

  #reloadQueue(): void {
    this.queue.reset();
    this.audit.reset();
    this.#loadView();
  }

  #resetEvent(): void {
    this.queue.reset();
    this.actions.reset();
    this.rules.reset();
    this.sources.reset();
    this.audit.reset();
    this.data.reset();
    this.presence = null;
  }

  updateEvent(event: PublicEvent): void {
    this.events = this.events.map((entry) => (entry.slug === event.slug ? event : entry));
  }

  rulesChanged(rules: RulesView): void {
    this.rules.changed(rules);
  }

  /** The server forgets which item this console has open when it joins a room: say it again. */
  refocus(): void {
    this.#focusSent = undefined;
    this.#scheduleFocus(this.view === 'queue' ? (this.queue.selected?.id ?? null) : null);
  }

  #scheduleFocus(id: number | null): void {
    clearTimeout(this.#focusTimer);
    this.#focusTimer = setTimeout(() => {
      const slug = this.eventSlug;
      if (slug === null || !this.#socket?.connected || id === this.#focusSent) return;
      this.#focusSent = id;
      // Presence is a courtesy: a failure here is not worth interrupting the moderator for.
      void this.request('item:focus', { event: slug, id });
    }, FOCUS_DEBOUNCE_MS);
  }

  /** An ack request that fails at once when offline, rather than being buffered and replayed later. */
  readonly request: Request = (name, payload) => {
    const emit = this.#emit;
    if (!emit || !this.#socket?.connected) return Promise.resolve({ ok: false, code: 'disconnected', message: '' });
    return requestWithAck((ack) => emit[name](payload, ack));
  };
}

function readStoredLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null;
  }
}
