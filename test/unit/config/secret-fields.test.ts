import { describe, expect, it } from 'vitest';
import { joinSecrets, keepSavedSecrets, splitSecrets } from '../../../server/config/secret-fields.js';

describe('secret fields of a source', () => {
  it('takes every secret out of the settings, and puts them back', () => {
    const x = { apiBase: 'https://api.x.com', bearerToken: 'tok' };
    expect(splitSecrets('x', x)).toEqual({
      settings: { apiBase: 'https://api.x.com' },
      secrets: { bearerToken: 'tok' },
    });
    const mastodon = { instances: [{ url: 'https://a.example', token: 't-a' }, { url: 'https://b.example' }] };
    const split = splitSecrets('mastodon', mastodon);
    expect(split).toEqual({
      settings: { instances: [{ url: 'https://a.example' }, { url: 'https://b.example' }] },
      secrets: { 'instances.0.token': 't-a' },
    });
    expect(joinSecrets('mastodon', split.settings, split.secrets)).toEqual(mastodon);
    expect(splitSecrets('web', { maxLength: 300 })).toEqual({ settings: { maxLength: 300 }, secrets: {} });
  });

  it('keeps a saved secret the form left empty, and an instance token while its URL stays', () => {
    expect(keepSavedSecrets('x', { bearerToken: '', pollSeconds: 5 }, { bearerToken: 'saved' })).toEqual({
      bearerToken: 'saved',
      pollSeconds: 5,
    });
    expect(keepSavedSecrets('x', { bearerToken: 'new' }, { bearerToken: 'saved' })).toEqual({ bearerToken: 'new' });
    const saved = {
      instances: [
        { url: 'https://a.example', token: 't-a' },
        { url: 'https://b.example', token: 't-b' },
      ],
    };
    const input = { instances: [{ url: 'https://b.example', token: '' }, { url: 'https://c.example' }] };
    expect(keepSavedSecrets('mastodon', input, saved)).toEqual({
      instances: [{ url: 'https://b.example', token: 't-b' }, { url: 'https://c.example' }],
    });
  });

  it('switches an IMAP mailbox from a password to a token without keeping both', () => {
    expect(keepSavedSecrets('email-imap', { accessToken: 'oauth' }, { password: 'pw' })).toEqual({
      accessToken: 'oauth',
    });
    expect(keepSavedSecrets('email-imap', { host: 'h' }, { password: 'pw' })).toEqual({ host: 'h', password: 'pw' });
  });
});
