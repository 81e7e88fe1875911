import { describe, expect, it } from 'vitest';
import { initials, nameHue } from '../../../../wall/lib/author.js';
import { cssUrl, hashtag } from '../../../../wall/lib/format.js';

describe('initials', () => {
  it('takes the first letter of the first and last words', () => {
    expect(initials('Marie-Claire Dupont')).toBe('MD');
    expect(initials('jean dupont de la fontaine')).toBe('JF');
    expect(initials('Élodie')).toBe('É');
  });

  it('skips symbols and falls back to a question mark', () => {
    expect(initials('@alice')).toBe('A');
    expect(initials('😀 🎉')).toBe('?');
    expect(initials('   ')).toBe('?');
  });
});

describe('nameHue', () => {
  it('is stable and within the colour wheel', () => {
    expect(nameHue('Alice')).toBe(nameHue('Alice'));
    for (const name of ['Alice', 'Bob', 'SMS', '']) {
      expect(nameHue(name)).toBeGreaterThanOrEqual(0);
      expect(nameHue(name)).toBeLessThan(360);
    }
  });
});

describe('hashtag', () => {
  it('shows one leading #', () => {
    expect(hashtag('forum')).toBe('#forum');
    expect(hashtag('#forum')).toBe('#forum');
    expect(hashtag(' ##forum ')).toBe('#forum');
    expect(hashtag('#')).toBe('');
  });
});

describe('cssUrl', () => {
  it('quotes the address so spaces and quotes cannot break out of url()', () => {
    expect(cssUrl('/media/a b.jpg')).toBe('url("/media/a b.jpg")');
    expect(cssUrl('/x").evil{')).toBe('url("/x\\").evil{")');
  });
});
