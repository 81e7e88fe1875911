import { describe, expect, it } from 'vitest';
import { KEY_BINDINGS, commandFor, isTyping, keyLabels, type KeyInput } from '../../../../moderation/lib/keys.js';

const press = (key: string, extra: Partial<KeyInput> = {}): KeyInput => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target: { tagName: 'BODY' },
  ...extra,
});

describe('commandFor', () => {
  it('maps the single keys', () => {
    const expected = {
      j: 'next',
      k: 'previous',
      ArrowDown: 'next',
      ArrowUp: 'previous',
      a: 'approve',
      r: 'reject',
      p: 'pin',
      h: 'hide',
      b: 'ban',
      s: 'star',
      u: 'undo',
      x: 'toggle-bulk',
      '/': 'search',
      Escape: 'escape',
    };
    for (const [key, command] of Object.entries(expected)) expect(commandFor(press(key))).toBe(command);
  });

  it('maps Shift + a and Shift + r to the bulk actions, and ? to the help', () => {
    expect(commandFor(press('A', { shiftKey: true }))).toBe('bulk-approve');
    expect(commandFor(press('R', { shiftKey: true }))).toBe('bulk-reject');
    expect(commandFor(press('?', { shiftKey: true }))).toBe('help');
    expect(commandFor(press('?'))).toBe('help');
  });

  it('ignores Caps Lock', () => {
    expect(commandFor(press('A'))).toBe('approve');
  });

  it('leaves Ctrl, Cmd and Alt shortcuts to the browser', () => {
    expect(commandFor(press('a', { ctrlKey: true }))).toBeNull();
    expect(commandFor(press('r', { metaKey: true }))).toBeNull();
    expect(commandFor(press('j', { altKey: true }))).toBeNull();
  });

  it('ignores keys while typing, except Escape', () => {
    for (const target of [
      { tagName: 'INPUT', type: 'search' },
      { tagName: 'input', type: 'text' },
      { tagName: 'TEXTAREA' },
      { tagName: 'SELECT' },
      { tagName: 'DIV', isContentEditable: true },
    ]) {
      expect(commandFor(press('a', { target }))).toBeNull();
      expect(commandFor(press('Escape', { target }))).toBe('escape');
    }
  });

  it('still works with a checkbox or a button focused', () => {
    expect(commandFor(press('a', { target: { tagName: 'INPUT', type: 'checkbox' } }))).toBe('approve');
    expect(commandFor(press('j', { target: { tagName: 'BUTTON' } }))).toBe('next');
    expect(isTyping(null)).toBe(false);
  });

  it('ignores unbound keys', () => {
    expect(commandFor(press('z'))).toBeNull();
    expect(commandFor(press('J', { shiftKey: true }))).toBeNull();
  });
});

describe('the help table', () => {
  it('lists every command once and words the keys', () => {
    const commands = KEY_BINDINGS.map((binding) => binding.command);
    expect(new Set(commands).size).toBe(commands.length);
    expect(keyLabels(KEY_BINDINGS.find((binding) => binding.command === 'next')!)).toEqual(['j', '↓']);
    expect(keyLabels(KEY_BINDINGS.find((binding) => binding.command === 'bulk-approve')!)).toEqual(['Shift + a']);
    expect(keyLabels(KEY_BINDINGS.find((binding) => binding.command === 'help')!)).toEqual(['?']);
  });
});
