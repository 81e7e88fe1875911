/**
 * The `/moderation` namespace: only for signed-in moderators (session cookie checked in the handshake and
 * again on every request, so a signed-out session stops acting at once). Every request is parsed by its schema
 * and answered by a typed ack, never by a throw; presence and focus are kept here, since they live and die with
 * the sockets.
 */
import type { DefaultEventsMap, Namespace, Server, Socket } from 'socket.io';
import type { z } from 'zod';
import type {
  Ack,
  Failure,
  ModerationClientToServer,
  ModerationServerToClient,
  RequestName,
  RequestReply,
  Response,
} from '../protocol/socket.js';
import type { EventRegistry } from '../events/registry.js';
import type { Store } from '../store/index.js';
import type { Sessions } from '../auth/sessions.js';
import type { ModerationActions } from '../moderation/actions.js';
import type { WallControl } from '../moderation/wall-control.js';
import type { Accounts } from '../moderation/accounts.js';
import type { SourceManager } from '../sources/manager.js';
import type { Logger } from '../log.js';
import { moderationRoom } from './rooms.js';
import type { PresenceBook, Seat } from './presence.js';
import { createRequestHandlers, type RequestContext, type RequestHandlers } from './moderation-requests.js';
import { isRequestName, REQUEST_NAMES, requestSchema } from './moderation-schemas.js';

type SocketData = Seat;
export type ModerationNamespace = Namespace<
  ModerationClientToServer,
  ModerationServerToClient,
  DefaultEventsMap,
  SocketData
>;
type ModerationSocket = Socket<ModerationClientToServer, ModerationServerToClient, DefaultEventsMap, SocketData>;

export interface ModerationDeps {
  store: Store;
  events: EventRegistry;
  sessions: Sessions;
  actions: ModerationActions;
  wallControl: WallControl;
  accounts: Accounts;
  sources: SourceManager;
  presence: PresenceBook;
  log: Logger;
}

export function setUpModerationNamespace(io: Server, deps: ModerationDeps): ModerationNamespace {
  const namespace: ModerationNamespace = io.of('/moderation');
  const handlers = createRequestHandlers(deps);
  namespace.use((socket, next) => {
    void admit(deps, socket).then(next);
  });
  namespace.on('connection', (socket) => onConnection(namespace, socket, deps, handlers));
  return namespace;
}

/** The handshake's verdict: the moderator of the session cookie, or why the socket is refused. */
async function admit(deps: ModerationDeps, socket: ModerationSocket): Promise<Error | undefined> {
  try {
    const moderator = await deps.sessions.fromCookieHeader(socket.request.headers.cookie);
    if (!moderator) return Object.assign(new Error('unauthorized'), { data: { code: 'unauthorized' } });
    socket.data.moderator = moderator;
    return undefined;
  } catch (error) {
    deps.log.error({ err: error }, 'moderation handshake failed');
    return Object.assign(new Error('internal'), { data: { code: 'internal' } });
  }
}

function onConnection(
  namespace: ModerationNamespace,
  socket: ModerationSocket,
  deps: ModerationDeps,
  handlers: RequestHandlers,
): void {
  const { moderator } = socket.data;
  const { presence } = deps;
  const announce = (event: string | null) => {
    if (event) void announcePresence(namespace, deps, event);
  };
  presence.join(socket, moderator);
  socket.emit('moderation:hello', { moderator, events: deps.events.slugs().map(deps.events.publicEvent) });

  const ctx: RequestContext = {
    moderator,
    enter(event) {
      for (const room of socket.rooms) if (room.startsWith('moderation:')) void socket.leave(room);
      void socket.join(moderationRoom(event));
      announce(presence.enter(socket, event));
      announce(event);
    },
    focus: (_event, id) => announce(presence.focus(socket, id)),
  };
  const answer = createAnswer(deps, socket, handlers, ctx);
  // socket.io appends the ack callback after whatever the client sent: the payload is the first of the rest.
  for (const name of REQUEST_NAMES) {
    socket.on(name, (...args: unknown[]) => void answer(name, args.length > 1 ? args[0] : undefined, args.at(-1)));
  }
  // A name the protocol does not have is answered too (a script's typo), rather than left to time out.
  socket.onAny((name: string, ...args: unknown[]) => {
    const ack = args.at(-1);
    if (isRequestName(name) || !isAck(ack)) return;
    deps.log.debug({ moderator: moderator.name, request: name.slice(0, 100) }, 'moderation request unknown');
    ack(refusal(`No request "${name.slice(0, 100)}".`, []));
  });
  socket.on('disconnect', () => announce(presence.leave(socket)));
}

