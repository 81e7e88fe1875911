import { describe, expect, it } from 'vitest';
import { hueFor, initials, othersOnline, watchersByItem } from '../../../../moderation/lib/presence.js';

const presence = {
  event: 'demo',
  online: [
    { name: 'admin', role: 'admin' as const, focus: 4 },
    { name: 'Léa Martin', role: 'moderator' as const, focus: 4 },
    { name: 'Paul', role: 'moderator' as const, focus: null },
    { name: 'Inès', role: 'moderator' as const, focus: 7 },
  ],
};

describe('presence', () => {
  it('lists the others, not the moderator reading', () => {
    expect(othersOnline(presence, 'admin').map((entry) => entry.name)).toEqual(['Léa Martin', 'Paul', 'Inès']);
    expect(othersOnline(null, 'admin')).toEqual([]);
  });

  it('says who has which item open', () => {
    const byItem = watchersByItem(othersOnline(presence, 'admin'));
    expect(byItem.get(4)).toEqual(['Léa Martin']);
    expect(byItem.get(7)).toEqual(['Inès']);
    expect(byItem.size).toBe(2);
    expect(watchersByItem(othersOnline(presence, 'Paul')).get(4)).toEqual(['admin', 'Léa Martin']);
  });

  it('makes initials from one or several words', () => {
    expect(initials('Léa Martin')).toBe('LM');
    expect(initials('élodie')).toBe('É');
    expect(initials('jean-luc picard')).toBe('JP');
    expect(initials('  ')).toBe('');
  });

  it('gives each name a stable colour', () => {
    expect(hueFor('Léa Martin')).toBe(hueFor('Léa Martin'));
    expect(typeof hueFor('')).toBe('number');
  });
});
