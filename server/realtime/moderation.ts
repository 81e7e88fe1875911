/**
 * The `/moderation` namespace: only for signed-in moderators (session cookie checked in the handshake and
 * again on every request, so a signed-out session stops acting at once). Every request is answered by a typed
 * ack; presence and focus are kept here, since they live and die with the sockets.
 */
import type { Namespace, Server, Socket } from 'socket.io';
import type { ModerationClientToServer, ModerationServerToClient, Moderator, Response } from '../protocol/socket.js';
import type { EventRegistry } from '../events/registry.js';
import type { Store } from '../store/index.js';
import type { Sessions } from '../auth/sessions.js';
import type { ModerationActions } from '../moderation/actions.js';
import type { WallControl } from '../moderation/wall-control.js';
import type { Accounts } from '../moderation/accounts.js';
import type { SourceManager } from '../sources/manager.js';
import type { Logger } from '../log.js';
import { moderationRoom } from './rooms.js';
import type { PresenceBook } from './presence.js';
import { requestHandlers } from './moderation-requests.js';

export type ModerationNamespace = Namespace<ModerationClientToServer, ModerationServerToClient>;
type ModerationSocket = Socket<ModerationClientToServer, ModerationServerToClient, never, { moderator: Moderator }>;

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
  namespace.use((socket, next) => {
    const moderator = deps.sessions.fromCookieHeader(socket.request.headers.cookie);
    if (!moderator) return next(Object.assign(new Error('unauthorized'), { data: { code: 'unauthorized' } }));
    (socket as ModerationSocket).data.moderator = moderator;
    next();
  });
  namespace.on('connection', (socket) => onConnection(namespace, socket as ModerationSocket, deps));
  return namespace;
}

function onConnection(namespace: ModerationNamespace, socket: ModerationSocket, deps: ModerationDeps): void {
  const { moderator } = socket.data;
  const { presence } = deps;
  const announce = (event: string | null) => {
    if (event) namespace.to(moderationRoom(event)).emit('moderation:presence', presence.of(event));
  };
  presence.join(socket.id, moderator);
  socket.emit('moderation:hello', { moderator, events: deps.events.slugs().map(deps.events.publicEvent) });

  const handlers = requestHandlers(deps, {
    moderator,
    enter(event) {
      for (const room of socket.rooms) if (room.startsWith('moderation:')) void socket.leave(room);
      void socket.join(moderationRoom(event));
      announce(presence.enter(socket.id, event));
      announce(event);
    },
    focus: (_event, id) => announce(presence.focus(socket.id, id)),
  });
  for (const [name, handle] of Object.entries(handlers)) {
    (socket.on as (event: string, listener: (request: unknown, ack: unknown) => void) => void)(
      name,
      (request, ack) => void guarded(deps, socket, ack, () => handle(request)),
    );
  }
  socket.on('disconnect', () => announce(presence.leave(socket.id)));
}

/**
 * Runs a request handler: re-checks the session, turns a thrown error into an `internal` ack (logged), and
 * ignores requests sent without an ack callback rather than crashing on them.
 */
async function guarded(
  deps: ModerationDeps,
  socket: ModerationSocket,
  ack: unknown,
  handle: () => Response<unknown> | Promise<Response<unknown>>,
): Promise<void> {
  if (typeof ack !== 'function') return;
  const reply = ack as (response: Response<unknown>) => void;
  if (!deps.sessions.fromCookieHeader(socket.request.headers.cookie)) {
    reply({
      ok: false,
      code: 'unauthorized',
      message: 'Your session has ended; sign in again.',
      reason: { key: 'session_ended' },
    });
    socket.disconnect(true);
    return;
  }
  try {
    // A synchronous answer is sent synchronously: the wall broadcast it triggered waits for the next tick.
    const response = handle();
    reply(response instanceof Promise ? await response : response);
  } catch (error) {
    deps.log.error({ err: error, moderator: socket.data.moderator.name }, 'moderation request failed');
    reply({
      ok: false,
      code: 'internal',
      message: 'The server could not do that; nothing was changed.',
      reason: { key: 'server_failed' },
    });
  }
}
