/** Public description of an event and its wall settings, shared with the Svelte apps. */

export type Language = 'fr' | 'en';

export const LANGUAGES: readonly Language[] = ['fr', 'en'];

export type WallLayout = 'mosaic' | 'spotlight' | 'ticker';

/** pre: nothing shows before approval; post: shows at once, moderators retract. */
export type ModerationMode = 'pre' | 'post';

export interface WallTheme {
  mode: 'dark' | 'light';
  /** CSS colour for links, hashtags and highlights. */
  accent: string;
  /** CSS colour behind the cards. */
  background: string;
  logoUrl: string | null;
  backgroundImageUrl: string | null;
  /** Multiplier on the computed type size (1 = automatic). */
  fontScale: number;
  /** Transparent background, for a ticker laid over slides or video. */
  transparent: boolean;
}

export interface WallSettings {
  layout: WallLayout;
  theme: WallTheme;
  /** Interface languages, first is the default. */
  languages: Language[];
  /** A paused wall keeps what it shows and takes nothing new. */
  paused: boolean;
}

/** How the audience can take part, shown on the wall. */
export interface Participation {
  hashtags: string[];
  sms: string | null;
  email: string | null;
  /** Web view URL for the QR code, when the server knows its public address. */
  webUrl: string | null;
}

export interface PublicEvent {
  slug: string;
  title: string;
  hashtags: string[];
  mode: ModerationMode;
  wall: WallSettings;
  participation: Participation;
}
