import { describe, expect, it } from 'vitest';
import { AVATAR_LIGHTNESS, AVATAR_SATURATION, avatarColour, initials, nameHue } from '../../../../wall/lib/author.js';
import { contrast, hslToRgb } from '../../../../wall/lib/theme.js';
import { cssUrl, hashtag } from '../../../../wall/lib/format.js';

describe('initials', () => {
  it('takes the first letter of the first and last words', () => {
    expect(initials('Marie-Claire Dupont')).toBe('MD');
    expect(initials('Participant 14')).toBe('P');
    expect(initials('2027')).toBe('2');
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

describe('avatarColour', () => {
  it('is the name’s hue, dark enough for white initials on every hue', () => {
    expect(avatarColour('Alice')).toBe(`hsl(${nameHue('Alice')} ${AVATAR_SATURATION}% ${AVATAR_LIGHTNESS}%)`);
    for (let hue = 0; hue < 360; hue += 1) {
      const background = hslToRgb(hue, AVATAR_SATURATION, AVATAR_LIGHTNESS);
      expect(contrast(background, { r: 255, g: 255, b: 255 }), `hue ${hue}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('converts HSL like CSS does', () => {
    expect(hslToRgb(0, 100, 50)).toEqual({ r: 255, g: 0, b: 0 });
    expect(hslToRgb(120, 100, 25)).toEqual({ r: 0, g: 128, b: 0 });
    expect(hslToRgb(0, 0, 100)).toEqual({ r: 255, g: 255, b: 255 });
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
