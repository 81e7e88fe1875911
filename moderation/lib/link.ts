/**
 * What each part of the console state (queue, rules, wall, sources...) needs from the whole: the typed
 * request, the event shown, who is signed in, and a way to tell the moderator how things went.
 */
import type { PublicEvent } from '../../server/protocol/event.js';
import type { RulesView } from '../../server/protocol/moderation.js';
import type { Moderator } from '../../server/protocol/socket.js';
import type { Request } from './ack.js';
import type { ConsoleError, ConsoleMessages } from './i18n.js';

export interface ConsoleLink {
  request: Request;
  /** The event shown; null before the server said which events there are. */
  readonly slug: string | null;
  readonly event: PublicEvent | null;
  readonly me: Moderator | null;
  readonly t: ConsoleMessages;
  /**
   * Says why something failed (translated by code, with the server's words), naming the message's author
   * when given; signs out on `unauthorized`.
   */
  fail(error: ConsoleError, author?: string): void;
  /** A short line that goes away by itself; `undoId` adds an "Undo" button for that item. */
  toast(text: string, tone?: 'info' | 'done', undoId?: number): void;
  /** The event as the server last described it (wall settings, announcement). */
  updateEvent(event: PublicEvent): void;
  /** New rules from an acknowledgement (the other consoles get `rules:changed`). */
  rulesChanged(rules: RulesView): void;
  /** The server forgets which item this console has open when it joins a room: say it again. */
  refocus(): void;
}
