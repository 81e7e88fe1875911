import { describe, expect, it } from 'vitest';
import { INSERT_COLUMNS, insertValues, toInsertParams } from '../../../server/store/item-rows.js';
import { sanitizedItem } from '../builders.js';

describe('item rows', () => {
  it('lists the insert values in the order of the insert columns', () => {
    const item = sanitizedItem({
      source: 'sms',
      sourceId: 'SM1',
      url: 'https://example.org/1',
      author: { name: 'Ana', handle: 'ana', avatarUrl: 'https://example.org/a.png', profileUrl: 'https://x.y/ana' },
      authorKey: 'sms:tag',
      contact: { tag: 'sms-3fa92c', masked: '+33 6 •• •• •• 42' },
      lang: 'fr',
      context: { kind: 'reply', text: 'earlier' },
      flags: ['reply'],
      hashtags: ['townhall'],
      createdAt: 5,
    });
    const params = toInsertParams('ev', item, { status: 'pending', reasons: [] }, 7, 9);
    // Every value distinct where it can be, so a swap of two columns shows.
    expect(new Set(Object.values(params).map((v) => JSON.stringify(v))).size).toBeGreaterThan(20);
    expect(insertValues(params)).toEqual(INSERT_COLUMNS.map((column) => params[column]));
    expect(INSERT_COLUMNS).toHaveLength(Object.keys(params).length);
  });
});
