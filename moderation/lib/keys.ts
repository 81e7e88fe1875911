/**
 * The console's keyboard: one table from keys to commands, read by the key handler and by the help overlay.
 * Plain data, no DOM types, so it is tested under Node.
 */

export type Command =
  | 'next'
  | 'previous'
  | 'approve'
  | 'reject'
  | 'pin'
  | 'hide'
  | 'ban'
  | 'star'
  | 'undo'
  | 'toggle-bulk'
  | 'bulk-approve'
  | 'bulk-reject'
  | 'search'
  | 'help'
  | 'escape';

export interface KeyBinding {
  /** `KeyboardEvent.key` values, lower case; `shift` says whether Shift must be held. */
  keys: readonly string[];
  shift: boolean;
  command: Command;
}

/** In the order the help overlay lists them. */
export const KEY_BINDINGS: readonly KeyBinding[] = [
  { keys: ['j', 'arrowdown'], shift: false, command: 'next' },
  { keys: ['k', 'arrowup'], shift: false, command: 'previous' },
  { keys: ['a'], shift: false, command: 'approve' },
  { keys: ['r'], shift: false, command: 'reject' },
  { keys: ['p'], shift: false, command: 'pin' },
  { keys: ['h'], shift: false, command: 'hide' },
  { keys: ['s'], shift: false, command: 'star' },
  { keys: ['b'], shift: false, command: 'ban' },
  { keys: ['u'], shift: false, command: 'undo' },
  { keys: ['x'], shift: false, command: 'toggle-bulk' },
  { keys: ['a'], shift: true, command: 'bulk-approve' },
  { keys: ['r'], shift: true, command: 'bulk-reject' },
  { keys: ['/'], shift: false, command: 'search' },
  { keys: ['?'], shift: true, command: 'help' },
  { keys: ['escape'], shift: false, command: 'escape' },
];

/** The parts of a `KeyboardEvent` the mapping needs. */
export interface KeyInput {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The focused element, as far as "is the moderator typing?" goes. */
  target?: { tagName?: string; isContentEditable?: boolean; type?: string } | null;
}

/** Input types that take typed text; a focused checkbox or button still lets the shortcuts through. */
const TEXT_INPUTS = new Set(['text', 'search', 'email', 'password', 'number', 'url', 'tel', 'date', 'time', '']);

export function isTyping(target: KeyInput['target']): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName?.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return tag === 'INPUT' && TEXT_INPUTS.has((target.type ?? '').toLowerCase());
}

/**
 * The command for a key press, or null: ignored while typing (except Escape, which leaves the field), with
 * Ctrl, Cmd or Alt held (browser and system shortcuts), and for unbound keys. Caps Lock does not matter.
 */
export function commandFor(input: KeyInput): Command | null {
  const key = input.key.toLowerCase();
  if (input.ctrlKey || input.metaKey || input.altKey) return null;
  if (isTyping(input.target)) return key === 'escape' ? 'escape' : null;
  // '?' and '/' share a key on many layouts but not all: match the character, whatever Shift says.
  if (key === '?') return 'help';
  if (key === '/') return 'search';
  const binding = KEY_BINDINGS.find((entry) => entry.keys.includes(key) && entry.shift === input.shiftKey);
  return binding?.command ?? null;
}

/** How a binding's keys read in the help overlay: `j`, `↓`, `Shift + a`. */
export function keyLabels(binding: KeyBinding): string[] {
  const names: Record<string, string> = { arrowdown: '↓', arrowup: '↑', escape: 'Esc' };
  return binding.keys.map((key) => {
    const name = names[key] ?? key;
    return binding.shift && key !== '?' ? `Shift + ${name}` : name;
  });
}
