import { describe, expect, it } from 'vitest';
import { generateSetupToken, normalizeSetupToken } from '../../../server/auth/first-run.js';

describe('set-up tokens', () => {
  it('are 3 groups of 4 characters without look-alikes, all different', () => {
    const tokens = new Set(Array.from({ length: 200 }, generateSetupToken));
    expect(tokens.size).toBe(200);
    for (const token of tokens) expect(token).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){2}$/);
  });

  it('match however they were typed', () => {
    expect(normalizeSetupToken(' 7k3m qx9p-2hda ')).toBe('7K3MQX9P2HDA');
    expect(normalizeSetupToken('O1IL-0000-AAAA')).toBe('0111-0000-AAAA'.replace(/-/g, ''));
  });
});
