/** Language matching and wording shared by the wall app and the moderation console. */
import type { Language } from '../../server/protocol/event.js';

/** Used when nothing else decides: the first language of the protocol's list. */
export const DEFAULT_LANGUAGE: Language = 'fr';

/** `fr`, `fr-CA`, `EN_gb` → a supported language; anything else → null. */
export function matchLanguage(tag: string | null | undefined): Language | null {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'fr' || primary === 'en' ? primary : null;
}

/** "45 secondes", "2 minutes": how long to wait, rounded up to whole minutes past one minute. */
export function formatWait(seconds: number, lang: Language): string {
  const minutes = Math.ceil(seconds / 60);
  const [value, unit] = seconds < 60 ? [Math.max(1, Math.ceil(seconds)), 'second'] : [minutes, 'minute'];
  return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}
