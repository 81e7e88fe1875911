/**
 * What each keyboard command does, against a narrow view of the console (so it is tested with fakes). Item
 * commands act on the queue's selected row, and only on the queue screen with no dialog open.
 */
import type { Item } from '../../server/protocol/items.js';
import type { ModerationAction } from '../../server/protocol/socket.js';
import type { ConsoleView } from './i18n.js';
import type { Command } from './keys.js';

export interface CommandTarget {
  helpOpen: boolean;
  readonly view: ConsoleView;
  readonly queue: {
    readonly selected: Item | null;
    readonly bulk: ReadonlySet<number>;
    move(delta: number): Item | null;
    toggleBulk(item: Item): void;
    clearBulk(): void;
  };
  readonly actions: {
    readonly banTarget: Item | null;
    act(action: ModerationAction, item: Item): Promise<boolean>;
    pin(item: Item): Promise<void>;
    star(item: Item): Promise<void>;
    undo(): Promise<void>;
    bulkAct(action: 'approve' | 'reject'): Promise<void>;
    askBan(item: Item): void;
  };
}

/** Runs a command; returns whether it was used (the key's default is then prevented). */
export function runCommand(command: Command, target: CommandTarget): boolean {
  const { queue, actions } = target;
  if (command === 'help' || (command === 'escape' && target.helpOpen)) {
    target.helpOpen = command === 'help' && !target.helpOpen;
    return true;
  }
  if (command === 'escape') {
    if (queue.bulk.size === 0) return false;
    queue.clearBulk();
    return true;
  }
  // 'search' moves focus, which the page does itself.
  if (target.helpOpen || actions.banTarget || target.view !== 'queue' || command === 'search') return false;
  if (command === 'next' || command === 'previous') return queue.move(command === 'next' ? 1 : -1) !== null;
  if (command === 'undo') return done(actions.undo());
  if (command === 'bulk-approve') return done(actions.bulkAct('approve'));
  if (command === 'bulk-reject') return done(actions.bulkAct('reject'));
  const item = queue.selected;
  if (!item) return false;
  switch (command) {
    case 'approve':
    case 'reject':
    case 'hide':
      return done(actions.act(command, item));
    case 'pin':
      return done(actions.pin(item));
    case 'star':
      return done(actions.star(item));
    case 'ban':
      actions.askBan(item);
      return true;
    case 'toggle-bulk':
      queue.toggleBulk(item);
      return true;
  }
}

/** The request goes on by itself (it reports its own outcome); the key was used. */
function done(request: Promise<unknown>): true {
  void request;
  return true;
}
