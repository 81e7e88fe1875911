import { describe, expect, it } from 'vitest';
import { eventsMessages } from '../../../../moderation/lib/i18n-events.js';
import { sourceKindMessages } from '../../../../moderation/lib/i18n-source-kinds.js';

describe('set-up screen messages', () => {
  it('have every key in both languages, with the same shape, and no empty text', () => {
    expect(shape(eventsMessages.fr)).toEqual(shape(eventsMessages.en));
    expect(shape(sourceKindMessages.fr)).toEqual(shape(sourceKindMessages.en));
    for (const messages of [eventsMessages.fr, eventsMessages.en, sourceKindMessages.fr, sourceKindMessages.en]) {
      expect(emptyPaths(messages)).toEqual([]);
    }
  });

  it('word every function for sample arguments in both languages', () => {
    for (const e of Object.values(eventsMessages)) {
      expect(e.archiveTitle('AG 2026')).toContain('AG 2026');
      expect(e.archivedOn('3 mai')).toContain('3 mai');
      expect(e.form.editTitle('AG')).toContain('AG');
      expect(e.sourcesPanel.removeTitle('Mastodon')).toContain('Mastodon');
      expect(e.sourceForm.removeInstance(2)).toContain('2');
      expect(e.linksPanel.qrAlt('Mur')).toContain('Mur');
    }
  });

  it('say where to find each credential', () => {
    expect(sourceKindMessages.en.twilio.endpointHelp).toMatch(/Active numbers.*A message comes in/u);
    expect(sourceKindMessages.fr.twilio.fields.accountSid?.help).toContain('Account Info');
    expect(sourceKindMessages.fr['email-imap'].needs).toContain('mot de passe d’application');
  });
});

function shape(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return typeof value;
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, shape(entry)]));
}

function emptyPaths(value: object, path = ''): string[] {
  return Object.entries(value).flatMap(([key, entry]: [string, unknown]) => {
    const here = `${path}.${key}`;
    if (typeof entry === 'string') return entry.trim() === '' ? [here] : [];
    if (typeof entry === 'object' && entry !== null) return emptyPaths(entry, here);
    return [];
  });
}
