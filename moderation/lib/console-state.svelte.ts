/**
 * State of the moderation console: the session, the `/moderation` socket, the chosen event and tab, one list per
 * status kept live, and the actions. Components read it and call its methods.
 */
import { io, type Socket } from 'socket.io-client';
import { SvelteSet } from 'svelte/reactivity';
import type { Language, PublicEvent } from '../../server/protocol/event.js';
import type { Item, ItemStatus } from '../../server/protocol/items.js';
import type {
  Ack,
  ModerationAction,
  ModerationClientToServer,
  ModerationHello,
  ModerationNotice,
  ModerationServerToClient,
  Moderator,
  QueueSnapshot,
  StatusCounts,
} from '../../server/protocol/socket.js';
import { parseRetryAfter } from '../../wall/lib/submission.js';
import { requestWithAck, type Answer } from './ack.js';
import {
  LANGUAGE_STORAGE_KEY,
  messages,
  pickConsoleLanguage,
  type ConsoleError,
  type ConsoleMessages,
  type LoginProblem,
} from './i18n.js';
import { QUEUE_PAGE, appendPage, emptyLists, placeItem, setList, zeroCounts, type QueueLists } from './queue.js';
import { createSession, deleteSession, getSession } from './session.js';

type ModerationSocket = Socket<ModerationServerToClient, ModerationClientToServer>;

export type Phase = 'checking' | 'signed-out' | 'signed-in';

export class ConsoleState {
  phase = $state<Phase>('checking');
  moderator = $state.raw<Moderator | null>(null);
  events = $state.raw<PublicEvent[]>([]);
  eventSlug = $state<string | null>(null);
  tab = $state<ItemStatus>('pending');
  lists = $state.raw<QueueLists>(emptyLists());
  counts = $state.raw<StatusCounts>(zeroCounts());
  /** Cursor of the next page per status; null when everything is listed. */
  cursors = $state.raw<Record<ItemStatus, string | null>>({
    pending: null,
    approved: null,
    rejected: null,
    hidden: null,
  });
  connected = $state(false);
  signingIn = $state(false);
  loginProblem = $state.raw<LoginProblem | null>(null);
  lastError = $state.raw<ConsoleError | null>(null);
  /** The latest `item:moderated`, to say who did what. */
  lastNotice = $state.raw<ModerationNotice | null>(null);
  /** Items with an action awaiting its acknowledgement; their buttons are disabled. */
  readonly busy = new SvelteSet<number>();
  lang = $state<Language>(pickConsoleLanguage(readStoredLanguage(), navigator.languages));

  readonly t: ConsoleMessages = $derived(messages[this.lang]);
  readonly event: PublicEvent | null = $derived(this.events.find((event) => event.slug === this.eventSlug) ?? null);
  /** The open tab's items, in working order. */
  readonly current: Item[] = $derived(this.lists[this.tab]);
  #loads = $state(0);
  readonly loading: boolean = $derived(this.#loads > 0);

  #socket: ModerationSocket | null = null;

  /** Checks the session cookie; connects when it is valid. */
  async init(): Promise<void> {
    const result = await getSession();
    if (result.ok) this.#signedIn(result.session.moderator);
    else this.#signedOut(result.status === 0 ? { kind: 'network' } : null);
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
    this.#resetQueue();
    void this.#loadQueue(this.tab);
  }

  /** Opens a tab and fetches a fresh page of it (the other lists are only kept live). */
  selectTab(status: ItemStatus): void {
    this.tab = status;
    void this.#loadQueue(status);
  }

  async loadMore(): Promise<void> {
    const cursor = this.cursors[this.tab];
    if (cursor) await this.#loadQueue(this.tab, cursor);
  }

  /**
   * Sends an action with the status the moderator sees and waits for the ack. On failure the item stays where it
   * is and `lastError` says why; on a conflict the tab is reloaded to show what the other moderator did.
   */
  async act(action: ModerationAction, item: Item): Promise<boolean> {
    if (this.busy.has(item.id)) return false;
    this.busy.add(item.id);
    const answer = await this.#request<Item>((socket, ack) =>
      socket.emit(`item:${action}`, { id: item.id, expected: item.status }, ack),
    );
    this.busy.delete(item.id);
    if (answer.ok) {
      this.#place(answer.data);
      return true;
    }
    this.lastError = { code: answer.code, message: answer.message };
    if (answer.code === 'conflict') void this.#loadQueue(this.tab);
    return false;
  }

