/**
 * Colours from an event's theme that always read: organisers pick an accent and a background, and this derives
 * the card, text, muted, link and button colours from them, nudging each one until it reaches its WCAG contrast
 * ratio against what it sits on (4.5:1 for text, 7:1 for message text). Hex colours only, as the config allows.
 */
import type { WallTheme } from '../../server/protocol/event.js';

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

const WHITE: Rgb = { r: 255, g: 255, b: 255 };
const BLACK: Rgb = { r: 0, g: 0, b: 0 };

/** `#rgb`, `#rgba`, `#rrggbb` or `#rrggbbaa` (alpha ignored); null for anything else. */
export function parseHex(value: string | null | undefined): Rgb | null {
  const hex = value?.trim().replace(/^#/, '') ?? '';
  if (!/^[0-9a-f]+$/i.test(hex)) return null;
  const full =
    hex.length === 3 || hex.length === 4
      ? [...hex.slice(0, 3)].map((digit) => digit + digit).join('')
      : hex.length === 6 || hex.length === 8
        ? hex.slice(0, 6)
        : null;
  if (full === null) return null;
  const n = Number.parseInt(full, 16);
  return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255 };
}

export function toHex({ r, g, b }: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/** Relative luminance (WCAG 2.x). */
export function luminance({ r, g, b }: Rgb): number {
  const [lr, lg, lb] = [r, g, b].map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * lr + 0.7152 * lg + 0.0722 * lb;
}

/** Contrast ratio from 1 to 21. */
export function contrast(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** `a` moved towards `b` by `t` (0 to 1). */
export function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return { r: a.r + (b.r - a.r) * t, g: a.g + (b.g - a.g) * t, b: a.b + (b.b - a.b) * t };
}

export function isDark(colour: Rgb): boolean {
  return contrast(colour, WHITE) >= contrast(colour, BLACK);
}

/**
 * `colour`, lightened or darkened (whichever reaches further) as little as needed to contrast `min`:1 with every
 * one of `backgrounds`. Black or white when even that is not enough.
 */
export function ensureContrast(colour: Rgb, backgrounds: readonly Rgb[], min: number): Rgb {
  const worst = (candidate: Rgb) => Math.min(...backgrounds.map((bg) => contrast(candidate, bg)));
  if (worst(colour) >= min) return round(colour);
  const towards = worst(WHITE) >= worst(BLACK) ? WHITE : BLACK;
  for (let t = 0.05; t < 1; t += 0.05) {
    const candidate = round(mix(colour, towards, t));
    if (worst(candidate) >= min) return candidate;
  }
  return towards;
}

export interface Palette {
  /** Behind everything. */
  bg: string;
  /** Cards and panels. */
  surface: string;
  /** Message text on a surface (7:1). */
  text: string;
  /** Secondary text, links and highlights on a surface (4.5:1). */
  muted: string;
  accent: string;
  danger: string;
  success: string;
  /** The same roles for what is written straight on the background (titles, the web view's feed). */
  textOnBg: string;
  mutedOnBg: string;
  accentOnBg: string;
  dangerOnBg: string;
  /** The organisers' accent as they chose it, for buttons, banners and badges, and the text on it (4.5:1). */
  fill: string;
  onFill: string;
  /** The browser's `color-scheme` for form controls and scrollbars. */
  scheme: 'dark' | 'light';
}

const DEFAULTS = {
  dark: { bg: '#0f172a', text: '#f5f6f8', muted: '#b6bccb', accent: '#38bdf8', danger: '#ff8a80', success: '#7ddc9a' },
  light: { bg: '#f3f4f7', text: '#15171c', muted: '#555b6b', accent: '#0369a1', danger: '#b3261e', success: '#1b7a3d' },
} as const;

/**
 * Every colour of the wall and the web view for a theme, each checked against what it is drawn on. The surface
 * follows the mode; the background is the organisers', so a light card on a dark background is fine, and text
 * written on the background gets colours of its own.
 */
export function palette(theme: Pick<WallTheme, 'mode' | 'accent' | 'background'>): Palette {
  // One of black and white always reaches 4.5:1 on any colour, so `onFill` never needs nudging.
  const mode = theme.mode === 'light' ? 'light' : 'dark';
  const base = DEFAULTS[mode];
  const bg = parseHex(theme.background) ?? hex(base.bg);
  const surface = round(mode === 'light' ? WHITE : isDark(bg) ? mix(bg, WHITE, 0.08) : hex('#1c2030'));
  const wanted = parseHex(theme.accent) ?? hex(base.accent);
  const on = (colour: Rgb, background: Rgb, min: number) => toHex(ensureContrast(colour, [background], min));
  const accent = ensureContrast(wanted, [surface], 4.5);
  return {
    bg: toHex(bg),
    surface: toHex(surface),
    text: on(hex(base.text), surface, 7),
    muted: on(hex(base.muted), surface, 4.5),
    accent: toHex(accent),
    danger: on(hex(base.danger), surface, 4.5),
    success: on(hex(base.success), surface, 4.5),
    // 7:1 where it can be had; on a mid-grey background only black or white reach 4.5:1.
    textOnBg: on(hex(base.text), bg, 7),
    mutedOnBg: on(hex(base.muted), bg, 4.5),
    accentOnBg: on(wanted, bg, 4.5),
    dangerOnBg: on(hex(base.danger), bg, 4.5),
    fill: toHex(wanted),
    onFill: toHex(contrast(wanted, BLACK) >= contrast(wanted, WHITE) ? BLACK : WHITE),
    scheme: mode,
  };
}

function hex(value: string): Rgb {
  return parseHex(value) ?? BLACK;
}

function round({ r, g, b }: Rgb): Rgb {
  return { r: Math.round(r), g: Math.round(g), b: Math.round(b) };
}

/**
 * The palette as CSS custom properties for a screen's root element. `global.css` maps them to `--text`,
 * `--muted`, `--accent`, `--danger` for what sits on the background, and again for what sits on a `.surface`.
 */
export function paletteStyle(p: Palette): string {
  const vars: Record<string, string> = {
    '--bg': p.bg,
    '--surface': p.surface,
    '--bg-text': p.textOnBg,
    '--bg-muted': p.mutedOnBg,
    '--bg-accent': p.accentOnBg,
    '--bg-danger': p.dangerOnBg,
    '--card-text': p.text,
    '--card-muted': p.muted,
    '--card-accent': p.accent,
    '--card-danger': p.danger,
    '--card-success': p.success,
    '--fill': p.fill,
    '--on-fill': p.onFill,
    'color-scheme': p.scheme,
  };
  return Object.entries(vars)
    .map(([name, value]) => `${name}: ${value}`)
    .join('; ');
}

/** An HSL colour (hue in degrees, saturation and lightness in percent) as RGB. */
export function hslToRgb(hue: number, saturation: number, lightness: number): Rgb {
  const s = saturation / 100;
  const l = lightness / 100;
  const k = (n: number) => (n + hue / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => 255 * (l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1)));
  return round({ r: f(0), g: f(8), b: f(4) });
}
