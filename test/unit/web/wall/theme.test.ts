import { describe, expect, it } from 'vitest';
import {
  contrast,
  ensureContrast,
  luminance,
  palette,
  paletteStyle,
  parseHex,
  toHex,
} from '../../../../wall/lib/theme.js';

const rgb = (hex: string) => {
  const colour = parseHex(hex);
  if (!colour) throw new Error(hex);
  return colour;
};

describe('parseHex and toHex', () => {
  it('reads the hex forms the configuration allows', () => {
    expect(parseHex('#38bdf8')).toEqual({ r: 0x38, g: 0xbd, b: 0xf8 });
    expect(parseHex('#fff')).toEqual({ r: 255, g: 255, b: 255 });
    expect(parseHex('#0f172aff')).toEqual({ r: 15, g: 23, b: 42 });
    expect(parseHex('#abcd')).toEqual({ r: 0xaa, g: 0xbb, b: 0xcc });
  });

  it('refuses anything else', () => {
    for (const value of ['', 'red', '#12', '#12345', 'rgb(0,0,0)', null, undefined]) expect(parseHex(value)).toBeNull();
  });

  it('writes six digits', () => {
    expect(toHex({ r: 15, g: 23, b: 42 })).toBe('#0f172a');
  });
});

describe('contrast', () => {
  it('matches the WCAG reference values', () => {
    expect(contrast(rgb('#000'), rgb('#fff'))).toBeCloseTo(21);
    expect(contrast(rgb('#777'), rgb('#fff'))).toBeCloseTo(4.48, 1);
    expect(luminance(rgb('#fff'))).toBeCloseTo(1);
  });
});

describe('ensureContrast', () => {
  it('keeps a colour that already contrasts', () => {
    expect(toHex(ensureContrast(rgb('#38bdf8'), [rgb('#0f172a')], 4.5))).toBe('#38bdf8');
  });

  it('darkens a light accent on white until it reads', () => {
    const fixed = ensureContrast(rgb('#38bdf8'), [rgb('#ffffff')], 4.5);
    expect(contrast(fixed, rgb('#ffffff'))).toBeGreaterThanOrEqual(4.5);
    expect(luminance(fixed)).toBeLessThan(luminance(rgb('#38bdf8')));
  });

  it('satisfies every background at once', () => {
    const backgrounds = [rgb('#ffffff'), rgb('#f3f4f7')];
    const fixed = ensureContrast(rgb('#ffcc00'), backgrounds, 4.5);
    for (const bg of backgrounds) expect(contrast(fixed, bg)).toBeGreaterThanOrEqual(4.5);
  });
});

describe('palette', () => {
  const themes = [
    { mode: 'dark', accent: '#38bdf8', background: '#0f172a' },
    { mode: 'light', accent: '#38bdf8', background: '#0f172a' },
    { mode: 'light', accent: '#ffcc00', background: '#ffffff' },
    { mode: 'dark', accent: '#1d4ed8', background: '#000000' },
    { mode: 'dark', accent: '#e11d48', background: '#f5f5f5' },
    { mode: 'light', accent: '#777777', background: '#777777' },
    { mode: 'dark', accent: 'nonsense', background: '' },
  ] as const;

  it.each(themes)('gives readable pairs for %o', (theme) => {
    const p = palette(theme);
    const [bg, surface] = [rgb(p.bg), rgb(p.surface)];
    expect(contrast(rgb(p.text), surface)).toBeGreaterThanOrEqual(7);
    for (const key of ['muted', 'accent', 'danger', 'success'] as const) {
      expect(contrast(rgb(p[key]), surface), key).toBeGreaterThanOrEqual(4.5);
    }
    for (const key of ['textOnBg', 'mutedOnBg', 'accentOnBg', 'dangerOnBg'] as const) {
      expect(contrast(rgb(p[key]), bg), key).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrast(rgb(p.onFill), rgb(p.fill))).toBeGreaterThanOrEqual(4.5);
  });

  it('gives titles 7:1 on a background where that can be had', () => {
    const p = palette({ mode: 'light', accent: '#38bdf8', background: '#0f172a' });
    expect(contrast(rgb(p.textOnBg), rgb(p.bg))).toBeGreaterThanOrEqual(7);
  });

  it('keeps the organisers’ colours when they already read', () => {
    const p = palette({ mode: 'dark', accent: '#38bdf8', background: '#0f172a' });
    expect(p.accent).toBe('#38bdf8');
    expect(p.bg).toBe('#0f172a');
    expect(p.scheme).toBe('dark');
    expect(palette({ mode: 'light', accent: '#0369a1', background: '#f3f4f7' }).surface).toBe('#ffffff');
  });
});

describe('paletteStyle', () => {
  it('writes every colour as a custom property', () => {
    const style = paletteStyle(palette({ mode: 'dark', accent: '#38bdf8', background: '#0f172a' }));
    expect(style).toContain('--bg: #0f172a');
    expect(style).toContain('--card-accent: #38bdf8');
    expect(style).toContain('color-scheme: dark');
    expect(style.split('; ')).toHaveLength(14);
  });
});
