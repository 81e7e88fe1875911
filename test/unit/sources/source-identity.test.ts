/** What names a source for people, from its settings as the configuration file has them. */
import { describe, expect, it } from 'vitest';
import { sourceSchema } from '../../../server/config/sources.js';
import { identityOf } from '../../../server/sources/identity.js';

const TAGS = ['TownHall'];

describe('identityOf', () => {
  it('names an SMS source by its number, Mastodon by its instances, X and Bluesky by the hashtags', () => {
    const twilio = sourceSchema.parse({
      kind: 'twilio',
      phoneNumber: '+33612345678',
      accountSid: `AC${'0'.repeat(32)}`,
      authToken: 't',
    });
    expect(identityOf(twilio, TAGS)).toEqual({ kind: 'twilio', number: '+33612345678' });
    const mastodon = sourceSchema.parse({
      kind: 'mastodon',
      instances: [{ url: 'https://mastodon.social' }, { url: 'https://piaille.fr/', token: 'secret' }],
    });
    expect(identityOf(mastodon, TAGS)).toEqual({ kind: 'mastodon', hosts: ['mastodon.social', 'piaille.fr'] });
    expect(identityOf(sourceSchema.parse({ kind: 'bluesky' }), TAGS)).toEqual({
      kind: 'bluesky',
      hashtags: ['TownHall'],
    });
    expect(identityOf(sourceSchema.parse({ kind: 'x', bearerToken: 'b' }), [])).toEqual({ kind: 'x', hashtags: [] });
  });

  it('names mail sources by the event’s receiving addresses, and never shows a secret', () => {
    const smtp = sourceSchema.parse({ kind: 'email-smtp', addresses: ['contact@example.org'] });
    expect(identityOf(smtp, TAGS)).toEqual({ kind: 'email-smtp', addresses: ['contact@example.org'] });
    const imap = sourceSchema.parse({
      kind: 'email-imap',
      address: 'wall@example.org',
      host: 'imap.example.org',
      user: 'wall',
      password: 'hunter2-secret',
    });
    const identity = identityOf(imap, TAGS);
    expect(identity).toEqual({ kind: 'email-imap', addresses: ['wall@example.org'] });
    expect(JSON.stringify(identity)).not.toContain('hunter2');
    expect(identityOf(sourceSchema.parse({ kind: 'web' }), TAGS)).toEqual({ kind: 'web' });
  });
});
