/** Who is in which event's console, and which item each has open, from the live sockets. */
import type { Presence } from '../protocol/moderation.js';
import type { Moderator } from '../protocol/socket.js';

interface Seat {
  moderator: Moderator;
  event: string | null;
  focus: number | null;
}

export function createPresence() {
  const seats = new Map<string, Seat>();
  return {
    join(socketId: string, moderator: Moderator): void {
      seats.set(socketId, { moderator, event: null, focus: null });
    },
    /** Returns the event the socket was in before, so both rooms can be told. */
    enter(socketId: string, event: string): string | null {
      const seat = seats.get(socketId);
      if (!seat) return null;
      const previous = seat.event;
      if (previous === event) return null; // a further page of the same event keeps the open item
      seat.event = event;
      seat.focus = null;
      return previous;
    },
    focus(socketId: string, id: number | null): string | null {
      const seat = seats.get(socketId);
      if (!seat) return null;
      seat.focus = id;
      return seat.event;
    },
    leave(socketId: string): string | null {
      const event = seats.get(socketId)?.event ?? null;
      seats.delete(socketId);
      return event;
    },
    /** One line per moderator (several tabs of one person count once; the focus of the latest wins). */
    of(event: string): Presence {
      const byName = new Map<string, Presence['online'][number]>();
      for (const seat of seats.values()) {
        if (seat.event !== event) continue;
        const { name, role } = seat.moderator;
        byName.set(name, { name, role, focus: seat.focus ?? byName.get(name)?.focus ?? null });
      }
      return { event, online: [...byName.values()].sort((a, b) => a.name.localeCompare(b.name)) };
    },
    isOnline: (name: string): boolean => [...seats.values()].some((seat) => seat.moderator.name === name),
  };
}

export type PresenceBook = ReturnType<typeof createPresence>;
