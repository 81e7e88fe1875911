/**
 * What each `/moderation` request does, as a table typed from the protocol: name -> handler taking the request
 * as its schema parsed it and answering with that request's ack. A missing, extra or mis-typed handler does not
 * compile. Parsing and the event check happen before (moderation.ts); nothing here emits (the services notify).
 */
import type {
  Failure,
  ModerationAction,
  Moderator,
  QueueSnapshot,
  RequestName,
  RequestReply,
  Response,
} from '../protocol/socket.js';
import type { SourceHealth } from '../protocol/moderation.js';
import { SOURCE_KINDS, type SourceKind } from '../protocol/items.js';
import type { SourceConfig } from '../config/sources.js';
import { defaultBlockedWords } from '../pipeline/blocklist.js';
import { decodeCursor } from '../store/index.js';
import type { Store } from '../store/index.js';
import type { SourceStatus } from '../sources/source.js';
import type { ModerationDeps } from './moderation.js';
import type { ParsedRequest } from './moderation-schemas.js';

export interface RequestContext {
  moderator: Moderator;
  /** Joins the event's console room (presence follows). */
  enter(event: string): void;
  focus(event: string, id: number | null): void;
}

/** One handler per request of the protocol, each typed by its own payload and ack. */
export type RequestHandlers = {
  [K in RequestName]: (request: ParsedRequest<K>, ctx: RequestContext) => Promise<Response<RequestReply<K>>>;
};

const UNKNOWN_CURSOR: Failure = {
  ok: false,
  code: 'bad_request',
  message: 'Unknown cursor.',
  reason: { key: 'unknown_cursor' },
};

/**
 * The handlers of every connection. They read the services from `deps` when called, not when made: the services
 * are created after the namespace.
 */
export function createRequestHandlers(deps: ModerationDeps): RequestHandlers {
  const act =
    (action: ModerationAction) =>
    async (request: ParsedRequest<`item:${ModerationAction}`>, { moderator }: RequestContext) =>
      deps.actions.apply(moderator, action, request);

  return {
    'queue:snapshot': async (r, ctx) => {
      const after = r.cursor ? decodeCursor(r.cursor) : undefined;
      if (after === null) return UNKNOWN_CURSOR;
      ctx.enter(r.event);
      const filter = {
        ...(r.source ? { source: r.source } : {}),
        ...(r.search ? { search: r.search } : {}),
        ...(r.starred ? { starred: true } : {}),
      };
      const page = await deps.store.items.queue(r.event, r.status, r.limit, after, filter);
      const data: QueueSnapshot = {
        event: deps.events.publicEvent(r.event),
        status: r.status,
        ...page,
        counts: await deps.store.items.counts(r.event),
      };
      return { ok: true, data };
    },
    'item:approve': act('approve'),
    'item:reject': act('reject'),
    'item:hide': act('hide'),
    'item:pin': act('pin'),
    'item:unpin': act('unpin'),
    'item:undo': async (r, { moderator }) => deps.actions.undo(moderator, r.id),
    'item:star': async (r, { moderator }) => deps.actions.star(moderator, r.id, r.starred),
    'item:spotlight': async (r, { moderator }) => deps.actions.spotlight(moderator, r.id),
    'item:focus': async (r, ctx) => {
      ctx.focus(r.event, r.id);
      return { ok: true, data: null };
    },
    'wall:update': async (r, { moderator }) => deps.wallControl.update(moderator, r),
    'wall:announce': async (r, { moderator }) => deps.wallControl.announce(moderator, r),
    'rules:get': async (r) => ({ ok: true, data: deps.events.ruleBook.view(r.event) }),
    'rules:update': async (r) => ({ ok: true, data: await deps.events.ruleBook.update(r) }),
    'rules:author': async (r, { moderator }) => ({
      ok: true,
      data: await deps.events.ruleBook.setAuthor(r.event, r.authorKey, r.rule, moderator.name, r.label ?? ''),
    }),
    'rules:defaultWords': async (r) => ({
      ok: true,
      data: [...defaultBlockedWords(deps.events.ruleBook.view(r.event).blocklists)],
    }),
    'audit:list': async (r) => {
      const before = r.cursor ? decodeCursor(r.cursor) : undefined;
      if (before === null) return UNKNOWN_CURSOR;
      return { ok: true, data: await deps.store.log.audit(r.event, r.limit, before) };
    },
    'sources:list': async (r) => ({
      ok: true,
      data: await sourceHealth(deps.store, await deps.sources.clusterStatuses(r.event), r.event),
    }),
    'moderators:list': async (_r, { moderator }) => deps.accounts.list(moderator),
    'moderators:add': async (r, { moderator }) => deps.accounts.add(moderator, r),
    'moderators:password': async (r, { moderator }) => deps.accounts.password(moderator, r),
    'moderators:remove': async (r, { moderator }) => deps.accounts.remove(moderator, r.name),
  };
}

/** Which item sources a configured source feeds, for its items-per-minute. */
const FEEDS: Record<SourceConfig['kind'], readonly SourceKind[]> = {
  x: ['x'],
  mastodon: ['mastodon'],
  bluesky: ['bluesky'],
  twilio: ['sms'],
  'sms-gateway': ['sms'],
  'email-smtp': ['email'],
  'email-imap': ['email'],
  web: ['web'],
  demo: SOURCE_KINDS,
};

export async function sourceHealth(store: Store, statuses: SourceStatus[], event: string): Promise<SourceHealth[]> {
  const lastMinute = await store.items.receivedSince(event, Date.now() - 60_000);
  return statuses.map((status) => ({
    ...status,
    itemsPerMinute: FEEDS[status.kind].reduce((sum, kind) => sum + (lastMinute[kind] ?? 0), 0),
  }));
}
