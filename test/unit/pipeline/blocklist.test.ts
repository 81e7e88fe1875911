import { describe, expect, it } from 'vitest';
import { createBlocklist, defaultBlockedWords, EVERYDAY_WORDS } from '../../../server/pipeline/blocklist.js';

describe('createBlocklist', () => {
  const custom = createBlocklist(['Crétin', 'trou du cul', 'pousse-crotte', '@brut!', 's&m', '🖕'], {
    useDefault: false,
  });

  it('matches whole words, case- and accent-insensitively, returning the entry as written', () => {
    expect(custom.match('Quel CRETIN !')).toBe('Crétin');
    expect(custom.match('quel crétin')).toBe('Crétin');
    expect(custom.match('ＣＲÉＴＩＮ')).toBe('Crétin');
    expect(custom.match('cré\u200Dtin')).toBe('Crétin');
    expect(custom.match('crétinerie')).toBeNull();
  });

  it('matches phrases as phrases, across punctuation and hyphens', () => {
    expect(custom.match('Espèce de TROU-DU-CUL.')).toBe('trou du cul');
    expect(custom.match('un trou dans le cul-de-sac')).toBeNull();
    expect(custom.match('pousse crotte')).toBe('pousse-crotte');
  });

  it('matches leetspeak entries as whole whitespace-separated tokens', () => {
    expect(custom.match('espèce d’ @brut! va')).toBe('@brut!');
    expect(custom.match('«@brut!»,')).toBe('@brut!');
    expect(custom.match('contact@brut!e')).toBeNull();
    expect(custom.match('S&M')).toBe('s&m');
    expect(custom.match('bof 🖕🖕')).toBe('🖕');
  });

  it('counts its entries', () => {
    expect(custom.size).toBe(6);
    expect(createBlocklist([], { useDefault: false }).match('anything')).toBeNull();
  });

  describe('with the default lists', () => {
    const blocklist = createBlocklist([], { useDefault: true });

    it('blocks English and French entries', () => {
      expect(blocklist.match('What the FUCK')).toBe('fuck');
      expect(blocklist.match("c'est de la merde")).toBe('merde');
      expect(blocklist.match('Enculé !')).not.toBeNull();
      expect(blocklist.match('espèce de con')).toBe('con');
      expect(blocklist.size).toBeGreaterThan(2000);
    });

    it('has no Scunthorpe problem', () => {
      for (const text of [
        'Une analyse de la constitution',
        'Scunthorpe United',
        'Essex and Sussex, the assessment class',
        'La conférence sur la consultation citoyenne',
        'Un cocktail à Cockburnspath',
        'Therapist, grapefruit, Middlesex, shitake',
        'Les concombres du marché',
      ]) {
        expect([text, blocklist.match(text)]).toEqual([text, null]);
      }
    });

    it('lets everyday words through', () => {
      for (const text of [
        'Dépôt de gerbe au monument aux morts',
        'Une crotte de chien sur le trottoir',
        'Tickets on sale now, my pet loves it',
        'Les Misérables au théâtre municipal',
        'Cochez la case, retroussez vos manches',
        'Pros and cons of the new bus lines',
      ]) {
        expect([text, blocklist.match(text)]).toEqual([text, null]);
      }
      expect(defaultBlockedWords()).not.toContain('gerbe');
      expect(EVERYDAY_WORDS).toContain('gerbe');
    });

    it('adds custom words to the defaults', () => {
      const both = createBlocklist(['parking'], { useDefault: true });
      expect(both.match('Le PARKING !')).toBe('parking');
      expect(both.match('merde')).toBe('merde');
    });
  });
});

describe('blocklist: default words allowed for one event', () => {
  it('does not block a default word the event allows, accents and case aside', () => {
    const strict = createBlocklist([], { useDefault: true });
    const relaxed = createBlocklist([], { useDefault: true, allowed: ['CONNARD'] });
    expect(strict.match('quel connard')).toBe('connard');
    expect(relaxed.match('quel connard')).toBeNull();
    expect(relaxed.match('merde alors')).toBe('merde');
    expect(relaxed.size).toBe(strict.size - 1);
  });
});
