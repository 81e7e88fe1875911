import { describe, expect, it } from 'vitest';
import { clockTime, relativeTime } from '../../../../wall/lib/time.js';

const now = Date.UTC(2025, 5, 3, 12, 0, 0);
const minute = 60_000;

/** ICU puts no-break spaces between numbers and units; compare with plain spaces. */
function plain(text: string): string {
  return text.replace(/\s/g, ' ');
}

describe('relativeTime', () => {
  it('says "now" under 45 seconds, and for times slightly in the future', () => {
    expect(relativeTime(now - 10_000, now, 'fr')).toBe('maintenant');
    expect(relativeTime(now - 10_000, now, 'en')).toBe('now');
    expect(relativeTime(now + 5_000, now, 'en')).toBe('now');
  });

  it('counts minutes, then hours', () => {
    expect(plain(relativeTime(now - 2 * minute, now, 'fr'))).toBe('il y a 2 min');
    expect(plain(relativeTime(now - 2 * minute, now, 'en'))).toMatch(/^2 min\.? ago$/);
    expect(plain(relativeTime(now - 3 * 60 * minute, now, 'fr'))).toBe('il y a 3 h');
  });

  it('says yesterday for a day, then gives the date past a week', () => {
    expect(relativeTime(now - 24 * 60 * minute, now, 'fr')).toBe('hier');
    expect(relativeTime(now - 24 * 60 * minute, now, 'en')).toBe('yesterday');
    expect(relativeTime(Date.UTC(2025, 4, 1, 12), now, 'en')).toMatch(/May/);
  });
});

describe('clockTime', () => {
  it('gives hours and minutes today, and the date as well on another day', () => {
    expect(clockTime(now, now, 'fr')).toMatch(/^\d\d:\d\d$/);
    expect(clockTime(now - 3 * 24 * 60 * minute, now, 'en')).toMatch(/May|Jun/);
  });
});
