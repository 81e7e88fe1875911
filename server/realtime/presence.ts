/**
 * Who is in which event's console, and which item each has open, read from the live sockets themselves: each
 * console's socket carries its moderator, event and open item (`socket.data`), and `fetchSockets` reads those of
 * every node (through the adapter when there are several), so presence shows every moderator whichever node they
 * are on.
 */
import type { Presence } from '../protocol/moderation.js';
import type { Moderator } from '../protocol/socket.js';
import { moderationRoom } from './rooms.js';

/** What a console's socket carries: read by every node, so plain data only. */
export interface Seat {
  moderator: Moderator;
  event: string | null;
  focus: number | null;
}

interface SeatedSocket {
  data: Partial<Seat>;
}

interface SocketFinder {
  fetchSockets(): Promise<{ data: Partial<Seat> }[]>;
  in(room: string): { fetchSockets(): Promise<{ data: Partial<Seat> }[]> };
}

export function createPresence(namespace: SocketFinder) {
  return {
    join(socket: SeatedSocket, moderator: Moderator): void {
      Object.assign(socket.data, { moderator, event: null, focus: null });
    },
    /** Returns the event the socket was in before, so both rooms can be told. */
    enter(socket: SeatedSocket, event: string): string | null {
      const previous = socket.data.event ?? null;
      if (previous === event) return null; // a further page of the same event keeps the open item
      Object.assign(socket.data, { event, focus: null });
      return previous;
    },
    focus(socket: SeatedSocket, id: number | null): string | null {
      socket.data.focus = id;
      return socket.data.event ?? null;
    },
    leave(socket: SeatedSocket): string | null {
      const event = socket.data.event ?? null;
      socket.data.event = null;
      return event;
    },
    /** One line per moderator (several tabs of one person count once; an open item wins over none). */
    async of(event: string): Promise<Presence> {
      const sockets = await namespace.in(moderationRoom(event)).fetchSockets();
      const byName = new Map<string, Presence['online'][number]>();
      for (const { data } of sockets) {
        if (!data.moderator || data.event !== event) continue;
        const { name, role } = data.moderator;
        byName.set(name, { name, role, focus: data.focus ?? byName.get(name)?.focus ?? null });
      }
      return { event, online: [...byName.values()].sort((a, b) => a.name.localeCompare(b.name)) };
    },
    /** The names of the moderators with a console open, on any node. */
    async onlineNames(): Promise<Set<string>> {
      const sockets = await namespace.fetchSockets();
      return new Set(sockets.flatMap(({ data }) => (data.moderator ? [data.moderator.name] : [])));
    },
  };
}

export type PresenceBook = ReturnType<typeof createPresence>;
