/**
 * What each `/moderation` request does, as a table: name -> handler returning the ack's response. Validation
 * of the request's shape happens here or in the service it calls; nothing here emits (the services notify).
 */
import { z } from 'zod';
import type { Moderator, QueueSnapshot, Reason, Response } from '../protocol/socket.js';
import type { SourceHealth } from '../protocol/moderation.js';
import { ITEM_STATUSES, SOURCE_KINDS, type ItemStatus } from '../protocol/items.js';
import { BLOCKLIST_LANGUAGES, defaultBlockedWords } from '../pipeline/blocklist.js';
import { decodeCursor } from '../store/index.js';
import type { ModerationDeps } from './moderation.js';
import type { Store } from '../store/index.js';
import type { SourceStatus } from '../sources/source.js';

type Handler = (request: unknown) => Response<unknown> | Promise<Response<unknown>>;
type Failure = { ok: false; code: 'bad_request' | 'not_found'; message: string; reason: Reason };

const event = z.string().min(1);
const id = z.number().int().positive();
const schemas = {
  queue: z.object({
    event,
    status: z.enum(ITEM_STATUSES as [ItemStatus, ...ItemStatus[]]).default('pending'),
    limit: z.number().int().min(1).max(500).default(100),
    cursor: z.string().max(100).optional(),
    source: z.enum(SOURCE_KINDS as [string, ...string[]]).optional(),
    search: z.string().max(200).optional(),
    starred: z.boolean().optional(),
  }),
  action: z.object({ id, expected: z.enum(ITEM_STATUSES as [ItemStatus, ...ItemStatus[]]).optional() }),
  id: z.object({ id }),
  star: z.object({ id, starred: z.boolean() }),
  focus: z.object({ event, id: id.nullable() }),
  event: z.object({ event }),
  audit: z.object({
    event,
    cursor: z.string().max(100).optional(),
    limit: z.number().int().min(1).max(200).default(50),
  }),
  rulesUpdate: z.strictObject({
    event,
    mode: z.enum(['pre', 'post', 'hold']).optional(),
    holdSeconds: z.number().int().min(5).max(3600).optional(),
    trustedOnly: z.boolean().optional(),
    defaultBlocklist: z.boolean().optional(),
    blocklists: z.array(z.enum(BLOCKLIST_LANGUAGES)).max(BLOCKLIST_LANGUAGES.length).optional(),
    blockedWords: z.array(z.string().trim().min(1).max(100)).max(2000).optional(),
    allowedWords: z.array(z.string().trim().min(1).max(100)).max(5000).optional(),
    hourlyCapPerSource: z.number().int().min(1).nullable().optional(),
    retentionDays: z.number().int().min(1).max(3650).nullable().optional(),
  }),
  author: z.object({
    event,
    authorKey: z.string().min(1).max(500),
    rule: z.enum(['banned', 'trusted']).nullable(),
    label: z.string().max(200).optional(),
  }),
  name: z.object({ name: z.string() }),
};

const UNKNOWN_CURSOR: Failure = {
  ok: false,
  code: 'bad_request',
  message: 'Unknown cursor.',
  reason: { key: 'unknown_cursor' },
};

export function invalid(error: z.ZodError): Failure {
  const message = error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ');
  const fields = [...new Set(error.issues.map((i) => i.path.join('.')))];
  return { ok: false, code: 'bad_request', message, reason: { key: 'invalid_request', fields } };
}

/** Parses, checks the event exists when there is one, then runs. */
function handler<S extends z.ZodType>(
  deps: ModerationDeps,
  schema: S,
  run: (request: z.infer<S>) => ReturnType<Handler>,
) {
  return (raw: unknown) => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return invalid(parsed.error);
    const slug = (parsed.data as { event?: unknown }).event;
    if (typeof slug === 'string' && !deps.events.has(slug)) {
      return {
        ok: false,
        code: 'not_found',
        message: `No event "${slug}".`,
        reason: { key: 'no_event', event: slug },
      } satisfies Failure;
    }
    return run(parsed.data);
  };
}

