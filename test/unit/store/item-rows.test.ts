import { describe, expect, it } from 'vitest';
import { INSERT_COLUMNS, toInsertParams } from '../../../server/store/item-rows.js';
import { sanitizedItem } from '../builders.js';

describe('item rows', () => {
  it('lists every column intake writes, and writes every column it lists', () => {
    const item = sanitizedItem({
      source: 'sms',
      sourceId: 'SM1',
      author: { name: 'Ana', handle: 'ana', avatarUrl: 'https://example.org/a.png', profileUrl: 'https://x.y/ana' },
      contact: { tag: 'sms-3fa92c', masked: '+33 6 •• •• •• 42' },
    });
    const params = toInsertParams('ev', item, { status: 'pending', reasons: [] }, 7, 9);
    expect(Object.keys(params).sort()).toEqual([...INSERT_COLUMNS].sort());
    expect(params).toMatchObject({ status: 'pending', shown_at: null, moderated_by: null, hold_until: 9 });
    expect(toInsertParams('ev', item, { status: 'approved', reasons: [] }, 7, 9)).toMatchObject({
      shown_at: 7,
      moderated_by: 'filter',
      moderated_at: 7,
      hold_until: null,
    });
  });
});
