import { describe, expect, it } from 'vitest';
import type { Item } from '../../../../server/protocol/items.js';
import { runCommand, type CommandTarget } from '../../../../moderation/lib/commands.js';
import type { Command } from '../../../../moderation/lib/keys.js';
import { item } from './fixture.js';

/** A console stand-in that records what each command asked for. */
function fakeConsole(overrides: { selected?: Item | null; bulk?: number[]; view?: CommandTarget['view'] } = {}) {
  const calls: string[] = [];
  const record =
    <R>(name: string, result: R) =>
    (...args: unknown[]) => {
      calls.push([name, ...args.map((arg) => (typeof arg === 'object' && arg ? (arg as Item).id : arg))].join(' '));
      return Promise.resolve(result);
    };
  const target: CommandTarget = {
    helpOpen: false,
    view: overrides.view ?? 'queue',
    queue: {
      selected: overrides.selected === undefined ? item(7) : overrides.selected,
      bulk: new Set(overrides.bulk ?? []),
      move: (delta) => {
        calls.push(`move ${delta}`);
        return item(8);
      },
      toggleBulk: (entry) => void calls.push(`toggleBulk ${entry.id}`),
      clearBulk: () => void calls.push('clearBulk'),
    },
    actions: {
      banTarget: null,
      act: record('act', true),
      pin: record('pin', undefined),
      star: record('star', undefined),
      undo: record('undo', undefined),
      bulkAct: record('bulkAct', undefined),
      askBan: (entry) => void calls.push(`askBan ${entry.id}`),
    },
  };
  return { target, calls };
}

describe('runCommand', () => {
  it('sends each item key to the selected item', () => {
    const expected: [Command, string][] = [
      ['approve', 'act approve 7'],
      ['reject', 'act reject 7'],
      ['hide', 'act hide 7'],
      ['pin', 'pin 7'],
      ['star', 'star 7'],
      ['ban', 'askBan 7'],
      ['toggle-bulk', 'toggleBulk 7'],
      ['next', 'move 1'],
      ['previous', 'move -1'],
      ['undo', 'undo'],
      ['bulk-approve', 'bulkAct approve'],
      ['bulk-reject', 'bulkAct reject'],
    ];
    for (const [command, call] of expected) {
      const { target, calls } = fakeConsole();
      expect(runCommand(command, target)).toBe(true);
      expect(calls).toEqual([call]);
    }
  });

  it('does nothing to items with nothing selected', () => {
    const { target, calls } = fakeConsole({ selected: null });
    expect(runCommand('approve', target)).toBe(false);
    expect(calls).toEqual([]);
  });

  it('acts only on the queue screen, with no dialog open', () => {
    const elsewhere = fakeConsole({ view: 'rules' });
    expect(runCommand('approve', elsewhere.target)).toBe(false);
    const help = fakeConsole();
    help.target.helpOpen = true;
    expect(runCommand('reject', help.target)).toBe(false);
    const banning = fakeConsole();
    Object.assign(banning.target.actions, { banTarget: item(7) });
    expect(runCommand('approve', banning.target)).toBe(false);
    expect([...elsewhere.calls, ...help.calls, ...banning.calls]).toEqual([]);
  });

  it('toggles the help with ?, closes it with Escape, then clears the bulk selection', () => {
    const { target, calls } = fakeConsole({ bulk: [3] });
    expect(runCommand('help', target)).toBe(true);
    expect(target.helpOpen).toBe(true);
    expect(runCommand('escape', target)).toBe(true);
    expect(target.helpOpen).toBe(false);
    expect(runCommand('escape', target)).toBe(true);
    expect(calls).toEqual(['clearBulk']);
    expect(runCommand('escape', fakeConsole().target)).toBe(false);
  });

  it('leaves the search key to the page', () => {
    expect(runCommand('search', fakeConsole().target)).toBe(false);
  });
});
