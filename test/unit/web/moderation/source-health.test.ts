/** Sources named for people, and their states and last errors in the console's words, in both languages. */
import { describe, expect, it } from 'vitest';
import type { SourceIdentity, SourceProblem, SourceProblemCode } from '../../../../server/protocol/moderation.js';
import { messages } from '../../../../moderation/lib/i18n.js';
import { healthWords } from '../../../../moderation/lib/i18n-health.js';
import { identityOfSettings, sourceName } from '../../../../moderation/lib/source-name.js';
import { healthError, problemText, stateText, timeOfDay } from '../../../../moderation/lib/sources.js';

const NOW = new Date(2026, 2, 12, 9, 0).getTime();
const HALF_PAST_TEN = new Date(2026, 2, 12, 10, 30).getTime();

describe('sourceName', () => {
  it.each([
    [{ kind: 'twilio', number: '+33612345678' }, 'SMS +33 6 12 34 56 78', 'SMS +33 6 12 34 56 78'],
    [{ kind: 'sms-gateway', number: '+442079460958' }, 'SMS +44 20 7946 0958', 'SMS +44 20 7946 0958'],
    [
      { kind: 'mastodon', hosts: ['mastodon.social', 'piaille.fr'] },
      'Mastodon\u00a0: mastodon.social, piaille.fr',
      'Mastodon: mastodon.social, piaille.fr',
    ],
    [{ kind: 'x', hashtags: ['TownHall'] }, 'X\u00a0: #TownHall', 'X: #TownHall'],
    [
      { kind: 'bluesky', hashtags: ['TownHall', 'AG2026'] },
      'Bluesky\u00a0: #TownHall #AG2026',
      'Bluesky: #TownHall #AG2026',
    ],
    [{ kind: 'x', hashtags: [] }, 'X', 'X'],
    [
      { kind: 'email-smtp', addresses: ['contact@example.org'] },
      'Courriel\u00a0: contact@example.org',
      'Email: contact@example.org',
    ],
    [
      { kind: 'email-imap', addresses: ['mur@example.org'] },
      'Courriel\u00a0: mur@example.org',
      'Email: mur@example.org',
    ],
    [{ kind: 'web' }, 'Formulaire web', 'Web form'],
    [{ kind: 'demo' }, 'Démo', 'Demo'],
  ] satisfies [SourceIdentity, string, string][])('%j', (identity, fr, en) => {
    expect(sourceName(identity, 'fr')).toBe(fr);
    expect(sourceName(identity, 'en')).toBe(en);
    expect(sourceName(identity, 'fr')).not.toMatch(/\/\d+:/);
  });

  it('reads the same identity from a source card’s saved settings', () => {
    expect(identityOfSettings('sms-gateway', { phoneNumber: '+33612345678' }, [])).toEqual({
      kind: 'sms-gateway',
      number: '+33612345678',
    });
    const mastodon = { instances: [{ url: 'https://mastodon.social' }, { url: 'https://piaille.fr/' }] };
    expect(sourceName(identityOfSettings('mastodon', mastodon, []), 'fr')).toBe(
      'Mastodon\u00a0: mastodon.social, piaille.fr',
    );
    expect(sourceName(identityOfSettings('x', {}, ['TownHall']), 'en')).toBe('X: #TownHall');
    expect(sourceName(identityOfSettings('email-imap', { address: 'a@example.org' }, []), 'en')).toBe(
      'Email: a@example.org',
    );
  });
});

describe('timeOfDay', () => {
  it('writes 10 h 30 with non-breaking spaces in French, 10:30 AM in English', () => {
    expect(timeOfDay(HALF_PAST_TEN, NOW, 'fr')).toBe('10\u00a0h\u00a030');
    expect(timeOfDay(new Date(2026, 2, 12, 18, 0).getTime(), NOW, 'fr')).toBe('18\u00a0h');
    expect(timeOfDay(HALF_PAST_TEN, NOW, 'en')).toMatch(/^10:30\s?AM$/u);
  });

  it('names the day when it is not today', () => {
    const tomorrow = new Date(2026, 2, 13, 10, 30).getTime();
    expect(timeOfDay(tomorrow, NOW, 'fr')).toBe('13 mars à 10\u00a0h\u00a030');
    expect(timeOfDay(tomorrow, NOW, 'en')).toMatch(/^Mar 13, 10:30\s?AM$/u);
  });
});