  setLanguage(lang: Language): void {
    this.lang = lang;
    try {
      localStorage.setItem(LANGUAGE_STORAGE_KEY, lang);
    } catch {
      // Storage can be disabled (private browsing); the choice then lasts for this page only.
    }
  }

  dismissError(): void {
    this.lastError = null;
  }

  destroy(): void {
    this.#disconnect();
  }

  #signedIn(moderator: Moderator): void {
    this.moderator = moderator;
    this.loginProblem = null;
    this.phase = 'signed-in';
    this.#connect();
  }

  #signedOut(problem: LoginProblem | null): void {
    this.phase = 'signed-out';
    this.moderator = null;
    this.loginProblem = problem;
    this.events = [];
    this.eventSlug = null;
    this.lastNotice = null;
    this.lastError = null;
    this.#resetQueue();
  }

  #connect(): void {
    this.#disconnect();
    const socket: ModerationSocket = io('/moderation', { withCredentials: true });
    this.#socket = socket;
    socket.on('connect', () => (this.connected = true));
    socket.on('disconnect', () => (this.connected = false));
    socket.on('connect_error', (error) => {
      this.connected = false;
      if (error.message === 'unauthorized') {
        this.#disconnect();
        this.#signedOut({ kind: 'expired' });
      }
    });
    socket.on('moderation:hello', (hello) => this.#hello(hello));
    socket.on('item:new', (item) => this.#place(item));
    socket.on('item:moderated', (notice) => {
      if (notice.item.event !== this.eventSlug) return;
      this.lastNotice = notice;
      this.#place(notice.item);
    });
    socket.on('queue:counts', ({ event, counts }) => {
      if (event === this.eventSlug) this.counts = counts;
    });
  }

  #disconnect(): void {
    this.#socket?.removeAllListeners();
    this.#socket?.disconnect();
    this.#socket = null;
    this.connected = false;
    this.busy.clear();
  }

  /** Sent on every (re)connect: the fresh snapshot replaces whatever was missed while offline. */
  #hello(hello: ModerationHello): void {
    this.moderator = hello.moderator;
    this.events = hello.events;
    if (!hello.events.some((event) => event.slug === this.eventSlug)) {
      this.eventSlug = hello.events[0]?.slug ?? null;
      this.#resetQueue();
    }
    void this.#loadQueue(this.tab);
  }

  async #loadQueue(status: ItemStatus, cursor?: string): Promise<void> {
    const slug = this.eventSlug;
    if (slug === null) return;
    this.#loads += 1;
    const answer = await this.#request<QueueSnapshot>((socket, ack) =>
      socket.emit('queue:snapshot', { event: slug, status, limit: QUEUE_PAGE, ...(cursor ? { cursor } : {}) }, ack),
    );
    this.#loads -= 1;
    // The moderator may have switched events while this page was on its way.
    if (slug !== this.eventSlug) return;
    if (!answer.ok) {
      this.lastError = { code: answer.code, message: answer.message };
      return;
    }
    const { items, counts, next } = answer.data;
    this.counts = counts;
    this.lists = cursor ? appendPage(this.lists, status, items) : setList(this.lists, status, items);
    this.cursors = { ...this.cursors, [status]: next };
  }

  /** Files an item (new, moderated, or returned by an ack) under its status, if it belongs to the event shown. */
  #place(item: Item): void {
    if (item.event === this.eventSlug) this.lists = placeItem(this.lists, item);
  }

  #resetQueue(): void {
    this.lists = emptyLists();
    this.counts = zeroCounts();
    this.cursors = { pending: null, approved: null, rejected: null, hidden: null };
  }

  /** An ack request that fails at once when offline, rather than being buffered and replayed later. */
  #request<T>(send: (socket: ModerationSocket, ack: Ack<T>) => void): Promise<Answer<T>> {
    const socket = this.#socket;
    if (!socket?.connected) return Promise.resolve({ ok: false, code: 'disconnected', message: '' });
    return requestWithAck<T>((ack) => send(socket, ack));
  }
}

function readStoredLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null;
  }
}
