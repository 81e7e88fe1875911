/** The card's own type size, as a multiple of the wall's, and the range of its message text, per kind of card. */
export type CardVariant = 'card' | 'spotlight' | 'small';

export const CARD_SCALES: Record<CardVariant, { card: number; min: number; max: number }> = {
  card: { card: 1, min: 0.8, max: 1.7 },
  spotlight: { card: 1.3, min: 0.9, max: 2.5 },
  small: { card: 0.75, min: 1, max: 1 },
};