describe('stateText', () => {
  it('says a rate limit with the time it ends', () => {
    const limited = { state: 'rate-limited' as const, until: HALF_PAST_TEN };
    expect(stateText(limited, messages.fr.health.states, 'fr', NOW)).toBe('Limite atteinte jusqu’à 10\u00a0h\u00a030');
    expect(stateText(limited, messages.en.health.states, 'en', NOW)).toMatch(/^Limit reached until 10:30\s?AM$/u);
    expect(stateText({ state: 'live' }, messages.fr.health.states, 'fr', NOW)).toBe('En direct');
    expect(stateText({ state: 'polling' }, messages.en.health.states, 'en', NOW)).toBe(
      messages.en.health.states.polling,
    );
  });
});

/** One problem of each code, as the server sends them. */
const PROBLEMS: { [C in SourceProblemCode]: Extract<SourceProblem, { code: C }> } = {
  unreachable: { code: 'unreachable', host: 'mastodon.social' },
  no_network: { code: 'no_network' },
  timeout: { code: 'timeout', host: 'api.x.com' },
  connection_lost: { code: 'connection_lost' },
  unauthorized: { code: 'unauthorized' },
  forbidden: { code: 'forbidden' },
  rate_limited: { code: 'rate_limited', until: HALF_PAST_TEN },
  server_error: { code: 'server_error', status: 503, host: 'piaille.fr' },
  no_hashtag: { code: 'no_hashtag' },
  port_in_use: { code: 'port_in_use', port: 2525 },
  port_denied: { code: 'port_denied', port: 25 },
  other: { code: 'other', detail: 'something odd' },
};

describe('problemText', () => {
  it('words the examples of the issue', () => {
    expect(problemText({ code: 'unreachable' }, 'fr', NOW)).toBe('service injoignable');
    expect(problemText(PROBLEMS.unreachable, 'fr', NOW)).toBe('mastodon.social injoignable');
    expect(problemText(PROBLEMS.rate_limited, 'fr', NOW)).toBe('limite atteinte jusqu’à 10\u00a0h\u00a030');
    expect(problemText(PROBLEMS.rate_limited, 'en', NOW)).toMatch(/^limit reached until 10:30\s?AM$/u);
    expect(problemText(PROBLEMS.server_error, 'fr', NOW)).toBe('piaille.fr répond par une erreur (HTTP\u00a0503)');
  });

  it('has words in both languages for every code, different from the raw code', () => {
    for (const problem of Object.values(PROBLEMS)) {
      const fr = problemText(problem, 'fr', NOW);
      const en = problemText(problem, 'en', NOW);
      expect(fr, problem.code).not.toBe(problem.code);
      expect(fr, problem.code).not.toBe(en);
      expect(fr, problem.code).not.toMatch(/(?<=\p{L}) [:;?!]/u);
    }
    expect(Object.keys(healthWords.fr.problems).sort()).toEqual(Object.keys(PROBLEMS).sort());
  });

  it('reads a code from a newer server as its detail', () => {
    expect(problemText({ code: 'quota' as 'other', detail: 'quota exceeded' }, 'fr', NOW)).toBe('quota exceeded');
  });
});

describe('healthError', () => {
  it('puts the translated problem first and the service’s words for the admin', () => {
    expect(
      healthError(
        { problem: { code: 'unreachable', host: 'api.x.com' }, lastError: 'getaddrinfo ENOTFOUND api.x.com' },
        'fr',
        NOW,
      ),
    ).toEqual({ text: 'api.x.com injoignable', technical: 'getaddrinfo ENOTFOUND api.x.com' });
    expect(healthError({ lastError: 'HTTP 429' }, 'en', NOW)).toEqual({
      text: 'unexpected error',
      technical: 'HTTP 429',
    });
    expect(healthError({}, 'en', NOW)).toBeNull();
  });
});
