/**
 * The `/moderation` namespace: only for signed-in moderators (session cookie checked in the handshake and
 * again on every action, so a signed-out session stops acting at once). Requests are answered by typed acks.
 */
import type { Namespace, Server, Socket } from 'socket.io';
import { z } from 'zod';
import type {
  Ack,
  ModerationAction,
  ModerationClientToServer,
  ModerationServerToClient,
  Moderator,
  QueueSnapshot,
  Response,
} from '../protocol/socket.js';
import { ITEM_STATUSES } from '../protocol/items.js';
import type { EventRegistry } from '../events/registry.js';
import type { Store } from '../store/index.js';
import { decodeCursor } from '../store/index.js';
import type { Sessions } from '../auth/sessions.js';
import type { ModerationActions } from '../moderation/actions.js';
import type { WallControl } from '../moderation/wall-control.js';
import type { Logger } from '../log.js';
import { moderationRoom } from './rooms.js';

export type ModerationNamespace = Namespace<ModerationClientToServer, ModerationServerToClient>;
type ModerationSocket = Socket<ModerationClientToServer, ModerationServerToClient, never, { moderator: Moderator }>;

const queueRequest = z.object({
  event: z.string(),
  status: z.enum(ITEM_STATUSES as [string, ...string[]]).default('pending'),
  limit: z.number().int().min(1).max(500).default(100),
  cursor: z.string().max(100).optional(),
});
const actionRequest = z.object({
  id: z.number().int().positive(),
  expected: z.enum(ITEM_STATUSES as [string, ...string[]]).optional(),
});

const ACTIONS: readonly ModerationAction[] = ['approve', 'reject', 'hide', 'pin', 'unpin'];

export interface ModerationDeps {
  store: Store;
  events: EventRegistry;
  sessions: Sessions;
  actions: ModerationActions;
  wallControl: WallControl;
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
  namespace.on('connection', (socket) => onConnection(socket as ModerationSocket, deps));
  return namespace;
}

function onConnection(socket: ModerationSocket, deps: ModerationDeps): void {
  const { moderator } = socket.data;
  socket.emit('moderation:hello', { moderator, events: deps.events.slugs().map(deps.events.publicEvent) });
  socket.on('queue:snapshot', (request, ack) => guarded(deps, socket, ack, () => snapshot(socket, deps, request)));
  for (const action of ACTIONS) {
    socket.on(`item:${action}`, (request, ack) =>
      guarded(deps, socket, ack, () => {
        const parsed = actionRequest.safeParse(request);
        if (!parsed.success) return badRequest(parsed.error);
        const { id, expected } = parsed.data as { id: number; expected?: (typeof ITEM_STATUSES)[number] };
        return deps.actions.apply(moderator, action, expected ? { id, expected } : { id });
      }),
    );
  }
  socket.on('wall:update', (request, ack) =>
    guarded(deps, socket, ack, () => deps.wallControl.update(moderator, request)),
  );
  socket.on('wall:announce', (request, ack) =>
    guarded(deps, socket, ack, () => deps.wallControl.announce(moderator, request)),
  );
}

function snapshot(socket: ModerationSocket, deps: ModerationDeps, request: unknown): Response<QueueSnapshot> {
  const parsed = queueRequest.safeParse(request);
  if (!parsed.success) return badRequest(parsed.error);
  const { event, limit, cursor } = parsed.data;
  const status = parsed.data.status as QueueSnapshot['status'];
  if (!deps.events.has(event)) return { ok: false, code: 'not_found', message: `No event "${event}".` };
  const after = cursor ? decodeCursor(cursor) : undefined;
  if (after === null) return { ok: false, code: 'bad_request', message: 'Unknown cursor.' };
  for (const room of socket.rooms) if (room.startsWith('moderation:')) void socket.leave(room);
  void socket.join(moderationRoom(event));
  const page = deps.store.items.queue(event, status, limit, after);
  const data: QueueSnapshot = {
    event: deps.events.publicEvent(event),
    status,
    items: page.items,
    next: page.next,
    counts: deps.store.items.counts(event),
  };
  return { ok: true, data };
}

function badRequest(error: z.ZodError): { ok: false; code: 'bad_request'; message: string } {
  const message = error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ');
  return { ok: false, code: 'bad_request', message };
}

/**
 * Runs a request handler: re-checks the session, turns a thrown error into an `internal` ack (logged), and
 * ignores requests sent without an ack callback rather than crashing on them.
 */
function guarded<T>(
  deps: ModerationDeps,
  socket: ModerationSocket,
  ack: Ack<T> | undefined,
  handle: () => Response<T>,
): void {
  if (typeof ack !== 'function') return;
  if (!deps.sessions.fromCookieHeader(socket.request.headers.cookie)) {
    ack({ ok: false, code: 'unauthorized', message: 'Your session has ended; sign in again.' });
    socket.disconnect(true);
    return;
  }
  try {
    ack(handle());
  } catch (error) {
    deps.log.error({ err: error, moderator: socket.data.moderator.name }, 'moderation request failed');
    ack({ ok: false, code: 'internal', message: 'The server could not do that; nothing was changed.' });
  }
}