export interface RequestContext {
  moderator: Moderator;
  /** Joins the event's console room (presence follows). */
  enter(event: string): void;
  focus(event: string, id: number | null): void;
}

export function requestHandlers(deps: ModerationDeps, ctx: RequestContext): Record<string, Handler> {
  const { moderator } = ctx;
  const { actions, store, events } = deps;
  const on = <S extends z.ZodType>(schema: S, run: (request: z.infer<S>) => ReturnType<Handler>) =>
    handler(deps, schema, run);
  const act = (action: 'approve' | 'reject' | 'hide' | 'pin' | 'unpin') =>
    on(schemas.action, (r) =>
      actions.apply(moderator, action, r.expected ? { id: r.id, expected: r.expected } : { id: r.id }),
    );

  return {
    'queue:snapshot': on(schemas.queue, (r) => {
      const after = r.cursor ? decodeCursor(r.cursor) : undefined;
      if (after === null) return UNKNOWN_CURSOR;
      ctx.enter(r.event);
      const filter = { ...(r.source ? { source: r.source as never } : {}), ...(r.search ? { search: r.search } : {}) };
      const page = store.items.queue(r.event, r.status, r.limit, after, {
        ...filter,
        ...(r.starred ? { starred: true } : {}),
      });
      const data: QueueSnapshot = {
        event: events.publicEvent(r.event),
        status: r.status,
        ...page,
        counts: store.items.counts(r.event),
      };
      return { ok: true, data };
    }),
    'item:approve': act('approve'),
    'item:reject': act('reject'),
    'item:hide': act('hide'),
    'item:pin': act('pin'),
    'item:unpin': act('unpin'),
    'item:undo': on(schemas.id, (r) => actions.undo(moderator, r.id)),
    'item:star': on(schemas.star, (r) => actions.star(moderator, r.id, r.starred)),
    'item:spotlight': on(schemas.id, (r) => actions.spotlight(moderator, r.id)),
    'item:focus': on(schemas.focus, (r) => {
      ctx.focus(r.event, r.id);
      return { ok: true, data: null };
    }),
    'wall:update': (r) => deps.wallControl.update(moderator, r as never),
    'wall:announce': (r) => deps.wallControl.announce(moderator, r as never),
    'rules:get': on(schemas.event, (r) => ({ ok: true, data: events.ruleBook.view(r.event) })),
    'rules:update': on(schemas.rulesUpdate, (r) => ({ ok: true, data: events.ruleBook.update(r) })),
    'rules:author': on(schemas.author, (r) => ({
      ok: true,
      data: events.ruleBook.setAuthor(r.event, r.authorKey, r.rule, moderator.name, r.label ?? ''),
    })),
    'rules:defaultWords': on(schemas.event, (r) => ({
      ok: true,
      data: [...defaultBlockedWords(events.ruleBook.view(r.event).blocklists)],
    })),
    'audit:list': on(schemas.audit, (r) => {
      const before = r.cursor ? decodeCursor(r.cursor) : undefined;
      if (before === null) return UNKNOWN_CURSOR;
      return { ok: true, data: store.log.audit(r.event, r.limit, before) };
    }),
    'sources:list': on(schemas.event, (r) => ({
      ok: true,
      data: sourceHealth(store, deps.sources.statuses(r.event), r.event),
    })),
    'moderators:list': () => deps.accounts.list(moderator),
    'moderators:add': (r) => deps.accounts.add(moderator, r as never),
    'moderators:password': (r) => deps.accounts.password(moderator, r as never),
    'moderators:remove': on(schemas.name, (r) => deps.accounts.remove(moderator, r.name)),
  };
}

/** Which item sources a configured source feeds, for its items-per-minute. */
const FEEDS: Record<string, readonly string[]> = {
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

export function sourceHealth(store: Store, statuses: SourceStatus[], event: string): SourceHealth[] {
  const lastMinute = store.items.receivedSince(event, Date.now() - 60_000);
  return statuses.map((status) => ({
    ...status,
    itemsPerMinute: (FEEDS[status.kind] ?? []).reduce((sum, kind) => sum + (lastMinute[kind as never] ?? 0), 0),
  }));
}
