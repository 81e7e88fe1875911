import { describe, expect, it } from 'vitest';
import { editedVersion, NewestVersions } from '../../../server/sources/x/edits.js';
import { fixtureJson } from '../pipeline/helpers.js';

const version = (data: Record<string, unknown>, includes?: Record<string, unknown>) => ({
  data: { id: '30', text: 'Corrigé', author_id: '42', ...data },
  ...(includes ? { includes } : {}),
});

describe('editedVersion', () => {
  it('finds the original of an edit, in a stream message or a lookup', () => {
    const edit = version({ edit_history_tweet_ids: ['10', '20', '30'] });
    expect(editedVersion(edit)).toEqual({ originalId: '10', versionId: '30' });
    expect(editedVersion({ data: [edit.data] })).toEqual({ originalId: '10', versionId: '30' });
  });

  it('says a post never edited is no edit, the recorded ones included', () => {
    expect(editedVersion(fixtureJson('twitter/stream-message.json'))).toBeNull();
    expect(editedVersion(fixtureJson('twitter/retweet.json'))).toBeNull();
    expect(editedVersion(version({ edit_history_tweet_ids: ['30'] }))).toBeNull();
    expect(editedVersion(version({}))).toBeNull();
  });

  it('looks at the retweeted post for a retweet', () => {
    const original = { id: '20', text: 'v2', edit_history_tweet_ids: ['10', '20'] };
    const retweet = version(
      { id: '99', edit_history_tweet_ids: ['99'], referenced_tweets: [{ type: 'retweeted', id: '20' }] },
      { tweets: [original] },
    );
    expect(editedVersion(retweet)).toEqual({ originalId: '10', versionId: '20' });
  });

  it('leaves what it cannot read to the pipeline, which reports it', () => {
    for (const payload of [
      null,
      'text',
      {},
      { data: null },
      { data: [] },
      version({ edit_history_tweet_ids: [1, 2] }),
    ]) {
      expect(editedVersion(payload)).toBeNull();
    }
    expect(editedVersion(version({ id: 30, edit_history_tweet_ids: ['10', '30'] }))).toBeNull();
  });
});

describe('NewestVersions', () => {
  it('lets each newer version through and stops older ones and repeats', () => {
    const versions = new NewestVersions();
    expect(versions.isNewest({ originalId: '10', versionId: '20' })).toBe(true);
    expect(versions.isNewest({ originalId: '10', versionId: '30' })).toBe(true);
    expect(versions.isNewest({ originalId: '10', versionId: '20' })).toBe(false);
    expect(versions.isNewest({ originalId: '10', versionId: '30' })).toBe(false);
    expect(versions.isNewest({ originalId: '11', versionId: '25' })).toBe(true);
    // Ids compare as numbers, not as strings.
    expect(versions.isNewest({ originalId: '10', versionId: '100' })).toBe(true);
  });

  it('forgets the posts it heard of least recently past its limit', () => {
    const versions = new NewestVersions(2);
    versions.isNewest({ originalId: '1', versionId: '5' });
    versions.isNewest({ originalId: '2', versionId: '6' });
    versions.isNewest({ originalId: '3', versionId: '7' });
    expect(versions.isNewest({ originalId: '1', versionId: '4' })).toBe(true);
    expect(versions.isNewest({ originalId: '3', versionId: '7' })).toBe(false);
  });
});
