/** A field's error goes as soon as the field is fixed; the others stay, all shown at once. */
import { describe, expect, it } from 'vitest';
import type { AdminFieldError } from '../../../../server/protocol/admin.js';
import { stillRefused, valueAt } from '../../../../moderation/lib/form-errors.js';
import { checkSetup, recheck, type SetupFields } from '../../../../moderation/lib/setup.js';

const error = (field: string): AdminFieldError => ({ field, message: { en: `${field} bad`, fr: `${field} mauvais` } });

describe('stillRefused', () => {
  const sent = { title: '', hashtags: ['ok', 'b@d'], wall: { theme: { accent: 'blue' } }, instances: [{ url: 'x' }] };
  const errors = [error('title'), error('hashtags.1'), error('wall.theme.accent'), error('instances.0.url'), error('')];

  it('keeps every error while nothing changed', () => {
    expect(stillRefused(errors, sent, structuredClone(sent))).toEqual(errors);
  });

  it('drops the error of each field edited since, and only that one', () => {
    const now = structuredClone(sent);
    now.wall.theme.accent = '#1d4ed8';
    now.instances[0]!.url = 'https://piaille.fr';
    expect(stillRefused(errors, sent, now).map((e) => e.field)).toEqual(['title', 'hashtags.1', '']);
    now.hashtags[1] = 'bad';
    expect(stillRefused(errors, sent, now).map((e) => e.field)).toEqual(['title', '']);
  });

  it('reads dotted paths through objects and lists', () => {
    expect(valueAt(sent, 'instances.0.url')).toBe('x');
    expect(valueAt(sent, 'wall.theme.nothing.deeper')).toBeUndefined();
  });
});

describe('recheck on the set-up page', () => {
  const typed: SetupFields = { token: 'ABCD-EFGH-JKMN', name: 'a', password: 'short', confirm: 'short' };

  it('shows every problem at once, then each goes as its field is fixed', () => {
    const problems = checkSetup(typed);
    expect(problems).toEqual({ name: 'tooShort', password: 'tooShort' });
    const nameFixed = { ...typed, name: 'Organiser' };
    expect(recheck(problems, nameFixed, typed)).toEqual({ password: 'tooShort' });
    const passwordFixed = { ...nameFixed, password: 'une-phrase-solide' };
    // The confirmation had no problem shown: it gets none while typing, the next try checks it.
    expect(recheck(problems, passwordFixed, typed)).toEqual({});
  });

  it('says a field’s new problem while it is still wrong', () => {
    const problems = checkSetup(typed);
    expect(recheck(problems, { ...typed, name: 'a!' }, typed)).toEqual({ name: 'badCharacters', password: 'tooShort' });
  });

  it('keeps a problem the server found until its field is edited', () => {
    const sent = { ...typed, name: 'Organiser', password: 'une-phrase-solide', confirm: 'une-phrase-solide' };
    const problems = { token: 'wrongToken' as const, name: 'taken' as const };
    expect(recheck(problems, sent, sent)).toEqual(problems);
    expect(recheck(problems, { ...sent, token: 'ABCD-EFGH-JKMP' }, sent)).toEqual({ name: 'taken' });
  });
});
