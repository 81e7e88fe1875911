/**
 * What the queue says after a filter reason's label ("Mot bloqué : arnaque"): the detail the server wrote, in the
 * console's language. The server writes its details in English for the log; those of its own words are said
 * again here, data (a blocked word) shows as it is, and an author's internal key not at all.
 */
import type { Language } from '../../server/protocol/event.js';
import type { FilterReason } from '../../server/protocol/items.js';

const RULES: ReadonlySet<string> = new Set<FilterReason['rule']>([
  'blocklist',
  'banned-author',
  'trusted-author',
  'trusted-only',
  'mode',
  'hourly-cap',
  'edited',
  'deleted',
]);

interface DetailWords {
  postModeration: string;
  holdMode: string;
  hourlyCap: (count: string) => string;
  edited: string;
  deleted: string;
  optedOut: (word: string) => string;
  editedAfterApproval: string;
}

const WORDS: Record<Language, DetailWords> = {
  fr: {
    postModeration: 'affiché aussitôt, l’équipe retire au besoin',
    holdMode: 'affiché après le délai, sauf rejet avant',
    hourlyCap: (count) => `plus de ${count} messages en une heure depuis cette source`,
    edited: 'modifié par son auteur après réception',
    deleted: 'supprimé par son auteur sur son réseau',
    optedOut: (word) => `le numéro a demandé l’arrêt (${word})`,
    editedAfterApproval: 'modifié après approbation\u00a0: de retour dans la file, le mur garde la version approuvée',
  },
  en: {
    postModeration: 'shown at once, the team takes down as needed',
    holdMode: 'shown after the delay unless rejected first',
    hourlyCap: (count) => `more than ${count} messages in an hour from this source`,
    edited: 'edited by its author after it arrived',
    deleted: 'deleted by its author on their network',
    optedOut: (word) => `the number opted out (${word})`,
    editedAfterApproval: 'edited after approval: back in the queue, the wall keeps the approved version',
  },
};

/** The detail to show after the reason's label, or null when the label says it all. */
export function reasonDetail(reason: FilterReason, lang: Language): string | null {
  const words = WORDS[lang];
  switch (reason.rule) {
    case 'blocklist':
      return reason.detail || null;
    case 'banned-author':
    case 'trusted-author':
    case 'trusted-only':
      return null;
    case 'mode':
      if (reason.detail === 'post-moderation') return words.postModeration;
      return reason.detail === 'hold' ? words.holdMode : null;
    case 'hourly-cap': {
      const count = /more than (\d+)/.exec(reason.detail)?.[1];
      return count ? words.hourlyCap(count) : null;
    }
    case 'edited':
      return words.edited;
    case 'deleted': {
      const optOut = /^SMS opt-out \(([^)]*)\)$/.exec(reason.detail);
      return optOut ? words.optedOut(optOut[1]!) : words.deleted;
    }
    default:
      return reason.detail || null;
  }
}

/**
 * An audit entry's detail in the console's language: the filter's reasons at arrival (`mode: hold; hourly-cap: …`),
 * an author's edit or deletion; anything else as written.
 */
export function auditDetail(
  action: string,
  detail: string,
  lang: Language,
  labels: Record<FilterReason['rule'], string>,
): string {
  const words = WORDS[lang];
  if (action === 'edit') return detail.startsWith('edited after approval') ? words.editedAfterApproval : words.edited;
  if (action === 'delete') return reasonDetail({ rule: 'deleted', detail }, lang) ?? detail;
  if (action !== 'intake') return detail;
  return detail
    .split('; ')
    .map((part) => {
      const [rule, ...rest] = part.split(': ');
      if (rule === undefined || !RULES.has(rule)) return part;
      const reason = { rule: rule as FilterReason['rule'], detail: rest.join(': ') };
      const said = reasonDetail(reason, lang);
      return said ? `${labels[reason.rule]}${lang === 'fr' ? '\u00a0' : ''}: ${said}` : labels[reason.rule];
    })
    .join(lang === 'fr' ? '\u00a0; ' : '; ');
}
