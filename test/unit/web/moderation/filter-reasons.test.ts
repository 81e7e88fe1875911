/** A filter reason's detail in the console's language: the server's English words are said again, data kept. */
import { describe, expect, it } from 'vitest';
import { auditDetail, reasonDetail } from '../../../../moderation/lib/filter-reasons.js';
import { messages } from '../../../../moderation/lib/i18n.js';

describe('reasonDetail', () => {
  it('says the server’s own details in French and English', () => {
    const cap = { rule: 'hourly-cap', detail: 'more than 30 items an hour from sms' } as const;
    expect(reasonDetail(cap, 'fr')).toBe('plus de 30 messages en une heure depuis cette source');
    expect(reasonDetail(cap, 'en')).toBe('more than 30 messages in an hour from this source');
    expect(reasonDetail({ rule: 'mode', detail: 'post-moderation' }, 'fr')).toBe(
      'affiché aussitôt, l’équipe retire au besoin',
    );
    expect(reasonDetail({ rule: 'deleted', detail: 'deleted on X' }, 'fr')).toBe(
      'supprimé par son auteur sur son réseau',
    );
    expect(reasonDetail({ rule: 'deleted', detail: 'SMS opt-out (STOP)' }, 'fr')).toBe(
      'le numéro a demandé l’arrêt (STOP)',
    );
    expect(reasonDetail({ rule: 'edited', detail: 'edited by its author (2026-03-12T10:30:00.000Z)' }, 'fr')).toBe(
      'modifié par son auteur après réception',
    );
  });

  it('shows a blocked word as it is and never an author’s internal key', () => {
    expect(reasonDetail({ rule: 'blocklist', detail: 'arnaque' }, 'fr')).toBe('arnaque');
    expect(reasonDetail({ rule: 'banned-author', detail: 'x:12345' }, 'fr')).toBeNull();
    expect(reasonDetail({ rule: 'trusted-only', detail: 'trusted only' }, 'en')).toBeNull();
  });
});

describe('auditDetail', () => {
  it('says the filter’s reasons at arrival and the author’s changes in the console’s language', () => {
    const arrival = 'mode: hold; hourly-cap: more than 5 items an hour from web';
    expect(auditDetail('intake', arrival, 'fr', messages.fr.reasons)).toBe(
      `${messages.fr.reasons.mode}\u00a0: affiché après le délai, sauf rejet avant\u00a0; ` +
        `${messages.fr.reasons['hourly-cap']}\u00a0: plus de 5 messages en une heure depuis cette source`,
    );
    expect(auditDetail('intake', 'trusted-author: x:1', 'en', messages.en.reasons)).toBe(
      messages.en.reasons['trusted-author'],
    );
    expect(auditDetail('delete', 'deleted by its author on Bluesky', 'fr', messages.fr.reasons)).toBe(
      'supprimé par son auteur sur son réseau',
    );
    expect(auditDetail('edit', 'edited after approval: back in the queue', 'fr', messages.fr.reasons)).toContain(
      'modifié après approbation',
    );
    expect(auditDetail('approve', 'something else', 'fr', messages.fr.reasons)).toBe('something else');
  });
});