/**
 * Sends the event's consoles who is there now. Reading the sockets of every node takes a round trip; when several
 * changes of one event overlap, only the latest read is sent, so a console never ends on an older list.
 */
const presenceReadsOf = new WeakMap<ModerationNamespace, Map<string, number>>();
async function announcePresence(namespace: ModerationNamespace, deps: ModerationDeps, event: string): Promise<void> {
  const presenceReads = presenceReadsOf.get(namespace) ?? new Map<string, number>();
  presenceReadsOf.set(namespace, presenceReads);
  const read = (presenceReads.get(event) ?? 0) + 1;
  presenceReads.set(event, read);
  try {
    const presence = await deps.presence.of(event);
    if (presenceReads.get(event) !== read) return;
    presenceReads.delete(event);
    namespace.to(moderationRoom(event)).emit('moderation:presence', presence);
  } catch (error) {
    deps.log.warn({ err: error, event }, 'presence could not be read');
  }
}

/**
 * The one way a request is answered: re-checks the session, parses the payload with the request's schema,
 * checks the event it names, runs its handler, and acks what it returns once its work is done. Bad input gets a
 * `bad_request` naming the fields; a handler that fails gets `internal`, logged once; nothing here throws.
 * Requests sent without an ack callback are ignored.
 */
function createAnswer(deps: ModerationDeps, socket: ModerationSocket, handlers: RequestHandlers, ctx: RequestContext) {
  const who = { moderator: ctx.moderator.name };

  async function respond<K extends RequestName>(name: K, payload: unknown): Promise<Response<RequestReply<K>>> {
    try {
      if (!(await deps.sessions.fromCookieHeader(socket.request.headers.cookie))) return SESSION_ENDED;
      const parsed = requestSchema[name].safeParse(payload);
      if (!parsed.success) {
        const failure = invalid(parsed.error);
        deps.log.debug({ ...who, request: name, problem: failure.message }, 'moderation request refused');
        return failure;
      }
      const event = eventOf(parsed.data);
      if (event !== undefined && !deps.events.has(event)) return noEvent(event);
      return await handlers[name](parsed.data, ctx);
    } catch (error) {
      deps.log.error({ ...who, err: error, request: name }, 'moderation request failed');
      return SERVER_FAILED;
    }
  }

  return async <K extends RequestName>(name: K, payload: unknown, ack: unknown): Promise<void> => {
    if (!isAck<RequestReply<K>>(ack)) return;
    const response = await respond(name, payload);
    ack(response);
    // After the answer, so the console learns why before the socket closes.
    if (response === SESSION_ENDED) socket.disconnect(true);
  };
}

/** socket.io's ack callback takes whatever the server sends back; the client cannot send a function itself. */
function isAck<T>(value: unknown): value is Ack<T> {
  return typeof value === 'function';
}

/** The event a request names, if it names one. */
function eventOf(request: unknown): string | undefined {
  if (typeof request !== 'object' || request === null || !('event' in request)) return undefined;
  return typeof request.event === 'string' ? request.event : undefined;
}

function refusal(message: string, fields: string[]): Failure {
  return { ok: false, code: 'bad_request', message, reason: { key: 'invalid_request', fields } };
}

function invalid(error: z.ZodError): Failure {
  const message = error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ');
  return refusal(message, [...new Set(error.issues.map((i) => i.path.join('.')))]);
}

function noEvent(event: string): Failure {
  return { ok: false, code: 'not_found', message: `No event "${event}".`, reason: { key: 'no_event', event } };
}

const SESSION_ENDED: Failure = {
  ok: false,
  code: 'unauthorized',
  message: 'Your session has ended; sign in again.',
  reason: { key: 'session_ended' },
};

const SERVER_FAILED: Failure = {
  ok: false,
  code: 'internal',
  message: 'The server could not do that; nothing was changed.',
  reason: { key: 'server_failed' },
};
